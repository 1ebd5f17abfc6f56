package io.userstream.model;

/** A message that is not a user of the expected stage; the message is the reason dead letters carry. */
public class InvalidUserException extends RuntimeException {

	public InvalidUserException(String reason, Throwable cause) {
		super(reason, cause);
	}

	public InvalidUserException(String reason) {
		super(reason);
	}

}
