package io.userstream.test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Every MockMvc request carries the test run's token, as a caller of the API does; a test of the token
 * itself calls the service over real HTTP. Imported by {@code @AutoConfigureMockMvc}.
 */
@AutoConfiguration
class TestApiTokenMockMvcConfiguration {

	@Bean
	MockMvcBuilderCustomizer testApiToken() {
		return builder -> builder.defaultRequest(
				MockMvcRequestBuilders.get("/").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestApiToken.value()));
	}

}
