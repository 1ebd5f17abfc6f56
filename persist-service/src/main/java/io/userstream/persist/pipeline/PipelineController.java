package io.userstream.persist.pipeline;

import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The figures behind the pipeline page ({@code /}, its files in {@code static/}), from Kafka and from
 * the table only, so every replica shows the same. Either side may be unreachable: the answer then
 * says so for that side and still carries the other.
 */
@RestController
@EnableConfigurationProperties(PipelinePageProperties.class)
class PipelineController {

	private static final Logger logger = LoggerFactory.getLogger(PipelineController.class);

	private final KafkaFigures kafka;

	private final TableFigures table;

	PipelineController(KafkaFigures kafka, TableFigures table) {
		this.kafka = kafka;
		this.table = table;
	}

	@Operation(summary = "The pipeline page's figures: topics, stages and their lag, dead letters, what is stored",
			description = "A side that does not answer is null, with kafkaError or databaseError saying so")
	@ApiResponse(responseCode = "200", description = "One look at the pipeline")
	@GetMapping("/pipeline")
	Pipeline pipeline() {
		Instant at = Instant.now();
		KafkaFigures.View kafka = null;
		String kafkaError = null;
		try {
			kafka = this.kafka.read();
		}
		catch (Exception ex) {
			kafkaError = "Kafka did not answer";
			logger.debug("Pipeline page: Kafka unreachable ({})", ex.getClass().getName());
		}
		TableFigures.View table = null;
		String databaseError = null;
		try {
			table = this.table.read();
		}
		catch (RuntimeException ex) {
			databaseError = "The database did not answer";
			logger.debug("Pipeline page: database unreachable ({})", ex.getClass().getName());
		}
		return new Pipeline(at, kafka, kafkaError, table, databaseError);
	}

	/** One look at the pipeline; a side that could not be read is null, with its error said. */
	record Pipeline(Instant at, KafkaFigures.View kafka, String kafkaError, TableFigures.View database,
			String databaseError) {
	}

}
