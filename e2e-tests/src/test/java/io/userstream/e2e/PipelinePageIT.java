package io.userstream.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.userstream.standin.RandomUserStandIn;
import io.userstream.model.Topics;
import io.userstream.test.ServiceProcess;
import io.userstream.test.TestApiToken;
import io.userstream.test.TestKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The pipeline page in a real browser (Debian's chromium, headless), against the four packaged jars:
 * what a person would check after entering the token. Its topics are its own, so its poison record
 * reaches no other test.
 */
class PipelinePageIT {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Duration READY = Duration.ofMinutes(2);

	private static final String USERS_INFO = TestKafka.uniqueTopic("page-users-info");

	private static RandomUserStandIn standIn;

	private static List<ServiceProcess> services = List.of();

	private static ServiceProcess ingest;

	private static ServiceProcess persist;

	private static WebDriver browser;

	@BeforeAll
	static void startPipelineAndBrowser() throws Exception {
		assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"Debian's chromium and chromium-driver are not installed (.ci/run installs them): the page test is skipped");
		String timestampTopic = TestKafka.uniqueTopic("page-timestamp");
		String labelTopic = TestKafka.uniqueTopic("page-label");
		String run = USERS_INFO.substring(USERS_INFO.lastIndexOf('-') + 1);
		standIn = RandomUserStandIn.start(0);
		persist = topics(ServiceProcess.ofModule("persist-service").withDatabase(), timestampTopic, labelTopic)
			.with("userstream.pipeline-page.timestamp-group", "timestamp-page-" + run)
			.with("userstream.pipeline-page.label-group", "label-page-" + run);
		ServiceProcess label = topics(ServiceProcess.ofModule("label-service"), timestampTopic, labelTopic)
			.with("spring.kafka.streams.application-id", "label-page-" + run);
		ServiceProcess timestamp = topics(ServiceProcess.ofModule("timestamp-service"), timestampTopic, labelTopic)
			.with("spring.kafka.streams.application-id", "timestamp-page-" + run);
		ingest = topics(ServiceProcess.ofModule("ingest-service"), timestampTopic, labelTopic)
			.with("randomuser.base-url", standIn.baseUrl())
			.with("ingest.schedule.enabled", "false");
		services = List.of(persist, label, timestamp, ingest);
		services.forEach(ServiceProcess::start);
		services.forEach(service -> service.awaitReady(READY));

		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
					"--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1700");
		browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build(), options);
	}

	private static ServiceProcess topics(ServiceProcess service, String timestampTopic, String labelTopic) {
		return service.with("userstream.topics.users-info", USERS_INFO)
			.with("userstream.topics.timestamp", timestampTopic)
			.with("userstream.topics.label", labelTopic);
	}

	@AfterAll
	static void stopAll() {
		if (browser != null) {
			browser.quit();
		}
		services.stream().filter(Objects::nonNull).forEach(ServiceProcess::stop);
		if (standIn != null) {
			standIn.close();
		}
	}

	@Test
	void afterTheTokenThePageShowsFlowStagesDeadLettersAndWhatIsStored() throws Exception {
		browser.get(persist.uri("/").toString());
		browser.findElement(By.id("token")).sendKeys(TestApiToken.value());
		browser.findElement(By.cssSelector("#token-form button")).click();
		// The page redraws every few seconds, so an element found may be gone by the time it is read.
		FluentWait<WebDriver> wait = new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(250))
			.ignoring(StaleElementReferenceException.class);
		wait.until(page -> page.findElements(By.cssSelector("#stages tbody tr")).size() == 3);

		assertThat(ingest.post("/ingest/run", "{\"count\": 3000, \"seed\": \"page\"}").statusCode()).isEqualTo(200);
		try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
			producer.send(new ProducerRecord<>(USERS_INFO, "poison", "not a user".getBytes(StandardCharsets.UTF_8))).get();
		}

		wait.until(page -> Long.parseLong(page.findElement(By.id("flow-chart")).getAttribute("data-max-rate")) > 0);
		wait.until(page -> page.findElements(By.cssSelector("#stages tbody tr td:first-child")).stream()
			.map(WebElement::getText)
			.toList()
			.equals(List.of("timestamp-service", "label-service", "persist-service")));
		By usersInfoDeadLetters = By.cssSelector("[data-topic='" + Topics.deadLetterOf(USERS_INFO) + "']");
		wait.until(page -> page.findElement(usersInfoDeadLetters).getText().contains(": 1")
				&& page.findElement(usersInfoDeadLetters).getText().contains("InvalidUserException: not a user JSON"));
		wait.until(page -> statsTotal() >= 3000 && number(page.findElement(By.id("rows-stored")).getText()) == statsTotal());
		wait.until(page -> !page.findElements(By.cssSelector("#newest tbody tr")).isEmpty()
				&& page.findElement(By.id("latency-p99")).getText().endsWith(" ms")
				&& page.findElement(By.id("status")).getText().startsWith("Updated"));

		screenshot("pipeline-page.png");

		browser.manage().window().setSize(new Dimension(390, 844));
		wait.until(page -> (Boolean) ((JavascriptExecutor) page)
			.executeScript("return document.documentElement.scrollWidth <= window.innerWidth"));
		screenshot("pipeline-page-phone.png");
	}

	private static void screenshot(String name) throws IOException {
		File screenshot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
		Files.copy(screenshot.toPath(), Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
	}

	private static long number(String text) {
		return text.isBlank() || text.equals("-") ? -1 : Long.parseLong(text.replace(",", ""));
	}

	private static long statsTotal() {
		try {
			return JsonMapper.builder().build().readTree(persist.get("/users/stats").body()).path("total_rows").asLong();
		}
		catch (RuntimeException ex) {
			return -2;
		}
	}

}
