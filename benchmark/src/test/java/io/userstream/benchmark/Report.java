package io.userstream.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/** The benchmark's one table: each figure with its unit and its ratio to each baseline it is compared with. */
final class Report {

	record Figure(String name, double value, String unit, Map<String, Double> ratios) {
	}

	private final Map<String, Object> run = new LinkedHashMap<>();

	private final List<Figure> figures = new ArrayList<>();

	Report(Map<String, Object> run) {
		this.run.put("at", Instant.now().toString());
		this.run.put("cores", Runtime.getRuntime().availableProcessors());
		this.run.putAll(run);
	}

	void add(String name, double value, String unit) {
		this.figures.add(new Figure(name, value, unit, Map.of()));
	}

	/** A rate with its ratio to each named baseline rate. */
	void add(String name, double value, String unit, Map<String, Double> baselines) {
		Map<String, Double> ratios = new LinkedHashMap<>();
		baselines.forEach((baseline, rate) -> ratios.put(baseline, value / rate));
		this.figures.add(new Figure(name, value, unit, ratios));
	}

	String table() {
		StringBuilder table = new StringBuilder();
		table.append(String.format(Locale.ROOT, "%-62s %12s  %-9s %s%n", "figure", "value", "unit", "ratio to baseline"));
		for (Figure figure : this.figures) {
			StringBuilder ratios = new StringBuilder();
			figure.ratios()
				.forEach((baseline, ratio) -> ratios.append(String.format(Locale.ROOT, "%.2f x %s; ", ratio, baseline)));
			table.append(String.format(Locale.ROOT, "%-62s %12s  %-9s %s%n", figure.name(), format(figure.value()),
					figure.unit(), ratios.toString().replaceAll("; $", "")));
		}
		return table.toString();
	}

	void write(Path file) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		Map<String, Object> json = new LinkedHashMap<>(this.run);
		json.put("figures", this.figures);
		JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), json);
	}

	private static String format(double value) {
		if (Double.isInfinite(value)) {
			return "> last bucket";
		}
		return (value >= 100) ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
	}

}
