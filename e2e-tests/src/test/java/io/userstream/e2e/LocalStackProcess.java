package io.userstream.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.userstream.test.Repository;
import io.userstream.test.ServiceProcess;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * The README's local stack run as a user runs it: {@code java -jar local-stack/target/local-stack.jar}
 * with {@code --local.*} options, on free ports and with its own {@code .local} folder.
 */
final class LocalStackProcess implements AutoCloseable {

	private final Path home;

	private final Path output;

	private final List<String> arguments = new ArrayList<>();

	private final int ingestPort = ServiceProcess.freePort();

	private final int persistPort = ServiceProcess.freePort();

	private Process process;

	LocalStackProcess(Path home) {
		this.home = home.toAbsolutePath();
		this.output = this.home.resolveSibling(this.home.getFileName() + "-" + System.nanoTime() + ".out");
		with("home", this.home.toString());
		with("repository", Repository.root().toString());
		with("kafka.port", String.valueOf(ServiceProcess.freePort()));
		with("kafka.controller-port", String.valueOf(ServiceProcess.freePort()));
		with("standin-port", String.valueOf(ServiceProcess.freePort()));
		with("services.ingest-service", String.valueOf(this.ingestPort));
		with("services.timestamp-service", String.valueOf(ServiceProcess.freePort()));
		with("services.label-service", String.valueOf(ServiceProcess.freePort()));
		with("services.persist-service", String.valueOf(this.persistPort));
		for (String service : new String[] { "ingest-service", "timestamp-service", "label-service", "persist-service" }) {
			with("management-ports." + service, String.valueOf(ServiceProcess.freePort()));
		}
		with("postgres.embedded-port", String.valueOf(ServiceProcess.freePort()));
		with("progress-interval", "1s");
		with("ingest.interval", "2s");
		with("ingest.count", "50");
	}

	LocalStackProcess with(String option, String value) {
		this.arguments.add("--local." + option + "=" + value);
		return this;
	}

	LocalStackProcess start() {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx512m", "-jar", Repository.jar("local-stack").toString()));
		command.addAll(this.arguments);
		try {
			Files.createDirectories(this.output.getParent());
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(this.output.toFile())
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return this;
	}

	/** The first match of {@code pattern} in what the stack printed, waiting up to {@code timeout}. */
	Matcher await(Pattern pattern, Duration timeout) {
		try {
			return Awaitility.await()
				.atMost(timeout)
				.pollInterval(Duration.ofMillis(500))
				.failFast("local stack exited", () -> !this.process.isAlive())
				.until(() -> find(pattern), Optional::isPresent)
				.orElseThrow();
		}
		catch (ConditionTimeoutException | TerminalFailureException ex) {
			throw new IllegalStateException(ex.getMessage() + "; it printed:\n" + output(), ex);
		}
	}

	/** The last match of {@code pattern} so far. */
	Optional<Matcher> last(Pattern pattern) {
		Matcher last = null;
		for (String line : output().split("\n")) {
			Matcher matcher = pattern.matcher(line);
			if (matcher.find()) {
				last = matcher;
			}
		}
		return Optional.ofNullable(last);
	}

	private Optional<Matcher> find(Pattern pattern) {
		Matcher matcher = pattern.matcher(output());
		return matcher.find() ? Optional.of(matcher) : Optional.empty();
	}

	String output() {
		try {
			return Files.exists(this.output) ? Files.readString(this.output) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The processes the stack says it runs: its pid files. */
	List<ProcessHandle> children() {
		try (Stream<Path> files = Files.list(this.home.resolve("pids"))) {
			return files.filter(file -> !file.getFileName().toString().startsWith("local-stack"))
				.map(LocalStackProcess::pid)
				.flatMap(Optional::stream)
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The running process of one of the stack's services, by its pid file. */
	Optional<ProcessHandle> child(String name) {
		return pid(this.home.resolve("pids").resolve(name + ".pid"));
	}

	ProcessHandle handle() {
		return this.process.toHandle();
	}

	int ingestPort() {
		return this.ingestPort;
	}

	int persistPort() {
		return this.persistPort;
	}

	/** SIGTERM, what Ctrl-C's SIGINT also triggers: the JVM's shutdown hooks run. */
	boolean terminate(Duration timeout) {
		this.process.destroy();
		try {
			return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	public void close() {
		if (this.process != null && this.process.isAlive()) {
			terminate(Duration.ofMinutes(1));
			this.process.destroyForcibly();
		}
	}

	private static Optional<ProcessHandle> pid(Path file) {
		try {
			return ProcessHandle.of(Long.parseLong(Files.readString(file).trim()));
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

}
