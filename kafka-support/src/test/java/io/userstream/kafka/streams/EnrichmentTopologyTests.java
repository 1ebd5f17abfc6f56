package io.userstream.kafka.streams;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.userstream.kafka.DeadLetterHeaders;
import io.userstream.kafka.RecordTracing;
import io.userstream.model.Stage;
import io.userstream.model.User;
import io.userstream.model.UserJson;
import io.userstream.test.StageDriver;
import io.userstream.test.TestUsers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.kafka.support.KafkaHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/** The stage's topology on Kafka Streams' test driver: every routing decision, in milliseconds. */
class EnrichmentTopologyTests {

	private static final Instant PUBLISHED = Instant.parse("2026-11-28T15:01:08.451Z");

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final StageDriver stage = new StageDriver(builder -> EnrichmentTopology.build(builder,
			new StreamRoute("in", "out", Stage.TIMESTAMPED), user -> user.withLabels("enriched"), this.meters, RecordTracing.NONE), "in", "out");

	@AfterEach
	void close() {
		this.stage.close();
	}

	/** The stage's trace handling on a real OpenTelemetry tracer: the trace goes on, with the stage's own span. */
	@Test
	void continuesEachRecordsTraceWithASpanOfItsOwnOnTheOutputAndOnADeadLetter() {
		SdkTracerProvider spans = SdkTracerProvider.builder().build();
		ContextPropagators w3c = ContextPropagators.create(W3CTraceContextPropagator.getInstance());
		io.opentelemetry.api.trace.Tracer otel = spans.get("test");
		RecordTracing tracing = new RecordTracing(new OtelTracer(otel, new OtelCurrentTraceContext(), event -> {
		}), new OtelPropagator(w3c, otel));
		String incoming = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
		try (StageDriver traced = new StageDriver(builder -> EnrichmentTopology.build(builder,
				new StreamRoute("in", "out", Stage.TIMESTAMPED), user -> user.withLabels("enriched"), this.meters, tracing),
				"in", "out")) {
			traced.in().pipeInput(new TestRecord<>("k", TestUsers.json(TestUsers.timestamped(1)),
					new RecordHeaders().add("traceparent", bytes(incoming)), PUBLISHED));
			traced.in().pipeInput(new TestRecord<>("poison", bytes("not a user"),
					new RecordHeaders().add("traceparent", bytes(incoming)), PUBLISHED));

			for (TestRecord<String, byte[]> out : List.of(traced.out().readRecord(), traced.deadLetters().readRecord())) {
				assertThat(out.headers().headers("traceparent")).as(out.key()).hasSize(1);
				assertThat(new String(out.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8)).as(out.key())
					.matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01")
					.doesNotContain("00f067aa0ba902b7");
			}
		}
		finally {
			spans.close();
		}
	}

	@Test
	void enrichesAValidUserKeyedByItsIdKeepingTheHeadersAndThePublishTime() {
		User user = TestUsers.timestamped(1);
		var headers = new RecordHeaders().add("traceparent", bytes("00-abc-def-01"));

		this.stage.in().pipeInput(new TestRecord<>("some-other-key", TestUsers.json(user), headers, PUBLISHED));

		TestRecord<String, byte[]> enriched = this.stage.out().readRecord();
		assertThat(enriched.key()).isEqualTo(user.id().toString());
		assertThat(UserJson.read(enriched.value(), Stage.LABELED)).isEqualTo(UserJson.read(TestUsers.json(user), Stage.TIMESTAMPED).withLabels("enriched"));
		assertThat(enriched.headers().lastHeader("traceparent").value()).isEqualTo(bytes("00-abc-def-01"));
		assertThat(enriched.timestamp()).isEqualTo(PUBLISHED.toEpochMilli());
		assertThat(this.stage.deadLetters().isEmpty()).isTrue();
		assertThat(this.meters.get("userstream.stream.records").tag("outcome", "enriched").counter().count()).isEqualTo(1);
		assertThat(this.meters.get("userstream.stream.processing").timer().count()).isEqualTo(1);
	}

	@Test
	void enrichesTheOriginalScriptsFormWithoutKeyNumericPostCodeAndPythonTimestamp() {
		User user = TestUsers.timestamped(2);

		this.stage.in().pipeInput(null, TestUsers.originalScriptsJson(user));

		TestRecord<String, byte[]> enriched = this.stage.out().readRecord();
		assertThat(enriched.key()).isEqualTo(user.id().toString());
		User read = UserJson.read(enriched.value(), Stage.LABELED);
		assertThat(read.postCode()).isEqualTo(user.postCode());
		assertThat(read.timestamp()).isEqualTo(UserJson.read(TestUsers.json(user), Stage.TIMESTAMPED).timestamp());
		assertThat(UserJson.mapper().readTree(enriched.value()).get("post_code").isString()).isTrue();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			empty                 ||                                                                                empty message
			not JSON              | not json at all                                                                 | not a user JSON
			JSON null             | null                                                                            | not a user JSON: null
			JSON array            | []                                                                              | not a user JSON
			id not a UUID         | {"id":"x","first_name":"A","last_name":"B","email":"e","timestamp":"2026-11-28T15:01:08Z"} | not a user JSON
			no id                 | {"first_name":"A","last_name":"B","email":"e","timestamp":"2026-11-28T15:01:08Z"} | id is missing
			blank first name      | {"id":"2a9cb0f5-cbe0-4aab-9561-c2d3c934aa88","first_name":" ","last_name":"B","email":"e","timestamp":"2026-11-28T15:01:08Z"} | first_name is missing
			no last name          | {"id":"2a9cb0f5-cbe0-4aab-9561-c2d3c934aa88","first_name":"A","email":"e","timestamp":"2026-11-28T15:01:08Z"} | last_name is missing
			no email              | {"id":"2a9cb0f5-cbe0-4aab-9561-c2d3c934aa88","first_name":"A","last_name":"B","timestamp":"2026-11-28T15:01:08Z"} | email is missing
			no timestamp          | {"id":"2a9cb0f5-cbe0-4aab-9561-c2d3c934aa88","first_name":"A","last_name":"B","email":"e"} | timestamp is missing
			timestamp not a time  | {"id":"2a9cb0f5-cbe0-4aab-9561-c2d3c934aa88","first_name":"A","last_name":"B","email":"e","timestamp":"soon"} | not a user JSON
			post_code an object   | {"id":"2a9cb0f5-cbe0-4aab-9561-c2d3c934aa88","first_name":"A","last_name":"B","email":"e","timestamp":"2026-11-28T15:01:08Z","post_code":{}} | not a user JSON
			""")
	void deadLettersWhatIsNotAValidUserWithItsOriginalBytesHeadersAndTheReason(String kind, String value, String reason) {
		byte[] original = (value == null) ? new byte[0] : bytes(value);
		var headers = new RecordHeaders().add("traceparent", bytes("00-abc-def-01"));

		this.stage.in().pipeInput(new TestRecord<>("poison-key", original, headers, PUBLISHED));

		assertThat(this.stage.out().isEmpty()).isTrue();
		TestRecord<String, byte[]> deadLetter = this.stage.deadLetters().readRecord();
		assertThat(deadLetter.key()).isEqualTo("poison-key");
		assertThat(deadLetter.value()).isEqualTo(original);
		assertThat(deadLetter.timestamp()).isEqualTo(PUBLISHED.toEpochMilli());
		assertThat(deadLetter.headers().lastHeader("traceparent").value()).isEqualTo(bytes("00-abc-def-01"));
		assertThat(DeadLetterHeaders.reason(deadLetter.headers())).contains(reason);
		assertThat(new String(deadLetter.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC).value(), StandardCharsets.UTF_8))
			.isEqualTo("in");
		assertThat(DeadLetterHeaders.originalOffset(deadLetter.headers())).isZero();
		assertThat(this.meters.get("userstream.stream.records").tag("outcome", "dead-lettered").counter().count()).isEqualTo(1);
	}

	@Test
	void aPoisonRecordHoldsUpNoneOfTheUsersAroundIt() {
		List<User> users = List.of(TestUsers.timestamped(1), TestUsers.timestamped(2));

		this.stage.in().pipeInput(null, TestUsers.json(users.get(0)));
		this.stage.in().pipeInput("poison", bytes("{"));
		this.stage.in().pipeInput(null, TestUsers.json(users.get(1)));

		assertThat(this.stage.out().readKeyValuesToList()).extracting(record -> record.key)
			.containsExactly(users.get(0).id().toString(), users.get(1).id().toString());
		assertThat(DeadLetterHeaders.originalOffset(this.stage.deadLetters().readRecord().headers())).isEqualTo(1L);
	}

	@Test
	void deadLettersAUserWhoseEnrichedRecordTheProducerWouldRefuseAsTooLarge() {
		User grows = TestUsers.timestamped(3);
		User user = TestUsers.timestamped(4);
		try (StageDriver limited = new StageDriver(builder -> EnrichmentTopology.build(builder,
				new StreamRoute("in", "out", Stage.TIMESTAMPED),
				u -> u.withLabels(u.id().equals(grows.id()) ? "z".repeat(3000) : "enriched"), this.meters, RecordTracing.NONE), "in", "out",
				Map.of("producer.max.request.size", "3000"))) {
			byte[] original = TestUsers.json(grows);
			limited.in().pipeInput(null, original);
			limited.in().pipeInput(null, TestUsers.json(user));

			TestRecord<String, byte[]> deadLetter = limited.deadLetters().readRecord();
			assertThat(deadLetter.value()).isEqualTo(original);
			assertThat(DeadLetterHeaders.reason(deadLetter.headers())).contains("max.request.size of 3000");
			assertThat(DeadLetterHeaders.isTruncated(deadLetter.headers())).isFalse();
			assertThat(limited.out().readRecord().key()).as("the next user still flows").isEqualTo(user.id().toString());
		}
		assertThat(this.meters.get("userstream.stream.records").tag("outcome", "oversized").counter().count()).isEqualTo(1);
	}

	@Test
	void deadLettersATruncatedValueMarkedAsSuchWhenEvenTheOriginalWouldNotFit() {
		byte[] huge = bytes("{\"first_name\": \"" + "y".repeat(10_000) + "\"}");
		try (StageDriver limited = new StageDriver(builder -> EnrichmentTopology.build(builder,
				new StreamRoute("in", "out", Stage.TIMESTAMPED), u -> u, this.meters, RecordTracing.NONE), "in", "out",
				Map.of("producer.max.request.size", "8000"))) {
			limited.in().pipeInput("k", huge);

			TestRecord<String, byte[]> deadLetter = limited.deadLetters().readRecord();
			assertThat(DeadLetterHeaders.isTruncated(deadLetter.headers())).isTrue();
			assertThat(new String(deadLetter.headers().lastHeader(DeadLetterHeaders.ORIGINAL_VALUE_SIZE).value(),
					StandardCharsets.UTF_8)).isEqualTo(String.valueOf(huge.length));
			assertThat(deadLetter.value()).hasSizeLessThan(huge.length).isEqualTo(Arrays.copyOf(huge, deadLetter.value().length));
			assertThat(DeadLetterHeaders.reason(deadLetter.headers())).contains("id is missing");
		}
	}

	@Test
	void deadLettersARecordWhoseEnrichmentFailsUnexpectedlyAndGoesOn() {
		User user = TestUsers.timestamped(4);
		try (StageDriver failing = new StageDriver(builder -> EnrichmentTopology.build(builder,
				new StreamRoute("in", "out", Stage.TIMESTAMPED), u -> {
					if (u.firstName().equals("First5")) {
						throw new IllegalStateException("enrichment broke");
					}
					return u;
				}, this.meters, RecordTracing.NONE), "in", "out")) {
			failing.in().pipeInput(null, TestUsers.json(TestUsers.timestamped(5)));
			failing.in().pipeInput(null, TestUsers.json(user));

			TestRecord<String, byte[]> deadLetter = failing.deadLetters().readRecord();
			assertThat(new String(deadLetter.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_FQCN).value(),
					StandardCharsets.UTF_8)).isEqualTo(IllegalStateException.class.getName());
			assertThat(DeadLetterHeaders.reason(deadLetter.headers())).isEqualTo("enrichment broke");
			assertThat(failing.out().readRecord().key()).isEqualTo(user.id().toString());
		}
		assertThat(this.meters.get("userstream.stream.records").tag("outcome", "failed").counter().count()).isEqualTo(1);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
