package io.userstream.label;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.userstream.kafka.RecordTracing;
import io.userstream.kafka.TopicsProperties;
import io.userstream.kafka.deadletter.DeadLetterMetrics;
import io.userstream.kafka.streams.EnrichmentTopology;
import io.userstream.kafka.streams.StreamRoute;
import io.userstream.kafka.streams.UserEnrichment;
import io.userstream.model.Stage;
import io.userstream.model.Topics;
import io.userstream.model.User;
import io.userstream.model.UserJson;
import io.userstream.test.TestUsers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.springframework.boot.context.properties.bind.Binder;

/**
 * The stage's work per record, in nanoseconds: the whole of {@code process} as the stream thread runs
 * it (parse, check, label, write, size check, forward, metrics, tracing), then each of its parts.
 * Run with the root POM's jmh profile.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LabelStageBenchmark {

	/** Users that come round again only after this many records. */
	static final int USERS = 1024;

	/** The five labels of the original scripts, drawn at random, as configured by default. */
	private final UserEnrichment labeling = Labeling.of(new LabelsProperties(null, null));

	private final User[] timestamped = new User[USERS];

	private final User[] labeled = new User[USERS];

	private int next;

	@Setup
	public void setUp() {
		for (int i = 0; i < USERS; i++) {
			this.timestamped[i] = UserJson.read(TestUsers.json(TestUsers.timestamped(i)), Stage.TIMESTAMPED);
			this.labeled[i] = this.labeling.enrich(this.timestamped[i]);
		}
	}

	@Benchmark
	public Object process(Input input) {
		input.processor.process(input.records[next()]);
		Object out = input.context.forwarded().get(0).record();
		input.context.resetForwards();
		return out;
	}

	@Benchmark
	public User read(Input input) {
		return UserJson.read(input.records[next()].value(), Stage.TIMESTAMPED);
	}

	@Benchmark
	public User enrich() {
		return this.labeling.enrich(this.timestamped[next()]);
	}

	@Benchmark
	public byte[] write() {
		return UserJson.write(this.labeled[next()]);
	}

	private int next() {
		return this.next = (this.next + 1) % USERS;
	}

	/**
	 * Records of timestamp_topic as timestamp-service writes them (or as the original scripts did, with
	 * a naive timestamp and no key), and the processor.
	 */
	@State(Scope.Thread)
	public static class Input {

		@Param({ "userstream", "original-scripts" })
		public String wire;

		final Record<String, byte[]>[] records = newRecords();

		final MockProcessorContext<String, Object> context = new MockProcessorContext<>();

		Processor<String, byte[], String, Object> processor;

		@Setup
		public void setUp() throws ReflectiveOperationException {
			boolean original = this.wire.equals("original-scripts");
			for (int i = 0; i < USERS; i++) {
				User user = TestUsers.timestamped(i);
				RecordHeaders headers = new RecordHeaders();
				if (!original) {
					headers.add("traceparent", ("00-" + user.id().toString().replace("-", "") + "-00f067aa0ba902b7-01")
						.getBytes(StandardCharsets.UTF_8));
				}
				this.records[i] = new Record<>(original ? null : user.id().toString(),
						original ? TestUsers.originalScriptsJson(user) : TestUsers.json(user), System.currentTimeMillis(),
						headers);
			}
			TopicsProperties topics = new Binder().bindOrCreate("userstream.topics", TopicsProperties.class);
			this.processor = enrichmentProcessor(LabelStage.route(topics), Labeling.of(new LabelsProperties(null, null)));
			this.processor.init(this.context);
		}

		@SuppressWarnings("unchecked")
		private static Record<String, byte[]>[] newRecords() {
			return new Record[USERS];
		}

	}

	/**
	 * The processor the topology builds, as it is built: EnrichmentProcessor is package-private to
	 * kafka-support, and only its topology, not the processor, is public.
	 */
	@SuppressWarnings("unchecked")
	static Processor<String, byte[], String, Object> enrichmentProcessor(StreamRoute route, UserEnrichment enrichment)
			throws ReflectiveOperationException {
		MeterRegistry meterRegistry = new SimpleMeterRegistry();
		var constructor = Class.forName(EnrichmentTopology.class.getPackageName() + ".EnrichmentProcessor")
			.getDeclaredConstructor(StreamRoute.class, UserEnrichment.class, MeterRegistry.class, DeadLetterMetrics.class,
					RecordTracing.class);
		constructor.setAccessible(true);
		return (Processor<String, byte[], String, Object>) constructor.newInstance(route, enrichment, meterRegistry,
				new DeadLetterMetrics(meterRegistry, Topics.deadLetterOf(route.source())), RecordTracing.NONE);
	}

}
