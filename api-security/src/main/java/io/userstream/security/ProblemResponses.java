package io.userstream.security;

import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * What every operation of the OpenAPI document answers besides its own responses: 401 without the token
 * ({@link BearerTokenRequired}; every operation in the document needs it) and the catch-all 500 of
 * {@link UnexpectedErrors}. Every 4xx and 5xx of the API, these and those a controller declares, is
 * {@code application/problem+json} with the {@code ProblemDetail} schema as it goes over the wire:
 * extra members at the top level, not springdoc's reading of the Java class.
 */
final class ProblemResponses implements GlobalOpenApiCustomizer {

	private static final String SCHEMA = "ProblemDetail";

	private static final Content PROBLEM = new Content().addMediaType(
			org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
			new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA)));

	@Override
	public void customise(OpenAPI openApi) {
		openApi.getComponents().addSchemas(SCHEMA, problemDetail());
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths()
			.values()
			.stream()
			.map(PathItem::readOperations)
			.flatMap(List::stream)
			.map(Operation::getResponses)
			.forEach(ProblemResponses::customise);
	}

	private static void customise(ApiResponses responses) {
		responses.putIfAbsent("401", new ApiResponse()
			.description("No token, or not this service's: send 'Authorization: Bearer <USERSTREAM_API_TOKEN>'"));
		responses.putIfAbsent("500",
				new ApiResponse().description("Failed on the server; errorId names the log line with the cause"));
		responses.forEach((status, response) -> {
			if (isError(status)) {
				response.setContent(PROBLEM);
			}
		});
	}

	private static boolean isError(String status) {
		return status.matches("\\d{3}") && HttpStatusCode.valueOf(Integer.parseInt(status)).isError();
	}

	/** RFC 9457, as Spring writes a {@code ProblemDetail}. */
	private static Schema<?> problemDetail() {
		return new ObjectSchema().description("RFC 9457 problem details")
			.addProperty("type", new StringSchema().format("uri").example("about:blank"))
			.addProperty("title", new StringSchema().example(HttpStatus.BAD_REQUEST.getReasonPhrase()))
			.addProperty("status", new IntegerSchema().example(HttpStatus.BAD_REQUEST.value()))
			.addProperty("detail", new StringSchema().description("what went wrong, in words fit for the caller"))
			.addProperty("instance", new StringSchema().format("uri"))
			.addProperty("errorId", new StringSchema().format("uuid")
				.description("on a failure of the server (5xx): the id its log line carries"))
			.additionalProperties(true)
			.required(List.of("status", "title"));
	}

}
