package io.userstream.test;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import io.userstream.launcher.PackagedService;

/** The repository the build runs in (Failsafe's {@code userstream.root}) and its modules' packaged jars. */
public final class Repository {

	private Repository() {
	}

	public static Path root() {
		String root = System.getProperty("userstream.root");
		if (root == null) {
			throw new IllegalStateException("userstream.root is not set: run this test through Maven Failsafe");
		}
		return Path.of(root).toAbsolutePath();
	}

	/** The deployment's defaults: {@code .env}, the file compose reads. */
	public static Properties dotEnv() {
		Properties env = new Properties();
		try (Reader reader = Files.newBufferedReader(root().resolve(".env"))) {
			env.load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return env;
	}

	public static Path jar(String module) {
		return PackagedService.jarOf(root(), module);
	}

}
