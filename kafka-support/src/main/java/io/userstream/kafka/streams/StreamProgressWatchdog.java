package io.userstream.kafka.streams;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Catches a stage that is alive but moves nothing: records wait on its input while its committed
 * offsets stay where they are for longer than the stall timeout. Kafka Streams can loop like that
 * without a thread ever dying, for example when the broker refuses every batch of its output: the
 * transaction is fenced, the task is reassigned and the same records come back. A broker that does
 * not answer is never judged: nothing can be read then, and an outage is waited out.
 */
class StreamProgressWatchdog implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(StreamProgressWatchdog.class);

	private static final Duration CHECK_EVERY = Duration.ofSeconds(10);

	private final StreamsBuilderFactoryBean streams;

	private final KafkaAdmin kafkaAdmin;

	private final Duration stallTimeout;

	private final Runnable giveUp;

	private ScheduledExecutorService checker;

	private Admin admin;

	private Map<TopicPartition, Long> lastPositions = Map.of();

	private long lastProgress = System.nanoTime();

	StreamProgressWatchdog(StreamsBuilderFactoryBean streams, KafkaAdmin kafkaAdmin, Duration stallTimeout, Runnable giveUp) {
		this.streams = streams;
		this.kafkaAdmin = kafkaAdmin;
		this.stallTimeout = stallTimeout;
		this.giveUp = giveUp;
	}

	void check() {
		KafkaStreams kafkaStreams = this.streams.getKafkaStreams();
		long now = System.nanoTime();
		if (kafkaStreams == null || !kafkaStreams.state().isRunningOrRebalancing()) {
			this.lastProgress = now;
			return;
		}
		Input input;
		try {
			input = input();
		}
		catch (Exception unreachable) {
			this.lastProgress = now;
			return;
		}
		if (input.waiting().isEmpty() || !input.positions().equals(this.lastPositions)) {
			this.lastPositions = input.positions();
			this.lastProgress = now;
			return;
		}
		if (now - this.lastProgress > this.stallTimeout.toNanos()) {
			logger.error("No input committed for {} while {} records wait on {}; giving up so that the process is restarted",
					this.stallTimeout, input.waiting().values().stream().mapToLong(Long::longValue).sum(),
					input.waiting().keySet());
			this.giveUp.run();
		}
	}

	/** Where the stage's group stands on each input partition, and the records behind it beyond a transaction marker. */
	private Input input() throws Exception {
		String group = this.streams.getStreamsConfiguration().getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
		Set<String> topics = this.streams.getTopology().describe().subtopologies().stream()
			.flatMap(subtopology -> subtopology.nodes().stream())
			.filter(TopologyDescription.Source.class::isInstance)
			.flatMap(source -> ((TopologyDescription.Source) source).topicSet().stream())
			.collect(Collectors.toSet());
		Admin admin = admin();
		List<TopicPartition> partitions = admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS).values().stream()
			.flatMap(topic -> topic.partitions().stream().map(info -> new TopicPartition(topic.name(), info.partition())))
			.toList();
		Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
			.partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
		Map<TopicPartition, Long> ends = offsets(admin, partitions, OffsetSpec.latest());
		Map<TopicPartition, Long> earliest = offsets(admin, partitions, OffsetSpec.earliest());
		Map<TopicPartition, Long> positions = new HashMap<>();
		Map<TopicPartition, Long> waiting = new HashMap<>();
		for (TopicPartition partition : partitions) {
			OffsetAndMetadata offset = committed.get(partition);
			long position = (offset != null) ? offset.offset() : earliest.get(partition);
			positions.put(partition, position);
			if (ends.get(partition) - position > 1) {
				waiting.put(partition, ends.get(partition) - position);
			}
		}
		return new Input(positions, waiting);
	}

	private record Input(Map<TopicPartition, Long> positions, Map<TopicPartition, Long> waiting) {
	}

	private static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
			throws Exception {
		return admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), partition -> spec)),
				new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
			.all().get(5, TimeUnit.SECONDS).entrySet().stream()
			.collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
	}

	private Admin admin() {
		if (this.admin == null) {
			Map<String, Object> config = new HashMap<>(this.kafkaAdmin.getConfigurationProperties());
			config.put(AdminClientConfig.CLIENT_ID_CONFIG, "stream-progress");
			this.admin = Admin.create(config);
		}
		return this.admin;
	}

	@Override
	public void start() {
		this.checker = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "stream-progress"));
		this.checker.scheduleWithFixedDelay(this::check, CHECK_EVERY.toSeconds(), CHECK_EVERY.toSeconds(), TimeUnit.SECONDS);
	}

	@Override
	public void stop() {
		this.checker.shutdownNow();
		if (this.admin != null) {
			this.admin.close(Duration.ofSeconds(1));
		}
		this.checker = null;
	}

	@Override
	public boolean isRunning() {
		return this.checker != null;
	}

}
