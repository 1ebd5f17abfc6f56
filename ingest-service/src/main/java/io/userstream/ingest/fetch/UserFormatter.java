package io.userstream.ingest.fetch;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

import io.userstream.model.User;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/** Flattens one randomuser.me result into the pipeline's record, by the original script's rules. */
final class UserFormatter {

	/** Namespace of the name-based ids given to users whose {@code login.uuid} is not a UUID. */
	static final UUID NAMESPACE = UUID.fromString("6f0b6d2e-55a1-4c8e-9a57-3c1f2b7d9e40");

	// Compiled once: a pointer given as a string is parsed again on every call, 16 times per user.
	private static final JsonPointer STREET_NUMBER = JsonPointer.compile("/location/street/number");

	private static final JsonPointer STREET_NAME = JsonPointer.compile("/location/street/name");

	private static final JsonPointer CITY = JsonPointer.compile("/location/city");

	private static final JsonPointer STATE = JsonPointer.compile("/location/state");

	private static final JsonPointer COUNTRY = JsonPointer.compile("/location/country");

	private static final JsonPointer POSTCODE = JsonPointer.compile("/location/postcode");

	private static final JsonPointer USERNAME = JsonPointer.compile("/login/username");

	private static final JsonPointer LOGIN_UUID = JsonPointer.compile("/login/uuid");

	private static final JsonPointer EMAIL = JsonPointer.compile("/email");

	private static final JsonPointer DOB = JsonPointer.compile("/dob/date");

	private static final JsonPointer REGISTERED = JsonPointer.compile("/registered/date");

	private static final JsonPointer FIRST_NAME = JsonPointer.compile("/name/first");

	private static final JsonPointer LAST_NAME = JsonPointer.compile("/name/last");

	private static final JsonPointer GENDER = JsonPointer.compile("/gender");

	private static final JsonPointer PHONE = JsonPointer.compile("/phone");

	private static final JsonPointer PICTURE = JsonPointer.compile("/picture/medium");

	User format(JsonNode result) {
		String address = text(result, STREET_NUMBER) + " " + text(result, STREET_NAME) + ", " + text(result, CITY) + ", "
				+ text(result, STATE) + ", " + text(result, COUNTRY);
		String username = text(result, USERNAME);
		String email = text(result, EMAIL);
		String dob = text(result, DOB);
		return new User(id(text(result, LOGIN_UUID), username, email, dob), text(result, FIRST_NAME),
				text(result, LAST_NAME), text(result, GENDER), address, text(result, POSTCODE), email, username, dob,
				text(result, REGISTERED), text(result, PHONE), text(result, PICTURE), null, null);
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

	private static String text(JsonNode node, JsonPointer pointer) {
		JsonNode value = node.at(pointer);
		return (value.isMissingNode() || value.isNull()) ? null : value.asString();
	}

}
