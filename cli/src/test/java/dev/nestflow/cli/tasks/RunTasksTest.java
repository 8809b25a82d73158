package dev.nestflow.cli.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.nestflow.cli.CliRun;
import dev.nestflow.core.json.Json;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nestflow run} with Lambda tasks: at a function endpoint, as Java handlers on a classpath, and with neither. */
class RunTasksTest {
  private static final String TWO_TASKS = """
      {"StartAt":"Double","States":{
        "Double":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:double","Next":"Label"},
        "Label":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
          "Parameters":{"FunctionName":"label","Payload.$":"$"},"OutputPath":"$.Payload","End":true}}}""";

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void plainLambdaTasksRunAgainstALocalFunctionEndpoint(@TempDir Path dir) throws Exception {
    Path definition = Files.writeString(dir.resolve("two.asl.json"), TWO_TASKS);
    List<String> calls = new ArrayList<>();
    HttpServer lambda = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    lambda.createContext("/2015-03-31/functions/", exchange -> {
      // the name, or the full ARN, as the task gave it
      String path = exchange.getRequestURI().getPath().split("/")[3];
      String function = path.substring(path.lastIndexOf(':') + 1);
      var event = Json.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      calls.add(function);
      String answer = function.equals("double")
          ? "{\"n\":" + event.path("n").asInt() * 2 + "}"
          : "{\"label\":\"n=" + event.path("n").asInt() + "\"}";
      byte[] body = answer.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("X-Amz-Executed-Version", "$LATEST");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    lambda.start();
    try {
      CliRun o = run("run", definition.toString(), "--input", "{\"n\":21}",
          "--lambda-endpoint", "http://127.0.0.1:" + lambda.getAddress().getPort());
      assertThat(o.exit()).as(o.err()).isZero();
      assertThat(Json.parse(o.out().trim())).isEqualTo(Json.parse("{\"label\":\"n=42\"}"));
      assertThat(calls).containsExactly("double", "label");
    } finally {
      lambda.stop(0);
    }
  }

  @Test
  void plainLambdaTasksRunAsJavaHandlersFromAClasspath(@TempDir Path dir) throws Exception {
    Path classes = compile(dir, "example.Double", """
        package example;
        import com.amazonaws.services.lambda.runtime.Context;
        import com.amazonaws.services.lambda.runtime.RequestHandler;
        import java.util.Map;
        public class Double implements RequestHandler<Map<String, Integer>, Map<String, Integer>> {
          public Map<String, Integer> handleRequest(Map<String, Integer> in, Context context) {
            if (in.get("n") < 0) {
              throw new IllegalArgumentException("negative");
            }
            return Map.of("n", in.get("n") * 2);
          }
        }""", "example.Label", """
        package example;
        import com.amazonaws.services.lambda.runtime.Context;
        import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
        import java.io.*;
        public class Label implements RequestStreamHandler {
          public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
            String event = new String(in.readAllBytes(), "UTF-8");
            out.write(("{\\"label\\":\\"" + context.getFunctionName() + " " + event.replace("\\"", "'") + "\\"}").getBytes("UTF-8"));
          }
        }""");
    Path definition = Files.writeString(dir.resolve("two.asl.json"), TWO_TASKS);
    CliRun o = run("run", definition.toString(), "--input", "{\"n\":21}", "--classpath", classes.toString(),
        "--function", "double=example.Double", "--function", "label=example.Label");
    assertThat(o.exit()).as(o.err()).isZero();
    assertThat(Json.parse(o.out().trim())).isEqualTo(Json.parse("{\"label\":\"label {'n':42}\"}"));

    CliRun failed = run("run", definition.toString(), "--input", "{\"n\":-1}", "--classpath", classes.toString(),
        "--function", "double=example.Double", "--function", "label=example.Label");
    assertThat(failed.exit()).isEqualTo(1);
    assertThat(failed.err()).contains("FAILED: java.lang.IllegalArgumentException").contains("\"errorMessage\":\"negative\"");
  }

  @Test
  void aLambdaTaskNobodyCanRunFailsNamingTheOptionsThatWouldServeIt(@TempDir Path dir) throws Exception {
    Path definition = Files.writeString(dir.resolve("two.asl.json"), TWO_TASKS);
    CliRun o = run("run", definition.toString(), "--input", "{\"n\":1}");
    assertThat(o.exit()).isEqualTo(1);
    assertThat(o.err()).contains("FAILED: States.TaskFailed")
        .contains("arn:aws:lambda:us-east-1:123456789012:function:double")
        .contains("--lambda-endpoint URL").contains("--function NAME=CLASS --classpath JAR");
  }

  @Test
  void answerAnswersANestedStartExecutionWaitForTaskToken(@TempDir Path dir) throws Exception {
    Path parent = Files.writeString(dir.resolve("parent.asl.json"), """
        {"StartAt":"AskChild","States":{"AskChild":{"Type":"Task",
          "Resource":"arn:aws:states:::states:startExecution.waitForTaskToken",
          "Parameters":{"StateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:Child",
            "Input":{"token.$":"$$.Task.Token","order":7}},"TimeoutSeconds":60,"End":true}}}""");
    Path child = Files.writeString(dir.resolve("child.asl.json"), """
        {"StartAt":"Done","States":{"Done":{"Type":"Pass","End":true}}}""");
    CliRun o = run("run", parent.toString(), "--state-machine", "Child=" + child,
        "--answer", "AskChild={\"approved\":true}");
    assertThat(o.exit()).as(o.err()).isZero();
    assertThat(Json.parse(o.out().trim())).isEqualTo(Json.parse("{\"approved\":true}"));

    CliRun unanswered = run("run", parent.toString(), "--state-machine", "Child=" + child);
    assertThat(unanswered.exit()).isEqualTo(1);
    assertThat(unanswered.err()).contains("FAILED: States.Timeout");
  }

  /** Compiles (name, source) pairs against this test's classpath into a folder. */
  private static Path compile(Path dir, String... namesAndSources) throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    Path out = Files.createDirectories(dir.resolve("classes"));
    List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-cp", System.getProperty("java.class.path")));
    for (int i = 0; i < namesAndSources.length; i += 2) {
      Path file = src.resolve(namesAndSources[i].replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, namesAndSources[i + 1]);
      args.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    int rc = javac.run(null, null, new java.io.OutputStream() {
      @Override
      public void write(int b) {
        errors.write(b);
      }
    }, args.toArray(String[]::new));
    assertThat(rc).as(errors.toString().toLowerCase(Locale.ROOT)).isZero();
    return out;
  }
}
