package io.userstream.ingest.fetch;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

import io.userstream.model.User;
import tools.jackson.databind.JsonNode;

/** Flattens one randomuser.me result into the pipeline's record, by the original script's rules. */
final class UserFormatter {

	/** Namespace of the name-based ids given to users whose {@code login.uuid} is not a UUID. */
	static final UUID NAMESPACE = UUID.fromString("6f0b6d2e-55a1-4c8e-9a57-3c1f2b7d9e40");

	User format(JsonNode result) {
		String address = text(result, "/location/street/number") + " " + text(result, "/location/street/name") + ", "
				+ text(result, "/location/city") + ", " + text(result, "/location/state") + ", "
				+ text(result, "/location/country");
		String username = text(result, "/login/username");
		String email = text(result, "/email");
		String dob = text(result, "/dob/date");
		return new User(id(text(result, "/login/uuid"), username, email, dob), text(result, "/name/first"),
				text(result, "/name/last"), text(result, "/gender"), address, text(result, "/location/postcode"), email,
				username, dob, text(result, "/registered/date"), text(result, "/phone"),
				text(result, "/picture/medium"), null, null);
	}

	/** The upstream id when it is a UUID, else one derived from stable fields, so a refetch keeps the id. */
	static UUID id(String loginUuid, String username, String email, String dob) {
		if (loginUuid != null) {
			try {
				return UUID.fromString(loginUuid);
			}
			catch (IllegalArgumentException notUuid) {
				// fall through to the name-based id
			}
		}
		return nameBased(NAMESPACE, username + '|' + email + '|' + dob);
	}

	/** RFC 4122 version 5 (SHA-1); the JDK only has version 3. */
	static UUID nameBased(UUID namespace, String name) {
		try {
			MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
			sha1.update(ByteBuffer.allocate(16)
				.putLong(namespace.getMostSignificantBits())
				.putLong(namespace.getLeastSignificantBits())
				.array());
			ByteBuffer hash = ByteBuffer.wrap(sha1.digest(name.getBytes(StandardCharsets.UTF_8)));
			long most = (hash.getLong() & 0xffffffffffff0fffL) | 0x0000000000005000L;
			long least = (hash.getLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
			return new UUID(most, least);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String text(JsonNode node, String pointer) {
		JsonNode value = node.at(pointer);
		return (value.isMissingNode() || value.isNull()) ? null : value.asString();
	}

}
