package io.userstream.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The pipeline's database: on the PostgreSQL server at {@code localhost:5432} when it answers with
 * the configured credentials, otherwise on an embedded PostgreSQL whose data stays in
 * {@code .local/postgres}. Either way the pipeline gets a database of its own, created if missing; a
 * database it created is recorded in {@code .local/created-database}, and a clean start drops only
 * that one, never a database it was pointed at.
 */
@Component
class LocalPostgres {

	private static final Logger logger = LoggerFactory.getLogger(LocalPostgres.class);

	static final String POSTGRES = "postgres";

	private final LocalProperties.Postgres settings;

	private final LocalProperties properties;

	private final Pids pids;

	private EmbeddedPostgres embedded;

	private ProcessHandle postmaster;

	private String host;

	private int port;

	LocalPostgres(LocalProperties properties, Pids pids) {
		this.properties = properties;
		this.pids = pids;
		this.settings = properties.postgres();
	}

	/**
	 * The database this stack created, as recorded under its home: read before a clean start empties the
	 * home, handed back to {@link #start(String)}; null when none is recorded.
	 */
	String createdDatabase() {
		try {
			return Files.isRegularFile(this.properties.createdDatabaseRecord())
					? Files.readString(this.properties.createdDatabaseRecord()).trim() : null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	void start(String createdDatabase) {
		this.host = this.settings.host();
		this.port = this.settings.port();
		if (!answers()) {
			logger.info("No PostgreSQL answers at {}:{} as {}; starting an embedded one in {}", this.host, this.port,
					this.settings.username(), this.properties.postgresDir());
			startEmbedded();
		}
		if (this.properties.clean()) {
			if (jdbcUrl().equals(createdDatabase)) {
				admin("DROP DATABASE IF EXISTS %I WITH (FORCE)");
			}
			else if (databaseExists()) {
				logger.warn("Clean start keeps {}: local-stack did not create it", jdbcUrl());
			}
		}
		if (!databaseExists()) {
			admin("CREATE DATABASE %I");
			record(jdbcUrl());
		}
	}

	private void record(String createdDatabase) {
		try {
			Files.createDirectories(this.properties.home());
			Files.writeString(this.properties.createdDatabaseRecord(), createdDatabase);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	void stop() {
		if (this.embedded != null) {
			try {
				this.embedded.close();
				// pg_ctl returns before the server process has gone.
				if (this.postmaster != null) {
					this.postmaster.onExit().get(30, TimeUnit.SECONDS);
				}
			}
			catch (IOException | ExecutionException | TimeoutException ex) {
				logger.warn("Embedded PostgreSQL did not stop cleanly: {}", ex.getMessage());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.embedded = null;
			this.pids.forget(POSTGRES);
		}
	}

	boolean isEmbedded() {
		return this.embedded != null;
	}

	String jdbcUrl() {
		return url(this.settings.database());
	}

	String username() {
		return this.settings.username();
	}

	String password() {
		return this.settings.password();
	}

	/** Rows in the pipeline's table; 0 until persist-service has created it. */
	long storedRows() {
		try (Connection connection = connect(this.settings.database());
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT count(*) FROM user_data")) {
			rows.next();
			return rows.getLong(1);
		}
		catch (SQLException ex) {
			return 0;
		}
	}

	private void startEmbedded() {
		try {
			Files.createDirectories(this.properties.postgresDir());
			// As root, zonky runs the server through unshare: PostgreSQL refuses to run as root.
			this.embedded = EmbeddedPostgres.builder()
				.setDataDirectory(this.properties.postgresDir().toAbsolutePath())
				.setCleanDataDirectory(false)
				.setPort(this.settings.embeddedPort())
				.setRegisterShutdownHook(false)
				.setPGStartupWait(Duration.ofMinutes(1))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start an embedded PostgreSQL in " + this.properties.postgresDir(), ex);
		}
		this.host = "localhost";
		this.port = this.embedded.getPort();
		recordPostmaster();
	}

	/** So that a next run can stop a server that outlived a killed launcher. */
	private void recordPostmaster() {
		try {
			String pid = Files.readAllLines(this.properties.postgresDir().resolve("postmaster.pid")).get(0).trim();
			this.postmaster = ProcessHandle.of(Long.parseLong(pid)).orElse(null);
			if (this.postmaster != null) {
				this.pids.record(POSTGRES, this.postmaster);
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("No postmaster.pid to record: {}", ex.getMessage());
		}
	}

	private boolean answers() {
		try (Connection connection = connect("postgres")) {
			return connection.isValid(2);
		}
		catch (SQLException ex) {
			return false;
		}
	}

	private boolean databaseExists() {
		try (Connection connection = connect("postgres");
				PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
			statement.setString(1, this.settings.database());
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next();
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL at " + url("postgres") + " refused a query", ex);
		}
	}

	/** The statement {@code format(template, database)} gives: the database's name quoted by PostgreSQL ({@code %I}). */
	private void admin(String template) {
		try (Connection connection = connect("postgres");
				PreparedStatement format = connection.prepareStatement("SELECT format(?, ?)");
				Statement statement = connection.createStatement()) {
			format.setString(1, template);
			format.setString(2, this.settings.database());
			try (ResultSet sql = format.executeQuery()) {
				sql.next();
				statement.execute(sql.getString(1));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL at " + url("postgres") + " refused: " + template, ex);
		}
	}

	private Connection connect(String database) throws SQLException {
		Properties credentials = new Properties();
		credentials.setProperty("user", this.settings.username());
		credentials.setProperty("password", this.settings.password());
		credentials.setProperty("connectTimeout", "3");
		return DriverManager.getConnection(url(database), credentials);
	}

	private String url(String database) {
		return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + database;
	}

}
