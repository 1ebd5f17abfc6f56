package io.userstream.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a service's CPU went, from a JDK Flight Recorder file: each execution sample is put in the
 * category of the first frame, from the top of its stack, that a rule of {@link #CATEGORIES} claims,
 * so that a hash map called by the JSON parser counts as JSON parsing.
 */
final class JfrProfile {

	private record Category(String name, BiPredicate<String, String> claims) {
	}

	/** In order: the first rule that claims a frame (class, method) names the sample's category. */
	private static final List<Category> CATEGORIES = List.of(
			new Category("JSON parse", (type, method) -> type.startsWith("tools.jackson.core.json.UTF8StreamJsonParser")
					|| type.startsWith("tools.jackson.databind.deser") || type.endsWith("Deserializer")
					|| (type.equals("io.userstream.model.UserJson") && method.startsWith("read"))),
			new Category("JSON write", (type, method) -> type.startsWith("tools.jackson.core.json.UTF8JsonGenerator")
					|| type.startsWith("tools.jackson.databind.ser") || type.endsWith("Serializer") && type.contains("jackson")
					|| (type.equals("io.userstream.model.UserJson") && method.startsWith("write"))),
			new Category("validation", (type, method) -> type.startsWith("io.userstream.model.Stage")),
			new Category("metrics", (type, method) -> type.startsWith("io.micrometer.core") || type.startsWith("io.prometheus")),
			new Category("tracing", (type, method) -> type.startsWith("io.micrometer.tracing")
					|| type.startsWith("io.opentelemetry") || type.equals("io.userstream.kafka.RecordTracing")),
			new Category("logging", (type, method) -> type.startsWith("ch.qos.logback") || type.startsWith("org.slf4j")),
			new Category("PostgreSQL JDBC", (type, method) -> type.startsWith("org.postgresql") || type.startsWith("com.zaxxer.hikari")
					|| type.startsWith("org.springframework.jdbc")),
			new Category("Kafka Streams", (type, method) -> type.startsWith("org.apache.kafka.streams")),
			new Category("Kafka clients (network, batches, transactions)",
					(type, method) -> type.startsWith("org.apache.kafka.clients") || type.startsWith("org.apache.kafka.common")),
			new Category("HTTP (ingest's fetch, the API)", (type, method) -> type.startsWith("org.apache.catalina")
					|| type.startsWith("org.apache.tomcat") || type.startsWith("jdk.internal.net.http")
					|| type.startsWith("java.net.http")),
			new Category("Spring", (type, method) -> type.startsWith("org.springframework")));

	private static final String OTHER = "other (JDK, JIT-compiled glue)";

	private final Map<String, Integer> categories = new LinkedHashMap<>();

	private final Map<String, Integer> selfFrames = new HashMap<>();

	private final Map<String, Integer> ourFrames = new HashMap<>();

	private int samples;

	private JfrProfile() {
		CATEGORIES.forEach(category -> this.categories.put(category.name(), 0));
		this.categories.put(OTHER, 0);
	}

	static JfrProfile read(Path file) {
		JfrProfile profile = new JfrProfile();
		try (RecordingFile recording = new RecordingFile(file)) {
			while (recording.hasMoreEvents()) {
				RecordedEvent event = recording.readEvent();
				if (event.getEventType().getName().equals("jdk.ExecutionSample") && event.getStackTrace() != null) {
					profile.add(event.getStackTrace().getFrames());
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return profile;
	}

	int samples() {
		return this.samples;
	}

	/** Percent of the samples in each category. */
	Map<String, Double> categoryShares() {
		Map<String, Double> shares = new LinkedHashMap<>();
		this.categories.forEach((name, count) -> shares.put(name, percent(count)));
		return shares;
	}

	/** The categories, the hottest methods by their own samples, and our methods with their callees. */
	String summary(int top) {
		StringBuilder summary = new StringBuilder(this.samples + " CPU samples\n");
		categoryShares().entrySet()
			.stream()
			.sorted(Map.Entry.<String, Double>comparingByValue().reversed())
			.forEach(share -> summary.append(String.format(Locale.ROOT, "  %5.1f %%  %s%n", share.getValue(), share.getKey())));
		summary.append("hottest methods (own time):\n");
		hottest(this.selfFrames, top, summary);
		summary.append("userstream methods (with what they call):\n");
		hottest(this.ourFrames, top, summary);
		return summary.toString();
	}

	private void add(List<RecordedFrame> frames) {
		if (frames.isEmpty()) {
			return;
		}
		this.samples++;
		this.selfFrames.merge(name(frames.get(0)), 1, Integer::sum);
		String category = OTHER;
		Set<String> ours = new HashSet<>();
		for (RecordedFrame frame : frames) {
			String type = frame.getMethod().getType().getName();
			if (category.equals(OTHER)) {
				for (Category rule : CATEGORIES) {
					if (rule.claims().test(type, frame.getMethod().getName())) {
						category = rule.name();
						break;
					}
				}
			}
			if (type.startsWith("io.userstream")) {
				ours.add(name(frame));
			}
		}
		this.categories.merge(category, 1, Integer::sum);
		ours.forEach(method -> this.ourFrames.merge(method, 1, Integer::sum));
	}

	private void hottest(Map<String, Integer> frames, int top, StringBuilder summary) {
		frames.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.limit(top)
			.forEach(frame -> summary.append(String.format(Locale.ROOT, "  %5.1f %%  %s%n", percent(frame.getValue()),
					frame.getKey())));
	}

	private double percent(int count) {
		return (this.samples == 0) ? 0 : 100.0 * count / this.samples;
	}

	private static String name(RecordedFrame frame) {
		String type = frame.getMethod().getType().getName();
		return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
	}

}
