package io.userstream.persist.sink;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.userstream.kafka.RecordTracing;
import io.userstream.model.InvalidUserException;
import io.userstream.model.Stage;
import io.userstream.model.Topics;
import io.userstream.model.UserJson;
import io.userstream.persist.sink.DeadLetterPublisher.DeadLetter;
import io.userstream.persist.sink.UserTable.Written;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * {@code label_topic} into {@code user_data}, a polled batch at a time: invalid records are set aside
 * first, the rest written in one transaction, then the set-aside ones dead-lettered; only after all of
 * that does the container commit the offsets. A redelivered batch inserts nothing twice. An exception
 * leaving here means the database (or the dead-letter topic) is unreachable and the batch is retried.
 */
@Component
class UserSink {

	static final String ID = SinkGroup.ID;

	private static final Logger log = LoggerFactory.getLogger(UserSink.class);

	private final UserTable table;

	private final UserDataColumns columns;

	private final DeadLetterPublisher deadLetterTopic;

	private final SinkMetrics metrics;

	private final SinkHealthIndicator health;

	private final RecordTracing tracing;

	UserSink(UserTable table, UserDataColumns columns, DeadLetterPublisher deadLetterTopic, SinkMetrics metrics,
			SinkHealthIndicator health, RecordTracing tracing) {
		this.tracing = tracing;
		this.table = table;
		this.columns = columns;
		this.deadLetterTopic = deadLetterTopic;
		this.metrics = metrics;
		this.health = health;
	}

	@KafkaListener(id = ID, topics = "${userstream.topics.label:" + Topics.LABEL_TOPIC + "}")
	void store(List<ConsumerRecord<String, byte[]>> records) throws SQLException {
		Map<UserRow, ConsumerRecord<String, byte[]>> sources = new IdentityHashMap<>();
		List<UserRow> rows = new ArrayList<>(records.size());
		List<DeadLetter> deadLetters = new ArrayList<>();
		try {
			for (ConsumerRecord<String, byte[]> record : records) {
				try (var trace = this.tracing.inScopeOf(record.headers())) {
					UserRow row = UserRow.of(UserJson.read(record.value(), Stage.LABELED),
							Instant.ofEpochMilli(record.timestamp()), this.columns);
					rows.add(row);
					sources.put(row, record);
				}
				catch (InvalidUserException ex) {
					deadLetters.add(new DeadLetter(record, ex));
				}
			}
		}
		catch (DataAccessException ex) {
			// The columns' widths are read from the database at the first row.
			databaseUnavailable(ex, records.size());
			throw ex;
		}
		long start = System.nanoTime();
		Written written = write(rows);
		Instant committed = Instant.now();
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		written.refused().forEach(refused -> deadLetters.add(new DeadLetter(sources.get(refused.row()),
				new InvalidUserException("refused by the database, SQLState " + refused.sqlState()))));

		int duplicates = rows.size() - written.refused().size() - written.inserted().size();
		this.metrics.batch(records.size(), took, written.inserted().size(), duplicates);
		Set<UUID> firstSeen = new HashSet<>(written.inserted());
		for (UserRow row : rows) {
			if (firstSeen.remove(row.id())) {
				ConsumerRecord<String, byte[]> source = sources.get(row);
				this.metrics.endToEnd(Duration.between(Instant.ofEpochMilli(source.timestamp()), committed));
				if (log.isDebugEnabled()) {
					try (var trace = this.tracing.inScopeOf(source.headers())) {
						log.debug("Stored user {}", row.id());
					}
				}
			}
		}
		deadLetter(deadLetters);
		this.health.batchStored();
		log.debug("Stored a batch of {} records: {} inserted, {} duplicates, {} dead-lettered in {} ms", records.size(),
				written.inserted().size(), duplicates, deadLetters.size(), took.toMillis());
	}

	private Written write(List<UserRow> rows) throws SQLException {
		try {
			return this.table.write(rows);
		}
		catch (SQLException ex) {
			databaseUnavailable(ex, rows.size());
			throw ex;
		}
	}

	private void databaseUnavailable(Exception ex, int rows) {
		this.health.databaseUnavailable(ex);
		String state = (NestedExceptionUtils.getMostSpecificCause(ex) instanceof SQLException sql) ? sql.getSQLState()
				: null;
		log.warn("Database unavailable (SQLState {}); the batch of {} rows waits and is tried again", state, rows);
	}

	private void deadLetter(List<DeadLetter> deadLetters) {
		if (deadLetters.isEmpty()) {
			return;
		}
		try {
			this.deadLetterTopic.publishAll(deadLetters);
		}
		catch (RuntimeException ex) {
			String topic = Topics.deadLetterOf(deadLetters.get(0).record().topic());
			this.health.deadLettersUnpublishable(topic, ex);
			log.warn("Dead letters cannot be published to {} ({}); the batch waits and is tried again", topic,
					ex.getClass().getName());
			throw ex;
		}
		for (DeadLetter deadLetter : deadLetters) {
			ConsumerRecord<String, byte[]> source = deadLetter.record();
			this.metrics.deadLettered(source, deadLetter.reason());
			try (var trace = this.tracing.inScopeOf(source.headers())) {
				log.warn("Dead-lettered {}-{}@{} (key {}): {}", source.topic(), source.partition(), source.offset(),
						source.key(), deadLetter.reason().getMessage());
			}
		}
	}

}
