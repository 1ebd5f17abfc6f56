package io.userstream.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the repository and its packaged jars are, as Failsafe runs from the e2e-tests module. */
final class Repository {

	static final List<String> SERVICES = List.of("ingest-service", "timestamp-service", "label-service", "persist-service");

	private Repository() {
	}

	static Path root() {
		String root = System.getProperty("userstream.root");
		if (root == null) {
			throw new IllegalStateException("userstream.root is not set: run these tests through Maven Failsafe");
		}
		return Path.of(root).toAbsolutePath();
	}

	static Path jar(String module) {
		Path jar = root().resolve(module).resolve("target").resolve(module + ".jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " does not exist: package it first (./mvnw package)");
		}
		return jar;
	}

}
