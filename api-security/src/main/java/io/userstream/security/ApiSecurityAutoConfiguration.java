package io.userstream.security;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.PathRequest;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * One filter chain for both ports. On the API port the probes ({@code /livez}, {@code /readyz}), the
 * OpenAPI document ({@code /v3/api-docs}) and Swagger UI are open, and everything else needs the bearer
 * token; the management port (the actuator, on 127.0.0.1 by default) is open, because Boot runs this
 * same chain in its context too. No sessions and no cookies, hence no CSRF to guard against; no CORS
 * configuration, so browsers on other origins are refused.
 */
@AutoConfiguration(before = { ServletWebSecurityAutoConfiguration.class, ManagementWebSecurityAutoConfiguration.class,
		UserDetailsServiceAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ApiTokenProperties.class)
class ApiSecurityAutoConfiguration {

	@Bean
	ApiTokenAuthentication apiTokenAuthentication(ApiTokenProperties properties) {
		return new ApiTokenAuthentication(ApiToken.of(properties));
	}

	@Bean
	UnexpectedErrors unexpectedErrors() {
		return new UnexpectedErrors();
	}

	@Bean
	ProblemResponses problemResponses() {
		return new ProblemResponses();
	}

	@Bean
	SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, ApiTokenAuthentication tokens,
			Environment environment) {
		// Open only on its own port: an actuator served on the API port needs the token like the rest.
		boolean managementPortOpen = ManagementPortType.get(environment) == ManagementPortType.DIFFERENT;
		BearerTokenRequired tokenRequired = new BearerTokenRequired();
		AuthenticationFilter bearer = new AuthenticationFilter(new ProviderManager(tokens), tokens);
		bearer.setSuccessHandler((request, response, authentication) -> {
		});
		bearer.setFailureHandler(new AuthenticationEntryPointFailureHandler(tokenRequired));
		return http
			.authorizeHttpRequests(requests -> requests
				.requestMatchers(EndpointRequest.toAdditionalPaths(WebServerNamespace.SERVER, HealthEndpoint.class))
				.permitAll()
				.requestMatchers(request -> managementPortOpen && EndpointRequest.toAnyEndpoint().matches(request))
				.permitAll()
				// A page's own files (persist-service's pipeline page): the page asks for the token and sends
				// it with every call for data.
				.requestMatchers(HttpMethod.GET, "/", "/index.html")
				.permitAll()
				.requestMatchers(PathRequest.toStaticResources().atCommonLocations())
				.permitAll()
				// springdoc's document and Swagger UI, which shows it: trying the API in it needs the token.
				.requestMatchers(HttpMethod.GET, "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
				.permitAll()
				// The error page of a request this chain has already let through or answered.
				.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.anyRequest()
				.authenticated())
			.addFilterAt(bearer, BasicAuthenticationFilter.class)
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(tokenRequired))
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.build();
	}

}
