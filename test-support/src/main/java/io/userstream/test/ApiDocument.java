package io.userstream.test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service's OpenAPI document as anyone gets it, without the token, from {@code /v3/api-docs}; and what it
 * must say of each operation: every status the operation answers, each error as
 * {@code application/problem+json} with the {@code ProblemDetail} schema, and the bearer token required.
 */
public final class ApiDocument {

	private static final String PROBLEM_JSON = "application/problem+json";

	private final JsonNode document;

	private ApiDocument(JsonNode document) {
		this.document = document;
	}

	/** The document of the API served at {@code api} ({@code http://localhost:<port>}), fetched over real HTTP. */
	public static ApiDocument of(URI api) {
		HttpResponse<String> response = ApiDoorContract.send(HttpRequest.newBuilder(api.resolve("/v3/api-docs")));
		assertThat(response.statusCode()).as("GET /v3/api-docs without a token: " + response.body()).isEqualTo(200);
		return new ApiDocument(JsonMapper.shared().readTree(response.body()));
	}

	/** Every documented operation, as {@code "GET /users/{id}"}. */
	public Set<String> operations() {
		Set<String> operations = new TreeSet<>();
		this.document.path("paths")
			.properties()
			.forEach(path -> path.getValue()
				.propertyNames()
				.forEach(method -> operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
		return operations;
	}

	/**
	 * Asserts that {@code method path} is documented with exactly these statuses, every 4xx and 5xx as
	 * problem+json, and that it needs the bearer token.
	 */
	public void assertOperation(String method, String path, int... statuses) {
		String operationName = method + " " + path;
		JsonNode operation = this.document.path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
		assertThat(operation.isObject()).as(operationName + " in " + operations()).isTrue();
		JsonNode responses = operation.path("responses");
		assertThat(responses.propertyNames()).as(operationName + " statuses")
			.containsExactlyInAnyOrderElementsOf(Arrays.stream(statuses).mapToObj(String::valueOf).toList());
		for (int status : statuses) {
			if (status >= 400) {
				JsonNode content = responses.path(String.valueOf(status)).path("content");
				assertThat(content.propertyNames()).as(operationName + " " + status + " content").containsExactly(PROBLEM_JSON);
				assertThat(schema(content.path(PROBLEM_JSON).path("schema")).path("properties").propertyNames())
					.as(operationName + " " + status + " schema")
					.contains("type", "title", "status", "detail");
			}
		}
		assertThat(requiresBearerToken(operation)).as(operationName + " needs the bearer token").isTrue();
	}

	/** The dead-letter endpoints each stage service serves (kafka-support's), with every status they answer. */
	public void assertDeadLetterOperations() {
		assertOperation("GET", "/dead-letters", 200, 400, 401, 500, 503);
		assertOperation("GET", "/dead-letters/summary", 200, 401, 500, 503);
		assertOperation("POST", "/dead-letters/replay", 200, 400, 401, 415, 500, 503);
	}

	/** The operation's own security requirements, else the document's; one of them an HTTP bearer scheme. */
	private boolean requiresBearerToken(JsonNode operation) {
		JsonNode requirements = operation.has("security") ? operation.path("security") : this.document.path("security");
		JsonNode schemes = this.document.path("components").path("securitySchemes");
		for (JsonNode requirement : requirements) {
			for (String name : requirement.propertyNames()) {
				JsonNode scheme = schemes.path(name);
				if ("http".equals(scheme.path("type").asString()) && "bearer".equals(scheme.path("scheme").asString())) {
					return true;
				}
			}
		}
		return false;
	}

	private JsonNode schema(JsonNode schema) {
		String ref = schema.path("$ref").asString("");
		return ref.startsWith("#/") ? this.document.at(ref.substring(1)) : schema;
	}

}
