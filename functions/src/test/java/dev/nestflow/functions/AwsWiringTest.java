package dev.nestflow.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

class AwsWiringTest {
  private static final Map<String, String> ENV = Map.of(
      AwsWiring.TABLE, "t",
      AwsWiring.QUEUE, "http://localhost:1/000000000000/q",
      AwsWiring.TOKEN_KEY, "a-test-key-of-enough-length",
      AwsWiring.ACCOUNT, "123456789012",
      AwsWiring.ENDPOINT, "http://localhost:1",
      "AWS_REGION", "eu-west-1",
      "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
      "AWS_SECRET_ACCESS_KEY", "secret");

  @Test
  void credentialsAreTheFunctionRolesKeysFromTheEnvironmentWithItsSessionToken() {
    Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret",
        "AWS_SESSION_TOKEN", "token");
    AwsCredentials c = AwsWiring.credentials(env, null).resolveCredentials();
    assertThat(c).isInstanceOf(AwsSessionCredentials.class);
    assertThat(c.accessKeyId()).isEqualTo("AKIDEXAMPLE");
    assertThat(c.secretAccessKey()).isEqualTo("secret");
    assertThat(((AwsSessionCredentials) c).sessionToken()).isEqualTo("token");
  }

  @Test
  void keysWithoutASessionTokenAreUsedAsTheyAre() {
    AwsCredentials c = AwsWiring.credentials(ENV, URI.create("http://localhost:1")).resolveCredentials();
    assertThat(c).isNotInstanceOf(AwsSessionCredentials.class);
    assertThat(c.accessKeyId()).isEqualTo("AKIDEXAMPLE");
  }

  @Test
  void theApiIsBuiltOnFirstUseAndThenKept() {
    AwsWiring.Wired wired = AwsWiring.wire(ENV);
    assertThat(wired.runtime()).isNotNull();
    assertThat(wired.api()).isSameAs(wired.api());
    wired.buildAll();
  }
}
