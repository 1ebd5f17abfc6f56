package io.userstream.benchmark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.userstream.standin.RandomUserStandIn;

/**
 * The stand-in's pages generated before the clock starts and served from memory, so that making fake
 * users does not steal the CPU the benchmark measures. A page asked for that was not made in advance
 * is fetched from the stand-in and counted as a miss.
 */
final class PreGeneratedPages implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final RandomUserStandIn standIn;

	private final Map<String, byte[]> pages = new ConcurrentHashMap<>();

	private final AtomicInteger misses = new AtomicInteger();

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(2);

	PreGeneratedPages(RandomUserStandIn standIn) {
		this.standIn = standIn;
		try {
			this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 50);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(this.executor);
		this.server.createContext("/api/", this::serve);
		this.server.start();
	}

	/** Makes pages 1 to {@code pages} of {@code results} users each for {@code seed}. */
	void generate(String seed, int results, int pages) {
		for (int page = 1; page <= pages; page++) {
			String query = "results=" + results + "&seed=" + seed + "&page=" + page;
			this.pages.put(key(query), fetch(query));
		}
	}

	String baseUrl() {
		return "http://localhost:" + this.server.getAddress().getPort();
	}

	int misses() {
		return this.misses.get();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void serve(HttpExchange exchange) throws IOException {
		try (exchange) {
			String query = exchange.getRequestURI().getRawQuery();
			byte[] body = this.pages.get(key(query));
			if (body == null) {
				this.misses.incrementAndGet();
				body = fetch(query);
			}
			exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	private byte[] fetch(String query) {
		URI uri = URI.create(this.standIn.baseUrl() + "/api/1.4/?" + query);
		try {
			HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(uri + " answered " + response.statusCode());
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** What makes a page: its seed, page number and size (not the order of the parameters). */
	private static String key(String query) {
		Map<String, String> parameters = new TreeMap<>();
		for (String pair : (query == null ? "" : query).split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				parameters.put(pair.substring(0, equals), pair.substring(equals + 1));
			}
		}
		return parameters.get("seed") + "/" + parameters.getOrDefault("page", "1") + "/" + parameters.get("results");
	}

}
