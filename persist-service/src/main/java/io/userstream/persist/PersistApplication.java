package io.userstream.persist;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class PersistApplication {

	public static void main(String[] args) {
		SpringApplication.run(PersistApplication.class, args);
	}

}
