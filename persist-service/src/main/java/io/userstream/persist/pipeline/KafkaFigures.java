package io.userstream.persist.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.userstream.kafka.TopicsProperties;
import io.userstream.kafka.deadletter.DeadLetter;
import io.userstream.kafka.deadletter.DeadLetterProperties;
import io.userstream.kafka.deadletter.DeadLetterReader;
import io.userstream.kafka.deadletter.DeadLetterSource;
import io.userstream.persist.sink.SinkGroup;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * What Kafka itself says of the pipeline: records per topic, each stage's committed position and lag
 * (read-committed ends, so an open transaction is not counted as waiting), and the dead-letter topics,
 * read through the same reader as the dead-letter endpoints. A stage is not consuming when its
 * committed offsets have stood still for {@code stallAfter} while more than one record waits
 * (transaction markers leave a lag of 0 or 1 when idle).
 */
@Component
class KafkaFigures implements DisposableBean {

	private static final long TIMEOUT_SECONDS = 5;

	private static final int LATEST_DEAD_LETTERS = 5;

	private final KafkaAdmin kafkaAdmin;

	private final PipelinePageProperties properties;

	private final List<StageInput> stages;

	private final List<DeadLetterReader> deadLetters;

	private final Map<String, Progress> progress = new HashMap<>();

	private Admin admin;

	KafkaFigures(KafkaAdmin kafkaAdmin, KafkaProperties kafka, TopicsProperties topics,
			DeadLetterProperties deadLetterProperties, PipelinePageProperties properties) {
		this.kafkaAdmin = kafkaAdmin;
		this.properties = properties;
		this.stages = List.of(new StageInput("timestamp-service", properties.timestampGroup(), topics.usersInfo()),
				new StageInput("label-service", properties.labelGroup(), topics.timestamp()),
				new StageInput("persist-service", SinkGroup.ID, topics.label()));
		this.deadLetters = this.stages.stream()
			.map(stage -> DeadLetterReader.of(new DeadLetterSource(stage.topic()), deadLetterProperties, kafka))
			.toList();
	}

	synchronized View read() throws Exception {
		Admin admin = admin();
		List<String> names = this.stages.stream().map(StageInput::topic).toList();
		List<TopicPartition> partitions = partitions(admin, names);
		Map<TopicPartition, Long> ends = offsets(admin, partitions, OffsetSpec.latest());
		Map<TopicPartition, Long> beginnings = offsets(admin, partitions, OffsetSpec.earliest());

		List<TopicFigure> topics = names.stream()
			.map(name -> new TopicFigure(name, sum(ends, name)))
			.toList();
		List<StageFigure> stageFigures = new ArrayList<>();
		long now = System.nanoTime();
		for (StageInput stage : this.stages) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(stage.group())
				.partitionsToOffsetAndMetadata()
				.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
			long position = 0;
			long lag = 0;
			for (TopicPartition partition : partitions) {
				if (partition.topic().equals(stage.topic())) {
					OffsetAndMetadata offset = committed.get(partition);
					long at = (offset != null) ? offset.offset() : beginnings.get(partition);
					position += at;
					lag += Math.max(0, ends.get(partition) - at);
				}
			}
			Progress last = this.progress.get(stage.group());
			if (last == null || last.position() != position) {
				last = new Progress(position, now);
				this.progress.put(stage.group(), last);
			}
			boolean stalled = lag > 1 && Duration.ofNanos(now - last.since()).compareTo(this.properties.stallAfter()) >= 0;
			stageFigures.add(new StageFigure(stage.service(), stage.group(), stage.topic(), position, lag,
					!committed.isEmpty(), !stalled));
		}
		List<DeadLetterFigure> deadLetterFigures = new ArrayList<>();
		for (DeadLetterReader reader : this.deadLetters) {
			long size = reader.count();
			List<DeadLetter> latest = (size > 0) ? reader.page(LATEST_DEAD_LETTERS, null).deadLetters() : List.of();
			deadLetterFigures.add(new DeadLetterFigure(reader.topic(), size, latest.stream().map(LatestDeadLetter::of).toList()));
		}
		return new View(topics, stageFigures, deadLetterFigures);
	}

	private static long sum(Map<TopicPartition, Long> offsets, String topic) {
		return offsets.entrySet().stream().filter(entry -> entry.getKey().topic().equals(topic)).mapToLong(Map.Entry::getValue).sum();
	}

	private static List<TopicPartition> partitions(Admin admin, List<String> topics) throws Exception {
		return admin.describeTopics(topics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).values().stream()
			.flatMap(topic -> topic.partitions().stream().map(info -> new TopicPartition(topic.name(), info.partition())))
			.toList();
	}

	private static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
			throws Exception {
		return admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), partition -> spec)),
				new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
			.all()
			.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
			.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
	}

	private Admin admin() {
		if (this.admin == null) {
			Map<String, Object> config = new HashMap<>(this.kafkaAdmin.getConfigurationProperties());
			config.put(AdminClientConfig.CLIENT_ID_CONFIG, "pipeline-page");
			this.admin = Admin.create(config);
		}
		return this.admin;
	}

	@Override
	public synchronized void destroy() {
		if (this.admin != null) {
			this.admin.close(Duration.ofSeconds(1));
		}
		this.deadLetters.forEach(DeadLetterReader::close);
	}

	private record StageInput(String service, String group, String topic) {
	}

	private record Progress(long position, long since) {
	}

	record View(List<TopicFigure> topics, List<StageFigure> stages, List<DeadLetterFigure> deadLetters) {
	}

	/** @param records the topic's committed end offsets, summed over its partitions */
	record TopicFigure(String name, long records) {
	}

	/** @param consuming false once the stage is marked as not consuming */
	record StageFigure(String service, String group, String input, long committed, long lag, boolean hasOffsets,
			boolean consuming) {
	}

	/** @param records the dead letters the topic holds */
	record DeadLetterFigure(String topic, long records, List<LatestDeadLetter> latest) {
	}

	record LatestDeadLetter(Instant time, String exceptionClass, String reason, String key) {

		static LatestDeadLetter of(DeadLetter deadLetter) {
			return new LatestDeadLetter(deadLetter.time(), deadLetter.exceptionClass(), deadLetter.reason(), deadLetter.key());
		}

	}

}
