package io.userstream.persist;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import io.userstream.model.User;

/** Users sent to a topic in batches, ten a second, until closed; {@link #sent()} holds what the broker has. */
public final class UserFlow implements AutoCloseable {

	private final List<User> sent = new CopyOnWriteArrayList<>();

	private final AtomicBoolean flowing = new AtomicBoolean(true);

	private final Thread producer;

	private UserFlow(String topic, int batch) {
		this.producer = new Thread(() -> {
			for (int n = 0; this.flowing.get(); n += batch) {
				List<User> users = Users.labeled(n, batch);
				Users.send(topic, users);
				this.sent.addAll(users);
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}, "user-flow");
		this.producer.start();
	}

	public static UserFlow start(String topic, int batch) {
		return new UserFlow(topic, batch);
	}

	public List<User> sent() {
		return this.sent;
	}

	/** Stops sending and waits for the last batch. */
	@Override
	public void close() throws InterruptedException {
		this.flowing.set(false);
		this.producer.join();
	}

}
