package io.userstream.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import io.userstream.launcher.JarCommand;
import io.userstream.launcher.PackagedService;

import org.springframework.util.FileSystemUtils;

/**
 * A packaged service jar running as its own JVM, as it is deployed (see {@link PackagedService}), on
 * free ports, with the test run's API token, against the test's broker and in the test's time zone,
 * its log under {@code target/processes}. {@link #kill()} is a real {@code kill -9}.
 */
public final class ServiceProcess implements AutoCloseable {

	/** Each module's jar as its image holds it, extracted and trained once per test run. */
	private static final Map<String, Path> IMAGE_JARS = new ConcurrentHashMap<>();

	private final String name;

	private final Path jar;

	private final PackagedService service;

	private final Map<String, String> properties = new LinkedHashMap<>();

	private final List<String> jvmOptions = new ArrayList<>(PackagedService.JVM_OPTIONS);

	private ServiceProcess(String name, Path jar) {
		int port = freePort();
		this.name = name;
		this.jar = jar;
		this.service = new PackagedService(name, jar, port, freePort(), TestApiToken.value(),
				Path.of("target", "processes", name + "-" + port + ".log"));
		this.jvmOptions.add("-Duser.timezone=" + System.getProperty("user.timezone", "UTC"));
		this.properties.put("spring.kafka.bootstrap-servers", TestKafka.bootstrapServers());
	}

	/** The jar Failsafe names in the {@code service.jar} system property (this module's own). */
	public static ServiceProcess ofThisModule(String name) {
		String jar = System.getProperty("service.jar");
		if (jar == null) {
			throw new IllegalStateException("service.jar is not set: run this test through Maven Failsafe");
		}
		return of(name, Path.of(jar));
	}

	/** Another module's packaged jar in this {@link Repository}. */
	public static ServiceProcess ofModule(String module) {
		return of(module, Repository.jar(module));
	}

	public static ServiceProcess of(String name, Path jar) {
		return new ServiceProcess(name, jar);
	}

	public ServiceProcess with(String property, String value) {
		this.properties.put(property, value);
		return this;
	}

	/** JVM options after the defaults, which they override (e.g. {@code -Xmx}, the JIT, the collector). */
	public ServiceProcess withJvmOptions(String... options) {
		this.jvmOptions.addAll(List.of(options));
		return this;
	}

	/**
	 * The JVM as deployed in place of the fast-start defaults: {@code .env}'s
	 * {@code SERVICE_JAVA_OPTIONS}, sized by {@code -XX:MaxRAM} as the container limit
	 * {@code SERVICE_MEMORY_LIMIT} would size it.
	 */
	private ServiceProcess asDeployed() {
		Properties env = Repository.dotEnv();
		this.jvmOptions.removeAll(PackagedService.JVM_OPTIONS);
		this.jvmOptions.add("-XX:MaxRAM=" + env.getProperty("SERVICE_MEMORY_LIMIT"));
		this.jvmOptions.addAll(List.of(env.getProperty("SERVICE_JAVA_OPTIONS").trim().split("\\s+")));
		return this;
	}

	/**
	 * A module's service as its image runs it: the JVM {@linkplain #asDeployed() as deployed}, started from
	 * the extracted jar with the class data archive of a training run, both made as the Dockerfile makes them.
	 */
	public static ServiceProcess asImageRuns(String module) {
		Path jar = imageJar(module);
		return of(module, jar).asDeployed().withJvmOptions("-XX:SharedArchiveFile=" + classDataArchive(jar));
	}

	/** Extracts and trains the modules' jars now, so that no later start of theirs includes it. */
	public static void buildImages(List<String> modules) {
		modules.forEach(ServiceProcess::imageJar);
	}

	private static Path imageJar(String module) {
		return IMAGE_JARS.computeIfAbsent(module, ServiceProcess::extractAndTrain);
	}

	private static Path extractAndTrain(String module) {
		Path layout = Path.of("target", "image", module).toAbsolutePath();
		try {
			FileSystemUtils.deleteRecursively(layout);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Path logs = Path.of("target", "processes");
		JarCommand.run(Repository.jar(module), List.of("-Djarmode=tools"),
				List.of("extract", "--application-filename", "application.jar", "--destination", layout.toString()),
				Map.of(), logs.resolve(module + "-extract.log"), Duration.ofMinutes(1));
		Path jar = layout.resolve("application.jar");
		// As in an image build, no broker or database answers: nothing listens on a free port.
		List<String> training = new ArrayList<>(of(module, jar).asDeployed().jvmOptions);
		training.addAll(List.of("-XX:ArchiveClassesAtExit=" + classDataArchive(jar), "-Dspring.context.exit=onRefresh",
				"-Dspring.profiles.active=cds-training", "-Dspring.kafka.bootstrap-servers=127.0.0.1:" + freePort(),
				"-Dspring.datasource.url=jdbc:postgresql://127.0.0.1:" + freePort() + "/userstream"));
		JarCommand.run(jar, training, List.of(), Map.of(), logs.resolve(module + "-cds-training.log"),
				Duration.ofMinutes(3));
		return jar;
	}

	private static Path classDataArchive(Path jar) {
		return jar.resolveSibling("application.jsa");
	}

	/** persist-service on the {@link TestDatabase}: see {@link #withDatabase(String, String, String)}. */
	public ServiceProcess withDatabase() {
		return withDatabase(TestDatabase.jdbcUrl(), TestDatabase.username(), TestDatabase.password());
	}

	/**
	 * persist-service as deployed: runs this jar's migrate step now, as the database's owner, then has the
	 * service connect as the {@linkplain TestDatabase#runtimeRole() runtime role}.
	 */
	public ServiceProcess withDatabase(String url, String owner, String ownerPassword) {
		TestDatabase.Role runtimeRole = TestDatabase.runtimeRole();
		JarCommand.run(this.jar, this.jvmOptions, List.of("migrate"),
				Map.of("SPRING_DATASOURCE_URL", url, "SPRING_DATASOURCE_USERNAME", owner, "SPRING_DATASOURCE_PASSWORD",
						ownerPassword, "USERSTREAM_RUNTIMEROLE_NAME", runtimeRole.name(), "USERSTREAM_RUNTIMEROLE_PASSWORD",
						runtimeRole.password()),
				this.service.log().resolveSibling(this.name + "-migrate.log"), Duration.ofMinutes(2));
		return with("spring.datasource.url", url).with("spring.datasource.username", runtimeRole.name())
			.with("spring.datasource.password", runtimeRole.password());
	}

	/** The service's JVM, for what it uses (CPU, memory); valid once started. */
	public String name() {
		return this.name;
	}

	/** The exit code, once the service has ended by itself within {@code timeout}; empty while it runs. */
	public OptionalInt exitCode(Duration timeout) {
		return this.service.exitCode(timeout);
	}

	public long pid() {
		return this.service.handle().pid();
	}

	public Path log() {
		return this.service.log();
	}

	public ServiceProcess start() {
		List<String> options = new ArrayList<>(this.jvmOptions);
		this.properties.forEach((key, value) -> options.add("-D" + key + "=" + value));
		this.service.start(options, Map.of());
		return this;
	}

	/** Waits until {@code /readyz} answers UP; fails with the log's tail otherwise. */
	public ServiceProcess awaitReady(Duration timeout) {
		this.service.awaitReady(timeout);
		return this;
	}

	/** A GET against the service's API, with the token; a status of -1 when it does not answer. */
	public HttpResponse<String> get(String path) {
		return this.service.get(path);
	}

	/** A GET against the actuator on the management port, such as {@code /actuator/prometheus}. */
	public HttpResponse<String> getManagement(String path) {
		return this.service.getManagement(path);
	}

	public URI uri(String path) {
		return this.service.uri(path);
	}

	public URI managementUri(String path) {
		return this.service.managementUri(path);
	}

	public HttpResponse<String> post(String path, String json) {
		return this.service.post(path, json);
	}

	/** {@code kill -9}: no shutdown hook runs, no transaction is finished. */
	public void kill() {
		this.service.kill();
	}

	/** SIGTERM: the graceful shutdown a deployment sends. */
	public void stop() {
		this.service.stop();
	}

	@Override
	public void close() {
		kill();
	}

	public static int freePort() {
		return PackagedService.freePort();
	}

}
