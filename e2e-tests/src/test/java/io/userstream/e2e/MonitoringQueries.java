package io.userstream.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The metric names the monitoring queries: in the alert and recording rules Prometheus loads
 * ({@code monitoring/prometheus/prometheus.yml}'s {@code rule_files}) and in the Grafana dashboards'
 * expressions. A name is read from PromQL by dropping what cannot be one (strings, label matchers,
 * ranges, grouping labels, Grafana variables, function calls, keywords).
 */
final class MonitoringQueries {

	private static final Pattern NOT_METRICS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|\\{[^}]*}|\\[[^]]*]"
			+ "|\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)|\\$\\w+");

	private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.:])[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "offset", "bool", "inf", "nan");

	/** Prometheus's own series for each target. */
	private static final Set<String> SYNTHETIC = Set.of("up");

	/** Each metric name and the first rule or dashboard that queries it. */
	private final Map<String, String> queried = new TreeMap<>();

	private final Set<String> recorded = new TreeSet<>();

	private MonitoringQueries() {
	}

	@SuppressWarnings("unchecked")
	static MonitoringQueries in(Path repository) {
		MonitoringQueries queries = new MonitoringQueries();
		Path prometheus = repository.resolve("monitoring/prometheus/prometheus.yml");
		Map<String, Object> config = new Yaml().load(read(prometheus));
		for (String ruleFile : (List<String>) config.get("rule_files")) {
			Map<String, Object> rules = new Yaml().load(read(prometheus.resolveSibling(ruleFile)));
			for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
				for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
					if (rule.containsKey("record")) {
						queries.recorded.add((String) rule.get("record"));
					}
					String name = (String) rule.getOrDefault("alert", rule.get("record"));
					queries.add(String.valueOf(rule.get("expr")), ruleFile + " " + name);
				}
			}
		}
		try (Stream<Path> dashboards = Files.list(repository.resolve("monitoring/grafana/dashboards"))) {
			dashboards.filter(file -> file.toString().endsWith(".json")).forEach(dashboard -> {
				JsonNode json = JsonMapper.builder().build().readTree(read(dashboard));
				json.findValues("expr").forEach(expr -> queries.add(expr.asString(), dashboard.getFileName().toString()));
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return queries;
	}

	static Set<String> metricNames(String promql) {
		Set<String> names = new TreeSet<>();
		Matcher identifiers = IDENTIFIER.matcher(NOT_METRICS.matcher(promql).replaceAll(" "));
		while (identifiers.find()) {
			if (!KEYWORDS.contains(identifiers.group().toLowerCase())) {
				names.add(identifiers.group());
			}
		}
		return names;
	}

	private void add(String promql, String where) {
		metricNames(promql).forEach(name -> this.queried.putIfAbsent(name, where));
	}

	/** Every name queried and where, that is neither in {@code exported}, recorded by a rule, nor Prometheus's own. */
	Map<String, String> missingFrom(Set<String> exported) {
		Map<String, String> missing = new TreeMap<>(this.queried);
		missing.keySet().removeIf(name -> exported.contains(name) || this.recorded.contains(name) || SYNTHETIC.contains(name));
		return missing;
	}

	Map<String, String> queried() {
		return this.queried;
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
