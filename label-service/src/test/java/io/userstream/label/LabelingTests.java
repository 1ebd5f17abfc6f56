package io.userstream.label;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.userstream.test.TestUsers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import static org.assertj.core.api.Assertions.assertThat;

class LabelingTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
		.withUserConfiguration(LabelsConfiguration.class);

	@Test
	void drawsEachDefaultLabelAboutEquallyOften() {
		var labeling = new Labeling(new LabelsProperties(List.of("Good", "Bad", "Excellent", "Awful", "Normal"), null),
				new Random(42));

		Map<String, Long> counts = IntStream.range(0, 10_000).mapToObj(i -> labeling.enrich(TestUsers.fetched(i)).labels())
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

		assertThat(counts).containsOnlyKeys("Good", "Bad", "Excellent", "Awful", "Normal");
		assertThat(chiSquare(counts, 10_000)).as("chi-square, 4 degrees of freedom, p = 0.001").isLessThan(18.47);
	}

	@Test
	void defaultsToTheOriginalFiveLabels() {
		this.contextRunner.run(context -> assertThat(context.getBean(LabelsProperties.class).values())
			.containsExactly("Good", "Bad", "Excellent", "Awful", "Normal"));
	}

	@Test
	void takesAConfiguredListAndSeed() {
		this.contextRunner.withPropertyValues("userstream.labels.values=Hot, Cold", "userstream.labels.seed=7")
			.run(context -> assertThat(context.getBean(LabelsProperties.class)).isEqualTo(new LabelsProperties(List.of("Hot", "Cold"), 7L)));
	}

	@Test
	void refusesToStartWithAnEmptyListAndSaysWhy() {
		this.contextRunner.withPropertyValues("userstream.labels.values=")
			.run(context -> assertThat(context).getFailure().rootCause()
				.hasMessageContaining("userstream.labels.values is empty"));
	}

	static double chiSquare(Map<String, Long> counts, int total) {
		double expected = (double) total / counts.size();
		return counts.values().stream().mapToDouble(count -> Math.pow(count - expected, 2) / expected).sum();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(LabelsProperties.class)
	static class LabelsConfiguration {

	}

}
