package io.userstream.label;

import java.util.Random;
import java.util.random.RandomGenerator;

import io.userstream.kafka.TopicsProperties;
import io.userstream.kafka.streams.StreamRoute;
import io.userstream.model.Stage;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@EnableConfigurationProperties(LabelsProperties.class)
public class LabelApplication {

	public static void main(String[] args) {
		SpringApplication.run(LabelApplication.class, args);
	}

	@Bean
	StreamRoute streamRoute(TopicsProperties topics) {
		return new StreamRoute(topics.timestamp(), topics.label(), Stage.TIMESTAMPED);
	}

	/** java.util.Random: safe to share between stream threads. */
	@Bean
	RandomGenerator labelRandom(LabelsProperties labels) {
		return labels.seed() == null ? new Random() : new Random(labels.seed());
	}

}
