package io.userstream.persist;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import io.userstream.model.User;
import io.userstream.model.UserJson;
import io.userstream.test.TestKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Labeled users as label-service writes them, and a way to put them on a topic. */
public final class Users {

	private static final String[] LABELS = { "Good", "Bad", "Excellent", "Awful", "Normal" };

	private Users() {
	}

	public static User labeled(int n) {
		return new User(UUID.randomUUID(), "First" + n, "Last" + n, n % 2 == 0 ? "female" : "male",
				n + " Pine Rd, Aylmer, Yukon, Canada", "Z4B 4T0", "user" + n + "@example.com", "user" + n,
				"1952-10-10T07:36:45.668Z", "2019-01-29T23:55:04.691Z", "(099) R90-8000",
				"https://randomuser.me/api/portraits/med/men/18.jpg", Instant.now(), LABELS[n % LABELS.length]);
	}

	public static List<User> labeled(int from, int count) {
		List<User> users = new ArrayList<>();
		for (int n = from; n < from + count; n++) {
			users.add(labeled(n));
		}
		return users;
	}

	public static User withPhoneAndDob(User user, String phone, String dob) {
		return new User(user.id(), user.firstName(), user.lastName(), user.gender(), user.address(), user.postCode(),
				user.email(), user.username(), dob, user.registeredDate(), phone, user.picture(), user.timestamp(),
				user.labels());
	}

	public static User withLabels(User user, String labels) {
		return new User(user.id(), user.firstName(), user.lastName(), user.gender(), user.address(), user.postCode(),
				user.email(), user.username(), user.dob(), user.registeredDate(), user.phone(), user.picture(),
				user.timestamp(), labels);
	}

	/** Sends every user keyed by its id, waiting until the broker has them all. */
	public static void send(String topic, List<User> users) {
		List<byte[]> values = users.stream().map(UserJson::write).toList();
		List<String> keys = users.stream().map(user -> String.valueOf(user.id())).toList();
		sendRaw(topic, keys, values);
	}

	public static void sendRaw(String topic, List<String> keys, List<byte[]> values) {
		try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
			List<Future<RecordMetadata>> sent = new ArrayList<>();
			for (int i = 0; i < values.size(); i++) {
				sent.add(producer.send(new ProducerRecord<>(topic, keys.get(i), values.get(i))));
			}
			for (Future<RecordMetadata> future : sent) {
				future.get();
			}
		}
		catch (InterruptedException | ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
