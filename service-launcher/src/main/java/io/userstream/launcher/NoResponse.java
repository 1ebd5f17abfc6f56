package io.userstream.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLSession;

/** What {@link PackagedService#get} answers while nothing listens: status -1, so polling loops stay simple. */
record NoResponse(URI uri) implements HttpResponse<String> {

	@Override
	public int statusCode() {
		return -1;
	}

	@Override
	public HttpRequest request() {
		return HttpRequest.newBuilder(this.uri).build();
	}

	@Override
	public Optional<HttpResponse<String>> previousResponse() {
		return Optional.empty();
	}

	@Override
	public HttpHeaders headers() {
		return HttpHeaders.of(Map.of(), (name, value) -> true);
	}

	@Override
	public String body() {
		return "";
	}

	@Override
	public Optional<SSLSession> sslSession() {
		return Optional.empty();
	}

	@Override
	public HttpClient.Version version() {
		return HttpClient.Version.HTTP_1_1;
	}

}
