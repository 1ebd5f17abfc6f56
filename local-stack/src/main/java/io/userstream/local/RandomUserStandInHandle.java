package io.userstream.local;

import java.lang.reflect.InvocationTargetException;
import java.util.Optional;

/**
 * The offline randomuser.me stand-in ({@code io.userstream.standin.RandomUserStandIn} of the
 * randomuser-standin module), started in this JVM. It is looked up by name so that this module
 * builds before that one exists; once it does, this becomes a direct call.
 */
final class RandomUserStandInHandle implements AutoCloseable {

	private static final String STAND_IN = "io.userstream.standin.RandomUserStandIn";

	private final Object standIn;

	private RandomUserStandInHandle(Object standIn) {
		this.standIn = standIn;
	}

	/** The started stand-in; empty when this jar was built without the randomuser-standin module. */
	static Optional<RandomUserStandInHandle> start(int port) {
		try {
			return Optional.of(new RandomUserStandInHandle(Class.forName(STAND_IN).getMethod("start", int.class).invoke(null, port)));
		}
		catch (ClassNotFoundException ex) {
			return Optional.empty();
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Could not start the randomuser stand-in on port " + port, unwrap(ex));
		}
	}

	String baseUrl() {
		try {
			return (String) this.standIn.getClass().getMethod("baseUrl").invoke(this.standIn);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(unwrap(ex));
		}
	}

	@Override
	public void close() throws Exception {
		((AutoCloseable) this.standIn).close();
	}

	private static Throwable unwrap(ReflectiveOperationException ex) {
		return (ex instanceof InvocationTargetException invocation) ? invocation.getCause() : ex;
	}

}
