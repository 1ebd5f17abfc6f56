package io.userstream.timestamp;

import java.time.Clock;

import io.userstream.kafka.TopicsProperties;
import io.userstream.kafka.streams.StreamRoute;
import io.userstream.model.Stage;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class TimestampApplication {

	public static void main(String[] args) {
		SpringApplication.run(TimestampApplication.class, args);
	}

	@Bean
	StreamRoute streamRoute(TopicsProperties topics) {
		return new StreamRoute(topics.usersInfo(), topics.timestamp(), Stage.FETCHED);
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
