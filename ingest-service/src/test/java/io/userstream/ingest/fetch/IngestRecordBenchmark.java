package io.userstream.ingest.fetch;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.userstream.model.Stage;
import io.userstream.model.Topics;
import io.userstream.model.User;
import io.userstream.standin.RandomUserStandIn;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/**
 * Ingest's work per user, in nanoseconds, from one result of a fetched page to the bytes it publishes:
 * formatted, checked, serialized as the producer is configured to. The page is the stand-in's (the
 * real API's fields, types and quirks), fetched once over HTTP, of the configured page size.
 * Run with the root POM's jmh profile.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IngestRecordBenchmark {

	/** randomuser.page-size */
	static final int PAGE_SIZE = 5000;

	private final ResultsParser parser = new ResultsParser();

	private final UserFormatter formatter = new UserFormatter();

	/** spring.kafka.producer.value-serializer, without type headers as configured */
	private final JacksonJsonSerializer<User> serializer = new JacksonJsonSerializer<>();

	private JsonNode page;

	private JsonNode[] results;

	private int next;

	@Setup
	public void setUp() throws Exception {
		try (RandomUserStandIn upstream = RandomUserStandIn.start(0)) {
			HttpResponse<byte[]> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(upstream.baseUrl() + "/api/1.4/?results=" + PAGE_SIZE + "&seed=jmh&page=1"))
					.build(), HttpResponse.BodyHandlers.ofByteArray());
			// as AnswerClassifier reads an answer
			this.page = JsonMapper.shared().readTree(response.body()).path("results");
		}
		this.results = new JsonNode[this.page.size()];
		for (int i = 0; i < this.results.length; i++) {
			this.results[i] = this.page.get(i);
		}
		if (this.parser.parse(this.page).users().size() != PAGE_SIZE) {
			throw new IllegalStateException("the stand-in's page holds users ingest leaves out");
		}
		this.serializer.configure(Map.of("spring.json.add.type.headers", false), false);
	}

	@TearDown
	public void tearDown() {
		this.serializer.close();
	}

	/** The result to the record's value, checked as ResultsParser checks it. */
	@Benchmark
	public byte[] publishedValue() {
		User user = this.formatter.format(this.results[next()]);
		return Stage.FETCHED.accepts(user) ? this.serializer.serialize(Topics.USERS_INFO, user) : null;
	}

	@Benchmark
	public User format() {
		return this.formatter.format(this.results[next()]);
	}

	/** A whole page through ResultsParser, per user: formatting and checking, no serializing. */
	@Benchmark
	@OperationsPerInvocation(PAGE_SIZE)
	public FetchedPage parsePage() {
		return this.parser.parse(this.page);
	}

	private int next() {
		return this.next = (this.next + 1) % this.results.length;
	}

}
