package io.userstream.security;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ApiTokenTests {

	private static final Pattern GENERATED = Pattern.compile("Using generated API token: (\\S+)");

	@Test
	void withoutATokenAStrongOneIsMadeUpAndLoggedOnce(CapturedOutput output) {
		ApiToken first = ApiToken.of(new ApiTokenProperties(null));
		ApiToken.of(new ApiTokenProperties(" "));

		Matcher logged = GENERATED.matcher(output.getOut());
		assertThat(logged.find()).isTrue();
		String token = logged.group(1);
		assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
		assertThat(first.matches(token)).isTrue();
		assertThat(logged.find()).as("a second service's token").isTrue();
		assertThat(logged.group(1)).isNotEqualTo(token);
	}

	@Test
	void theDevelopmentTokenWorksButSaysItIsPublished(CapturedOutput output) {
		ApiToken token = ApiToken.of(new ApiTokenProperties(ApiToken.DEVELOPMENT_TOKEN));

		assertThat(token.matches("development-token-change-me")).isTrue();
		assertThat(output.getOut()).contains("WARN").contains("published development token");
	}

	@Test
	void onlyTheExactTokenMatches(CapturedOutput output) {
		ApiToken token = ApiToken.of(new ApiTokenProperties("s3cret-token"));

		assertThat(token.matches("s3cret-token")).isTrue();
		assertThat(token.matches("s3cret-toke")).isFalse();
		assertThat(token.matches("s3cret-token ")).isFalse();
		assertThat(token.matches("S3CRET-TOKEN")).isFalse();
		assertThat(token.matches("")).isFalse();
		assertThat(output.getOut()).doesNotContain("s3cret-token");
	}

}
