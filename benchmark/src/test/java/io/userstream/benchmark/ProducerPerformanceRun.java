package io.userstream.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.userstream.test.TestKafka;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * Kafka's own {@link ProducerPerformance} (kafka-tools) against the benchmark's broker, in a JVM of its
 * own as an operator would run it, sending our records from a payload file: what one hop can do here.
 */
final class ProducerPerformanceRun {

	private static final Pattern SUMMARY = Pattern.compile("(\\d+) records sent, ([0-9.]+) records/sec");

	private ProducerPerformanceRun() {
	}

	/**
	 * Records per second for {@code records} of the payloads in {@code payloads} (one per line) sent
	 * with {@code acks=all} and our producer's batching, inside transactions of {@code transactionMs}
	 * when that is positive.
	 */
	static double recordsPerSecond(String topic, int records, Path payloads, int transactionMs) {
		TestKafka.createTopics(3, topic);
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-cp", System.getProperty("java.class.path"), ProducerPerformance.class.getName(),
				"--topic", topic, "--num-records", Integer.toString(records), "--throughput", "-1",
				"--payload-file", payloads.toString(), "--producer-props",
				"bootstrap.servers=" + TestKafka.bootstrapServers(), "acks=all", "compression.type=lz4",
				"batch.size=131072", "linger.ms=10"));
		if (transactionMs > 0) {
			command.addAll(List.of("--transactional-id", topic, "--transaction-duration-ms", Integer.toString(transactionMs)));
		}
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (process.waitFor() != 0) {
				throw new IllegalStateException("ProducerPerformance failed:\n" + output);
			}
			Matcher summary = SUMMARY.matcher(output);
			double rate = -1;
			while (summary.find()) {
				rate = Double.parseDouble(summary.group(2));
			}
			if (rate < 0) {
				throw new IllegalStateException("No summary from ProducerPerformance:\n" + output);
			}
			return rate;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
