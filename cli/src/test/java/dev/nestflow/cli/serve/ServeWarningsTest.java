package dev.nestflow.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ServeWarningsTest {
  private static final URI EMULATOR = URI.create("http://127.0.0.1:5000");

  @Test
  void aDynamoDbEndpointWithoutATokenKeyIsWarnedAbout() {
    assertThat(ServeCommand.warnings(EMULATOR, null, null)).singleElement().asString()
        .startsWith("warning: --dynamodb-endpoint without --token-key").contains("NESTFLOW_TOKEN_KEY");
    assertThat(ServeCommand.warnings(null, EMULATOR, null)).singleElement().asString().startsWith("warning: --sqs-endpoint");
  }

  @Test
  void inMemoryOrWithATokenKeyNothingIsWarnedAbout() {
    assertThat(ServeCommand.warnings(null, null, null)).isEmpty();
    assertThat(ServeCommand.warnings(EMULATOR, EMULATOR, "a-key-of-enough-length")).isEmpty();
  }
}
