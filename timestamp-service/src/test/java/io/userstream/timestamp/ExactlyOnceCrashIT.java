package io.userstream.timestamp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import io.userstream.test.ServiceProcess;
import io.userstream.test.StreamCrashDrill;
import io.userstream.test.TestUsers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged service, killed with {@code kill -9} while records flow, loses and repeats nothing:
 * read_committed, every key comes out exactly once. Under at_least_once the same drill sees
 * duplicates, so the check is able to fail.
 */
class ExactlyOnceCrashIT {

	private static final int RECORDS = 1500;

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	private final String source = "crash-in-" + this.run;

	private final String target = "crash-out-" + this.run;

	private final Map<String, byte[]> messages = new LinkedHashMap<>();

	ExactlyOnceCrashIT() {
		IntStream.range(0, RECORDS).mapToObj(TestUsers::fetched)
			.forEach(user -> this.messages.put(user.id().toString(), TestUsers.json(user)));
	}

	@Test
	void exactlyOnceAcrossAKillAndARestart() {
		var result = new StreamCrashDrill(this.source, this.target, List.of(service("exactly_once_v2", "crash-eos-")))
			.run(this.messages, 100);
		System.out.println("exactly_once_v2 kill -9 and restart: " + result);

		assertThat(result.sentAtKill()).as("killed while records flow").isLessThan(RECORDS);
		assertThat(result.outputAtKill()).as("some but not all output at the kill").isBetween(1, RECORDS - 1);
		assertThat(result.missing(this.messages.keySet())).as("missing").isEmpty();
		assertThat(result.duplicates()).as("duplicates").isZero();
	}

	@Test
	void atLeastOnceRepeatsRecordsAfterTheSameKill() {
		var result = new StreamCrashDrill(this.source, this.target, List.of(service("at_least_once", "crash-alo-")))
			.run(this.messages, 100);
		System.out.println("at_least_once kill -9 and restart: " + result);

		assertThat(result.missing(this.messages.keySet())).as("missing").isEmpty();
		assertThat(result.duplicates()).as("duplicates the exactly-once check would catch").isPositive();
	}

	@Test
	void twoInstancesShareThePartitionsAndTheSurvivorTakesOverExactlyOnce() {
		var result = new StreamCrashDrill(this.source, this.target,
				List.of(service("exactly_once_v2", "crash-pair-"), service("exactly_once_v2", "crash-pair-")))
			.run(this.messages, 100);
		System.out.println("exactly_once_v2 two instances, one killed: " + result);

		assertThat(result.outputAtKill()).as("some but not all output at the kill").isBetween(1, RECORDS - 1);
		assertThat(result.missing(this.messages.keySet())).as("missing").isEmpty();
		assertThat(result.duplicates()).as("duplicates").isZero();
	}

	private ServiceProcess service(String guarantee, String applicationId) {
		return ServiceProcess.ofThisModule("timestamp-service-" + guarantee)
			.with("userstream.topics.users-info", this.source)
			.with("userstream.topics.timestamp", this.target)
			.with("spring.kafka.streams.application-id", applicationId + this.run)
			.with("spring.kafka.streams.state-dir", "target/processes/state-" + UUID.randomUUID())
			.with("spring.kafka.streams.properties.processing.guarantee", guarantee)
			// at_least_once's own default is 30 s; even at 1 s a kill repeats up to a second's work
			.with("spring.kafka.streams.properties.commit.interval.ms", guarantee.equals("at_least_once") ? "1000" : "100");
	}

}
