package io.userstream.ingest.run;

import java.util.Collection;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.scheduling.TaskScheduler;

/**
 * Runs the schedule on one instance of a scaled-out ingest-service: the one Kafka assigns the single
 * partition of {@value #TOPIC} to, in the consumer group of the same name. Nothing is ever written
 * there; the group is only an election. The owner runs at once, then {@code ingest.schedule.interval}
 * after each run ended. When it stops, or its session expires, the partition and the schedule move to
 * another instance. An owner losing the partition first finishes the run it is in, so two scheduled
 * runs never overlap across instances.
 */
class ScheduleOwnership implements ConsumerRebalanceListener {

	static final String TOPIC = "ingest-schedule";

	private static final Logger logger = LoggerFactory.getLogger(ScheduleOwnership.class);

	private final Ingestion ingestion;

	private final IngestProperties.Schedule schedule;

	private final TaskScheduler scheduler;

	private final Lock running = new ReentrantLock();

	private volatile ScheduledFuture<?> runs;

	ScheduleOwnership(Ingestion ingestion, IngestProperties.Schedule schedule, TaskScheduler scheduler,
			MeterRegistry meterRegistry) {
		this.ingestion = ingestion;
		this.schedule = schedule;
		this.scheduler = scheduler;
		Gauge.builder("ingest.schedule.owner", () -> this.runs != null ? 1 : 0)
			.description("1 on the instance that runs the schedule, 0 on the others")
			.register(meterRegistry);
	}

	@Override
	public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
		if (!partitions.isEmpty() && this.runs == null) {
			logger.info("This instance runs the schedule: {} users every {}", this.schedule.count(), this.schedule.interval());
			this.runs = this.scheduler.scheduleWithFixedDelay(this::run, this.schedule.interval());
		}
	}

	@Override
	public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
		giveUp(partitions);
	}

	@Override
	public void onPartitionsLost(Collection<TopicPartition> partitions) {
		giveUp(partitions);
	}

	private void giveUp(Collection<TopicPartition> partitions) {
		if (partitions.isEmpty() || this.runs == null) {
			return;
		}
		this.runs.cancel(false);
		this.running.lock();
		try {
			this.runs = null;
			logger.info("This instance no longer runs the schedule");
		}
		finally {
			this.running.unlock();
		}
	}

	private void run() {
		this.running.lock();
		try {
			this.ingestion.run(RunRequest.ofCount(this.schedule.count()), Ingestion.Trigger.SCHEDULE);
		}
		catch (RunInProgressException ex) {
			logger.info("Scheduled run skipped: {}", ex.getMessage());
		}
		catch (RunFailedException ex) {
			logger.warn("Scheduled run failed: {} ({})", ex.getMessage(),
					NestedExceptionUtils.getMostSpecificCause(ex).toString());
		}
		finally {
			this.running.unlock();
		}
	}

}
