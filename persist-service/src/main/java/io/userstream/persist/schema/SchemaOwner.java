package io.userstream.persist.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.StringUtils;

/**
 * The migrate step's work, as the owner: adopt {@code user_data}, migrate, then give the runtime role
 * exactly what the service needs. Every name and the password reach SQL through PostgreSQL's
 * {@code format('%I')} from bind parameters, never concatenated; the password only as the driver's hash. Running it again
 * changes nothing.
 */
class SchemaOwner {

	private static final Logger logger = LoggerFactory.getLogger(SchemaOwner.class);

	private final Flyway flyway;

	private final RuntimeRoleProperties runtimeRole;

	SchemaOwner(Flyway flyway, RuntimeRoleProperties runtimeRole) {
		this.flyway = flyway;
		this.runtimeRole = runtimeRole;
	}

	void migrate() {
		if (!StringUtils.hasText(this.runtimeRole.password())) {
			throw new IllegalStateException("userstream.runtime-role.password (USERSTREAM_RUNTIMEROLE_PASSWORD) is not set");
		}
		try (Connection connection = this.flyway.getConfiguration().getDataSource().getConnection()) {
			adoptUserData(connection);
			this.flyway.migrate();
			connection.setAutoCommit(false);
			setUpRuntimeRole(connection);
			connection.commit();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
		logger.info("Schema migrated; runtime role {} can connect, read and insert user_data",
				this.runtimeRole.name());
	}

	/** A table the original scripts or another deployment's role created becomes the owner's. */
	private void adoptUserData(Connection connection) throws SQLException {
		String owner = queryString(connection, """
				SELECT tableowner FROM pg_tables
				WHERE schemaname = current_schema() AND tablename = 'user_data' AND tableowner <> current_user""");
		if (owner == null) {
			return;
		}
		logger.info("user_data is owned by role {}; handing it to the migrate step's role", owner);
		try (Statement statement = connection.createStatement()) {
			statement.execute("ALTER TABLE user_data OWNER TO CURRENT_USER");
		}
		catch (SQLException ex) {
			throw new SQLException("user_data is owned by role " + owner
					+ ", which the migrate step's role may not take over (" + ex.getMessage()
					+ "); as " + owner + " or a superuser, run: ALTER TABLE user_data OWNER TO <the migrate step's role>",
					ex.getSQLState(), ex);
		}
	}

	private void setUpRuntimeRole(Connection connection) throws SQLException {
		String role = this.runtimeRole.name();
		if (role.equals(queryString(connection, "SELECT current_user"))) {
			throw new IllegalStateException("The runtime role " + role + " is the migrate step's own role: name another");
		}
		String superuser = queryString(connection, "SELECT rolsuper::text FROM pg_roles WHERE rolname = ?", role);
		if (superuser == null) {
			executeFormatted(connection, "CREATE ROLE %I", role);
		}
		else if (Boolean.parseBoolean(superuser)) {
			// only a superuser may say NOSUPERUSER at all, so an owner with just CREATEROLE says it only when needed
			executeFormatted(connection, "ALTER ROLE %I NOSUPERUSER", role);
		}
		executeFormatted(connection, "ALTER ROLE %I LOGIN NOCREATEDB NOCREATEROLE", role);
		// Hashed by the driver: the statement the server sees (and may log) carries only the SCRAM verifier.
		connection.unwrap(PGConnection.class)
			.alterUserPassword(role, this.runtimeRole.password().toCharArray(), "scram-sha-256");
		executeFormatted(connection, "REVOKE CREATE ON SCHEMA %I FROM PUBLIC", currentSchema(connection));
		executeFormatted(connection, "REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC", currentDatabase(connection));
		executeFormatted(connection, "REVOKE ALL ON DATABASE %I FROM %I", currentDatabase(connection), role);
		executeFormatted(connection, "GRANT CONNECT ON DATABASE %I TO %I", currentDatabase(connection), role);
		executeFormatted(connection, "REVOKE ALL ON SCHEMA %I FROM %I", currentSchema(connection), role);
		executeFormatted(connection, "GRANT USAGE ON SCHEMA %I TO %I", currentSchema(connection), role);
		executeFormatted(connection, "REVOKE ALL ON TABLE user_data FROM %I", role);
		executeFormatted(connection, "GRANT SELECT, INSERT ON TABLE user_data TO %I", role);
		String history = this.flyway.getConfiguration().getTable();
		executeFormatted(connection, "REVOKE ALL ON TABLE %I FROM %I", history, role);
		executeFormatted(connection, "GRANT SELECT ON TABLE %I TO %I", history, role);
		// The sink's row-by-row fallback (V4); PUBLIC may execute functions too, but the service should not rely on it.
		executeFormatted(connection, "GRANT EXECUTE ON FUNCTION %s TO %I",
				queryString(connection, "SELECT 'insert_users_row_by_row'::regproc::regprocedure::text"), role);
	}

	private static String currentSchema(Connection connection) throws SQLException {
		return queryString(connection, "SELECT current_schema()");
	}

	private static String currentDatabase(Connection connection) throws SQLException {
		return queryString(connection, "SELECT current_database()");
	}

	/** Runs {@code format(template, arguments...)}'s result: names as %I, literals as %L, never spliced here. */
	private static void executeFormatted(Connection connection, String template, String... arguments)
			throws SQLException {
		String placeholders = ", ?".repeat(arguments.length);
		String[] parameters = new String[arguments.length + 1];
		parameters[0] = template;
		System.arraycopy(arguments, 0, parameters, 1, arguments.length);
		String sql = queryString(connection, "SELECT format(?" + placeholders + ")", parameters);
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static String queryString(Connection connection, String sql, String... parameters) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setString(i + 1, parameters[i]);
			}
			try (ResultSet result = statement.executeQuery()) {
				return result.next() ? result.getString(1) : null;
			}
		}
	}

}
