package io.userstream.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged jar run with program arguments as a step that exits, e.g. persist-service's
 * {@code migrate}: {@code java <jvmOptions> -jar <jar> <arguments>} with the given environment on top
 * of this one's (where secrets go: not on a command line), its output in one log file.
 */
public final class JarCommand {

	private JarCommand() {
	}

	/** {@code java <jvmOptions> -jar <jar> <arguments>} with this JVM's own {@code java}. */
	static List<String> java(List<String> jvmOptions, Path jar, List<String> arguments) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-jar");
		command.add(jar.toString());
		command.addAll(arguments);
		return command;
	}

	/** Runs the step to its end; fails with the log when it exits non-zero or runs past {@code timeout}. */
	public static void run(Path jar, List<String> jvmOptions, List<String> arguments, Map<String, String> environment,
			Path log, Duration timeout) {
		List<String> command = java(jvmOptions, jar, arguments);
		try {
			Files.createDirectories(log.toAbsolutePath().getParent());
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
			builder.environment().putAll(environment);
			Process process = builder.start();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				throw new IllegalStateException(jar.getFileName() + " " + arguments + " still ran after " + timeout
						+ "; its log " + log + ":\n" + Files.readString(log));
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException(jar.getFileName() + " " + arguments + " exited with "
						+ process.exitValue() + "; its log " + log + ":\n" + Files.readString(log));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + jar + " " + arguments, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while " + jar + " " + arguments + " ran", ex);
		}
	}

}
