package io.userstream.ingest.run;

import io.userstream.standin.RandomUserStandIn;
import io.userstream.test.TestKafka;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tests of ingest-service against a local randomuser.me stand-in (one for the test JVM, its script
 * cleared before each test); each test context publishes to a {@code users_info} of its own.
 */
abstract class StandInTests {

	static final RandomUserStandIn upstream = RandomUserStandIn.start(0);

	@DynamicPropertySource
	static void upstreamAndTopic(DynamicPropertyRegistry registry) {
		registry.add("randomuser.base-url", upstream::baseUrl);
		registry.add("userstream.topics.users-info", () -> TestKafka.uniqueTopic("users_info"));
	}

	@BeforeEach
	void resetUpstream() {
		upstream.reset();
	}

}
