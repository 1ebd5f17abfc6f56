package io.userstream.persist;

import java.util.Arrays;

import io.userstream.persist.schema.MigrateCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class PersistApplication {

	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals(MigrateCommand.NAME)) {
			System.exit(MigrateCommand.run(Arrays.copyOfRange(args, 1, args.length)));
		}
		SpringApplication.run(PersistApplication.class, args);
	}

}
