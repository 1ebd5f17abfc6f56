package io.userstream.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.MethodMetadata;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;

/**
 * The configuration properties a packaged service jar reads, found in the jar itself: Spring Boot's
 * configuration metadata of every library in it, the project's properties files and the project's
 * own {@code @ConfigurationProperties} types (read from their bytecode, record components and nested
 * records included).
 */
final class ServiceJar {

	private static final Set<String> NOT_PROPERTIES = Set.of("toString", "hashCode", "equals");

	private final Set<String> keys = new HashSet<>();

	private final Properties applicationProperties = new Properties();

	private final Map<String, AnnotationMetadata> projectClasses = new HashMap<>();

	private int ownClasses;

	private final SimpleMetadataReaderFactory readers = new SimpleMetadataReaderFactory();

	private final JsonMapper json = JsonMapper.builder().build();

	ServiceJar(Path jar) {
		try (JarFile file = new JarFile(jar.toFile())) {
			for (JarEntry entry : file.stream().toList()) {
				try (InputStream in = file.getInputStream(entry)) {
					if (entry.getName().startsWith("BOOT-INF/lib/") && entry.getName().endsWith(".jar")) {
						readLibrary(new JarInputStream(in));
					}
					else if (entry.getName().startsWith("BOOT-INF/classes/")) {
						this.ownClasses += entry.getName().endsWith(".class") ? 1 : 0;
						read(entry.getName().substring("BOOT-INF/classes/".length()), in.readAllBytes());
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.projectClasses.values()
			.stream()
			.filter(type -> type.hasAnnotation(ConfigurationProperties.class.getName()))
			.forEach(type -> addComponents(prefixOf(type), type));
	}

	/**
	 * Whether an environment variable binds to a property this service reads, by Spring Boot's
	 * relaxed binding: dots to underscores, dashes dropped or (the legacy form) made underscores.
	 */
	boolean reads(String environmentVariable) {
		return this.keys.stream()
			.anyMatch(key -> asEnvironmentVariable(key, "").equals(environmentVariable)
					|| asEnvironmentVariable(key, "_").equals(environmentVariable));
	}

	/** Only an application class: the module's issue is not done yet. */
	boolean isSkeleton() {
		return this.ownClasses <= 1;
	}

	String applicationProperty(String key) {
		return this.applicationProperties.getProperty(key);
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
			}
		}
		else if (name.equals("application.properties")) {
			this.applicationProperties.load(new StringReader(new String(content, StandardCharsets.UTF_8)));
			this.keys.addAll(this.applicationProperties.stringPropertyNames());
		}
		else if (name.equals("userstream-defaults.properties")) {
			Properties defaults = new Properties();
			defaults.load(new StringReader(new String(content, StandardCharsets.UTF_8)));
			this.keys.addAll(defaults.stringPropertyNames());
		}
		else if (name.startsWith("io/userstream/") && name.endsWith(".class")) {
			MetadataReader reader = this.readers.getMetadataReader(new ByteArrayResource(content));
			this.projectClasses.put(reader.getClassMetadata().getClassName(), reader.getAnnotationMetadata());
		}
	}

	private static String prefixOf(AnnotationMetadata type) {
		Map<String, Object> attributes = type.getAnnotationAttributes(ConfigurationProperties.class.getName());
		String prefix = (String) attributes.get("prefix");
		return prefix.isEmpty() ? (String) attributes.get("value") : prefix;
	}

	private void addComponents(String prefix, AnnotationMetadata type) {
		Collection<MethodMetadata> methods = type.getDeclaredMethods();
		for (MethodMetadata method : methods) {
			if (method.isStatic() || NOT_PROPERTIES.contains(method.getMethodName())) {
				continue;
			}
			String key = prefix + "." + kebab(method.getMethodName());
			AnnotationMetadata nested = this.projectClasses.get(method.getReturnTypeName());
			if (nested != null) {
				addComponents(key, nested);
			}
			else {
				this.keys.add(key);
			}
		}
	}

	private static String kebab(String camel) {
		return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

}
