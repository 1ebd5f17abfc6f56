package io.userstream.label;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class LabelApplication {

	public static void main(String[] args) {
		SpringApplication.run(LabelApplication.class, args);
	}

}
