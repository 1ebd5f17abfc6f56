package io.userstream.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Pid files under {@code .local/pids}: what a previous run left running (after a {@code kill -9}
 * of the launcher, its services live on) is stopped before this run starts its own.
 */
@Component
class Pids {

	private static final Logger logger = LoggerFactory.getLogger(Pids.class);

	private static final Duration GRACE = Duration.ofSeconds(45);

	private final Path dir;

	Pids(LocalProperties properties) {
		this.dir = properties.pidsDir();
	}

	void record(String name, ProcessHandle process) {
		try {
			Files.createDirectories(this.dir);
			Files.writeString(this.dir.resolve(name + ".pid"), String.valueOf(process.pid()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	void forget(String name) {
		try {
			Files.deleteIfExists(this.dir.resolve(name + ".pid"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Stops what the pid files name: the previous launcher first (it stops its own processes), then
	 * the services it left behind, then {@code last} (the database they were connected to). A pid is
	 * trusted only while its command line still names what wrote it.
	 */
	void replacePrevious(String launcher, String last) {
		previous(launcher).ifPresent(this::terminate);
		try (Stream<Path> files = Files.isDirectory(this.dir) ? Files.list(this.dir) : Stream.empty()) {
			files.map(file -> file.getFileName().toString().replace(".pid", ""))
				.filter(name -> !name.equals(last))
				.toList()
				.forEach(name -> previous(name).ifPresent(this::terminate));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		previous(last).ifPresent(this::terminate);
	}

	private Optional<ProcessHandle> previous(String name) {
		Path file = this.dir.resolve(name + ".pid");
		try {
			if (!Files.isRegularFile(file)) {
				return Optional.empty();
			}
			long pid = Long.parseLong(Files.readString(file).trim());
			Files.delete(file);
			return ProcessHandle.of(pid)
				.filter(ProcessHandle::isAlive)
				.filter(process -> process.pid() != ProcessHandle.current().pid())
				.filter(process -> process.info().commandLine().map(line -> line.contains(name)).orElse(false));
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private void terminate(ProcessHandle process) {
		logger.info("Stopping pid {} left by a previous run", process.pid());
		process.destroy();
		try {
			process.onExit().get(GRACE.toSeconds(), TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			process.destroyForcibly();
		}
	}

}
