package io.userstream.test;

import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

import io.userstream.model.Topics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * A stream stage's topology on Kafka Streams' {@link TopologyTestDriver}: records in and out in
 * milliseconds, no broker. What only a broker can show (transactions, crashes) stays in the real-broker tests.
 */
public final class StageDriver implements AutoCloseable {

	private final TopologyTestDriver driver;

	private final TestInputTopic<String, byte[]> in;

	private final TestOutputTopic<String, byte[]> out;

	private final TestOutputTopic<String, byte[]> deadLetters;

	/** The stage {@code build} adds to a builder, reading {@code source} and writing {@code target}. */
	public StageDriver(Consumer<StreamsBuilder> build, String source, String target) {
		this(build, source, target, Map.of());
	}

	/** ... with these Kafka Streams settings on top of the defaults (for example a producer's limits). */
	public StageDriver(Consumer<StreamsBuilder> build, String source, String target, Map<String, String> settings) {
		StreamsBuilder builder = new StreamsBuilder();
		build.accept(builder);
		Properties config = new Properties();
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, "stage-driver");
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
		config.putAll(settings);
		this.driver = new TopologyTestDriver(builder.build(), config);
		this.in = this.driver.createInputTopic(source, new StringSerializer(), new ByteArraySerializer());
		this.out = this.driver.createOutputTopic(target, new StringDeserializer(), new ByteArrayDeserializer());
		this.deadLetters = this.driver.createOutputTopic(Topics.deadLetterOf(source), new StringDeserializer(),
				new ByteArrayDeserializer());
	}

	public TestInputTopic<String, byte[]> in() {
		return this.in;
	}

	public TestOutputTopic<String, byte[]> out() {
		return this.out;
	}

	public TestOutputTopic<String, byte[]> deadLetters() {
		return this.deadLetters;
	}

	@Override
	public void close() {
		this.driver.close();
	}

}
