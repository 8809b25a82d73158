package dev.nestflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.queue.SqsQueue;
import dev.nestflow.infrastructure.store.DynamoDbExecutionStore;
import dev.nestflow.testing.templates.SamTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * README's {@code sam local invoke} commands, as the Lambda Java runtime runs them: for each
 * function of template.yaml, in the README's order, a fresh JVM runs the runtime interface client
 * with the Lambda jar and the function's Handler; its environment is what {@code sam local invoke
 * --env-vars events/env.json} gives it (the template's variables, of which the file may override
 * only those the template declares; the emulator's address {@code host.docker.internal:5000}
 * becomes this test's moto_server), and a Runtime API emulator hands it the event file.
 */
class SamLocalInvokeTest {
  static final Path ROOT = Path.of("..");
  static final Path FUNCTIONS_JAR = ROOT.resolve("functions/target/nestflow-functions.jar");
  static final Path RUNTIME_LIB = Path.of("target", "lambda-runtime");

  @Test
  void eachFunctionAnswersItsEventFileWithTheDocumentedEnvironment() throws Exception {
    Assumptions.assumeTrue(Moto.available(), "moto_server is not on the PATH");
    Assumptions.assumeTrue(Files.exists(FUNCTIONS_JAR), "the Lambda jar is built by the reactor's package of functions");
    JsonNode template = SamTemplate.tree(ROOT.resolve("template.yaml"));
    JsonNode envFile = Json.parse(Files.readString(ROOT.resolve("events/env.json")));
    try (Moto moto = Moto.start()) {
      String emulator = moto.endpoint().toString().replaceAll("/$", "");
      // what README has the reader create once: the table and the queue serve creates when missing
      StaticCredentialsProvider creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
      try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
              .credentialsProvider(creds).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
          SqsClient sqs = SqsClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
              .credentialsProvider(creds).httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
        DynamoDbExecutionStore.createTable(dynamo, "nestflow");
        SqsQueue.createQueue(sqs, "nestflow-transitions");

        JsonNode created = invoke(template, envFile, emulator, "ApiFunction", "events/ApiFunction.json");
        assertThat(created.path("statusCode").asInt()).as(created.toString()).isEqualTo(200);
        assertThat(Json.parse(created.path("body").asText()).path("stateMachineArn").asText())
            .isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:HelloWorld");

        JsonNode started = invoke(template, envFile, emulator, "ApiFunction", "events/ApiFunction-StartExecution.json");
        assertThat(started.path("statusCode").asInt()).as(started.toString()).isEqualTo(200);
        String execution = Json.parse(started.path("body").asText()).path("executionArn").asText();
        assertThat(execution).isEqualTo("arn:aws:states:us-east-1:123456789012:execution:HelloWorld:sample-run");

        JsonNode advanced = invoke(template, envFile, emulator, "StateAdvanceFunction", "events/StateAdvanceFunction.json");
        assertThat(advanced.path("batchItemFailures")).as(advanced.toString()).isEmpty();
        DynamoDbExecutionStore store = new DynamoDbExecutionStore(dynamo, "nestflow");
        assertThat(store.execution(execution).orElseThrow().status()).isEqualTo("SUCCEEDED");

        JsonNode answered = invoke(template, envFile, emulator, "TaskTokenFunction", "events/TaskTokenFunction.json");
        assertThat(answered.path("errorType").asText()).as(answered.toString()).isEqualTo("InvalidToken");
      }
    }
  }

  /** One {@code sam local invoke FUNCTION -e EVENT --env-vars events/env.json}: the handler's answer. */
  private static JsonNode invoke(JsonNode template, JsonNode envFile, String emulator, String function, String eventFile)
      throws Exception {
    JsonNode resource = template.path("Resources").path(function);
    assertThat(resource.path("Type").asText()).as("template.yaml declares " + function).isEqualTo("AWS::Serverless::Function");
    String handler = resource.path("Properties").path("Handler").asText();
    Map<String, String> env = environment(template, envFile, function);
    env.replaceAll((k, v) -> v.replace("http://host.docker.internal:5000", emulator));
    String event = Files.readString(ROOT.resolve(eventFile));
    try (LambdaColdStart.RuntimeApi api = LambdaColdStart.RuntimeApi.start(event)) {
      List<String> command = LambdaColdStart.command(FUNCTIONS_JAR, RUNTIME_LIB, List.of());
      command.set(command.size() - 1, handler);
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      Path log = Files.createTempFile("sam-local-", ".log");
      pb.redirectOutput(log.toFile());
      pb.environment().putAll(env);
      pb.environment().putAll(LambdaColdStart.lambdaEnvironment(api.address()));
      pb.environment().put("_HANDLER", handler);
      pb.environment().put("AWS_REGION", "us-east-1");
      pb.environment().put("AWS_ACCESS_KEY_ID", "test");
      pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
      Process p = pb.start();
      try {
        LambdaColdStart.RuntimeApi.Answer answer = api.answer().get(90, TimeUnit.SECONDS);
        assertThat(answer.success()).as(function + " " + eventFile + ": " + answer.body() + "\n" + Files.readString(log)).isTrue();
        return Json.parse(answer.body());
      } finally {
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
        Files.deleteIfExists(log);
      }
    }
  }

  /**
   * As sam local builds it: Globals' variables, then the function's own, then the env file's
   * "Parameters" and the function's section, for names the template declares only; a value the
   * template leaves to CloudFormation (an intrinsic) must be given by the file.
   */
  private static Map<String, String> environment(JsonNode template, JsonNode envFile, String function) {
    Map<String, JsonNode> declared = new LinkedHashMap<>();
    template.path("Globals").path("Function").path("Environment").path("Variables").fields()
        .forEachRemaining(f -> declared.put(f.getKey(), f.getValue()));
    template.path("Resources").path(function).path("Properties").path("Environment").path("Variables").fields()
        .forEachRemaining(f -> declared.put(f.getKey(), f.getValue()));
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode section : List.of(envFile.path("Parameters"), envFile.path(function))) {
      for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        assertThat(declared).as("events/env.json sets %s, which sam local ignores unless template.yaml declares it", f.getKey())
            .containsKey(f.getKey());
        env.put(f.getKey(), f.getValue().asText());
      }
    }
    declared.forEach((name, value) -> {
      if (!env.containsKey(name)) {
        assertThat(value.isValueNode()).as("%s is %s in template.yaml: events/env.json must give it a value", name, value).isTrue();
        env.put(name, value.asText());
      }
    });
    return env;
  }
}
