package io.userstream.standin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An offline randomuser.me: {@code GET /api/1.4/?results=N&seed=S&page=P[&nat=..]} answers
 * randomuser-shaped users made with Datafaker, the same for the same (seed, page, results, nat)
 * and different from page to page, with the real API's quirks (postcodes as numbers or strings,
 * {@code id.value} null, apostrophes, non-ASCII names, letters in phone numbers). Tests script
 * faults with {@link #enqueue(ScriptedResponse)}; unscripted requests get users.
 */
public final class RandomUserStandIn implements AutoCloseable {

	private static final int DEFAULT_PORT = 8090;

	/** The pinned version, and the unversioned path that follows the newest; another version is a 404. */
	private static final Set<String> PATHS = Set.of("/api/1.4/", "/api/1.4", "/api/");

	private final HttpServer server;

	private final ExecutorService executor;

	private final UserPages pages = new UserPages();

	private final Queue<ScriptedResponse> script = new ConcurrentLinkedQueue<>();

	private final AtomicInteger requestCount = new AtomicInteger();

	private final Queue<String> requestedQueries = new ConcurrentLinkedQueue<>();

	private RandomUserStandIn(HttpServer server) {
		this.server = server;
		this.executor = Executors.newFixedThreadPool(4, runnable -> {
			Thread thread = new Thread(runnable, "randomuser-standin");
			thread.setDaemon(true);
			return thread;
		});
		server.setExecutor(this.executor);
		server.createContext("/api/", this::handle);
		server.start();
	}

	/** Starts listening on all interfaces; port 0 picks a free one. */
	public static RandomUserStandIn start(int port) {
		try {
			return new RandomUserStandIn(HttpServer.create(new InetSocketAddress(port), 50));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not listen on port " + port, ex);
		}
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	public String baseUrl() {
		return "http://localhost:" + port();
	}

	/** Answers the next unanswered request with {@code response} instead of users. */
	public void enqueue(ScriptedResponse response) {
		this.script.add(response);
	}

	/** Answers the next {@code times} requests with {@code response}. */
	public void enqueue(ScriptedResponse response, int times) {
		for (int i = 0; i < times; i++) {
			enqueue(response);
		}
	}

	/** How many requests have arrived, scripted or not. */
	public int requestCount() {
		return this.requestCount.get();
	}

	/** The raw query strings of the requests so far, in arrival order. */
	public List<String> requestedQueries() {
		return new ArrayList<>(this.requestedQueries);
	}

	/** Forgets the script and the requests, so one stand-in can serve several tests. */
	public void reset() {
		this.script.clear();
		this.requestedQueries.clear();
		this.requestCount.set(0);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			if (!"GET".equals(exchange.getRequestMethod()) || !PATHS.contains(path)) {
				send(exchange, 404, "text/plain; charset=utf-8", "Not Found".getBytes(StandardCharsets.UTF_8));
				return;
			}
			this.requestCount.incrementAndGet();
			String query = exchange.getRequestURI().getRawQuery();
			this.requestedQueries.add(query == null ? "" : query);
			ScriptedResponse response = this.script.poll();
			if (response == null) {
				response = ScriptedResponse.users();
			}
			if (!response.delay().isZero()) {
				Thread.sleep(response.delay().toMillis());
			}
			response.headers().forEach(exchange.getResponseHeaders()::set);
			if (response.body() != null) {
				send(exchange, response.status(), response.contentType(),
						response.body().getBytes(StandardCharsets.UTF_8));
				return;
			}
			ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
			this.pages.write(PageRequest.parse(query), body);
			send(exchange, response.status(), response.contentType(), body.toByteArray());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/** Runs the stand-in on the port given as the first argument (default 8090) until the JVM stops. */
	public static void main(String[] args) throws InterruptedException {
		int port = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_PORT;
		RandomUserStandIn standIn = start(port);
		Runtime.getRuntime().addShutdownHook(new Thread(standIn::close));
		System.out.println("randomuser.me stand-in listening on " + standIn.baseUrl() + "/api/1.4/");
		Thread.currentThread().join();
	}

}
