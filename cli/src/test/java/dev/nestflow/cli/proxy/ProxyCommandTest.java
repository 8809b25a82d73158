package dev.nestflow.cli.proxy;

import dev.nestflow.cli.Executables;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class ProxyCommandTest {
  @Test
  void aUrlThatNamesNoRegionNeedsRegion() {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute("proxy", "--function-url", "http://127.0.0.1:9/", "--port", "0");
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("give --region");
  }

  @Test
  void functionUrlIsRequired() {
    CommandLine cli = Main.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute("proxy")).isEqualTo(2);
    assertThat(err.toString()).contains("--function-url");
  }

  @Test
  void awsCliCallsTheFunctionUrlThroughTheProxy() throws Exception {
    Assumptions.assumeTrue(Executables.onPath("aws"), "the AWS CLI is not on the PATH");
    var proxyUser = AwsBasicCredentials.create("AKIDPROXYUSER", "proxy-user-secret");
    try (FakeFunctionUrl functionUrl = new FakeFunctionUrl();
        SigningProxy proxy = new SigningProxy(new FunctionUrlForwarder(functionUrl.url(), Region.EU_WEST_2,
            StaticCredentialsProvider.create(proxyUser)), 0, message -> {})) {
      String endpoint = "http://127.0.0.1:" + proxy.port();
      functionUrl.answerWith(200, Map.of("Content-Type", "application/x-amz-json-1.0"),
          "{\"stateMachines\":[{\"stateMachineArn\":\"arn:aws:states:eu-west-2:123456789012:stateMachine:Hello\","
              + "\"name\":\"Hello\",\"type\":\"STANDARD\",\"creationDate\":1767225600}]}");
      Result listed = aws(endpoint, "list-state-machines");
      assertThat(listed.exit()).as(listed.output()).isZero();
      assertThat(listed.output()).contains("\"name\": \"Hello\"");
      FakeFunctionUrl.Received r = functionUrl.received().get(0);
      assertThat(r.header("X-Amz-Target")).isEqualTo("AWSStepFunctions.ListStateMachines");
      assertThat(r.header("Authorization")).isEqualTo(r.expectedAuthorization(proxyUser, "eu-west-2", "lambda"));

      functionUrl.answerWith(400, Map.of("Content-Type", "application/x-amz-json-1.0"),
          "{\"__type\":\"com.amazonaws.swf.service.v2.model#StateMachineDoesNotExist\",\"message\":\"State Machine Does Not Exist\"}");
      Result missing = aws(endpoint, "describe-state-machine", "--state-machine-arn",
          "arn:aws:states:eu-west-2:123456789012:stateMachine:Gone");
      assertThat(missing.exit()).isNotZero();
      assertThat(missing.output()).contains("(StateMachineDoesNotExist)", "State Machine Does Not Exist");
    }
  }

  record Result(int exit, String output) {}

  private static Result aws(String endpoint, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("aws", "stepfunctions", "--endpoint-url", endpoint));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(Map.of(
        "AWS_ACCESS_KEY_ID", "AKIDCLIENT", "AWS_SECRET_ACCESS_KEY", "client-secret", "AWS_DEFAULT_REGION", "us-east-1",
        "AWS_MAX_ATTEMPTS", "1", "AWS_PAGER", ""));
    Process process = builder.start();
    boolean ended = process.waitFor(60, TimeUnit.SECONDS);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!ended) {
      process.destroyForcibly();
      throw new AssertionError("aws did not end: " + output);
    }
    return new Result(process.exitValue(), output);
  }
}
