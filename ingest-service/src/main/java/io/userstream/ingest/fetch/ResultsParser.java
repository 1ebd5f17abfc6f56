package io.userstream.ingest.fetch;

import java.util.ArrayList;
import java.util.List;

import io.userstream.model.Stage;
import io.userstream.model.User;
import tools.jackson.databind.JsonNode;

/** A page of randomuser.me results as users: each formatted, and left out when it is not a valid user. */
final class ResultsParser {

	private final UserFormatter formatter = new UserFormatter();

	/** The page of {@code results}, a JSON array; no request of it failed. */
	FetchedPage parse(JsonNode results) {
		List<User> users = new ArrayList<>(results.size());
		for (JsonNode result : results) {
			User user = result.isObject() ? this.formatter.format(result) : null;
			if (user != null && Stage.FETCHED.accepts(user)) {
				users.add(user);
			}
		}
		return new FetchedPage(users, results.size() - users.size(), 0);
	}

}
