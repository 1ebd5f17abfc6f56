package io.userstream.ingest.run;

import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** The ingest-service's HTTP API as a user calls it, through the test context's MockMvc. */
record IngestApi(MockMvcTester mvc) {

	MvcTestResult run(String body) {
		return this.mvc.post().uri("/ingest/run").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
	}

	MvcTestResult get(String path) {
		return this.mvc.get().uri(path).exchange();
	}

	static int status(MvcTestResult result) {
		return result.getResponse().getStatus();
	}

	static String contentType(MvcTestResult result) {
		return result.getResponse().getContentType();
	}

	static String body(MvcTestResult result) {
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	static JsonNode json(MvcTestResult result) {
		return JsonMapper.shared().readTree(body(result));
	}

}
