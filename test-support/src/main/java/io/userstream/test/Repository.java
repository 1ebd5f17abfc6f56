package io.userstream.test;

import java.nio.file.Path;

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

	public static Path jar(String module) {
		return PackagedService.jarOf(root(), module);
	}

}
