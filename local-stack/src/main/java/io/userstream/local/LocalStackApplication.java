package io.userstream.local;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The whole pipeline on one machine with nothing but JDK 17: a KRaft broker in this JVM,
 * PostgreSQL (the local server or an embedded one), the randomuser stand-in and the four services
 * as separate processes from their packaged jars.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LocalStackApplication {

	public static void main(String[] args) {
		SpringApplication.run(LocalStackApplication.class, args);
	}

}
