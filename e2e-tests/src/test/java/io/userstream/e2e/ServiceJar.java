package io.userstream.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration properties a packaged service jar reads, found in the jar itself: Spring Boot's
 * configuration metadata of the service (which the repackaged jar keeps under {@code META-INF/}) and
 * of every library in it, and the project's properties files, the service's and kafka-support's.
 */
final class ServiceJar {

	private static final String CLASSES = "BOOT-INF/classes/";

	private final Set<String> keys = new HashSet<>();

	/** Properties that are maps ({@code spring.kafka.properties}): any key below them is read. */
	private final Set<String> mapKeys = new HashSet<>();

	private final Properties sharedProperties = new Properties();

	private final Properties applicationProperties = new Properties();

	private final JsonMapper json = JsonMapper.builder().build();

	ServiceJar(Path jar) {
		try (JarFile file = new JarFile(jar.toFile())) {
			for (JarEntry entry : file.stream().toList()) {
				try (InputStream in = file.getInputStream(entry)) {
					if (entry.getName().startsWith("BOOT-INF/lib/") && entry.getName().endsWith(".jar")) {
						readLibrary(new JarInputStream(in));
					}
					else {
						read(entry.getName().replaceFirst("^" + CLASSES, ""), in.readAllBytes());
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Whether an environment variable binds to a property this service reads, by Spring Boot's
	 * relaxed binding: dots to underscores, dashes dropped or (the legacy form) made underscores.
	 */
	boolean reads(String environmentVariable) {
		return this.keys.stream()
			.anyMatch(key -> asEnvironmentVariable(key, "").equals(environmentVariable)
					|| asEnvironmentVariable(key, "_").equals(environmentVariable))
				|| this.mapKeys.stream().anyMatch(key -> environmentVariable.startsWith(asEnvironmentVariable(key, "") + "_"));
	}

	/** A property's value as the service's own properties set it, else as the project's shared defaults do. */
	String applicationProperty(String key) {
		return this.applicationProperties.getProperty(key, this.sharedProperties.getProperty(key));
	}

	private static String asEnvironmentVariable(String key, String dash) {
		return key.replace("-", dash).replace('.', '_').toUpperCase(Locale.ROOT);
	}

	private void readLibrary(JarInputStream library) throws IOException {
		for (JarEntry entry = library.getNextJarEntry(); entry != null; entry = library.getNextJarEntry()) {
			read(entry.getName(), library.readAllBytes());
		}
	}

	private void read(String name, byte[] content) throws IOException {
		if (name.endsWith("spring-configuration-metadata.json")) {
			for (JsonNode property : this.json.readTree(content).path("properties")) {
				this.keys.add(property.path("name").asString());
				if (property.path("type").asString().startsWith("java.util.Map<")) {
					this.mapKeys.add(property.path("name").asString());
				}
			}
		}
		else if (name.equals("application.properties")) {
			this.applicationProperties.load(new StringReader(new String(content, StandardCharsets.UTF_8)));
			this.keys.addAll(this.applicationProperties.stringPropertyNames());
		}
		else if (name.startsWith("userstream-") && name.endsWith(".properties")) {
			Properties shared = new Properties();
			shared.load(new StringReader(new String(content, StandardCharsets.UTF_8)));
			this.sharedProperties.putAll(shared);
			this.keys.addAll(shared.stringPropertyNames());
		}
	}

}
