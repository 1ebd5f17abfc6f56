package io.userstream.ingest.run;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

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

	static final RandomUserStandIn upstream = warm(RandomUserStandIn.start(0));

	@DynamicPropertySource
	static void upstreamAndTopic(DynamicPropertyRegistry registry) {
		registry.add("randomuser.base-url", upstream::baseUrl);
		registry.add("userstream.topics.users-info", () -> TestKafka.uniqueTopic("users_info"));
	}

	@BeforeEach
	void resetUpstream() {
		upstream.reset();
	}

	/** One page served before any test, so no test's short read timeout meets the fake-data library's cold start. */
	private static RandomUserStandIn warm(RandomUserStandIn standIn) {
		try {
			HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(standIn.baseUrl() + "/api/1.4/?results=50")).build(),
						HttpResponse.BodyHandlers.discarding());
			return standIn;
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException("The randomuser stand-in did not answer", ex);
		}
	}

}
