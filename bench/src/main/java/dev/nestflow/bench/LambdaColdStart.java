package dev.nestflow.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.keys.Key;
import dev.nestflow.infrastructure.keys.Keyring;
import dev.nestflow.infrastructure.queue.MessageSeal;
import dev.nestflow.infrastructure.queue.SignedQueue;
import dev.nestflow.infrastructure.queue.SqsQueue;
import dev.nestflow.infrastructure.runtime.ExecutionRuntime;
import dev.nestflow.infrastructure.runtime.TaskTokens;
import dev.nestflow.infrastructure.store.DynamoDbExecutionStore;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Lambda cold start of the real state-advance handler: a fresh JVM runs the Lambda Runtime Interface
 * Client (as the Java managed runtime does) with the shaded Lambda jar and
 * {@code dev.nestflow.functions.StateAdvanceHandler::handleRequest}; a small Runtime API emulator in
 * this process hands it one SQS event (the start message of an execution made beforehand against
 * moto_server), and the time from process launch to the handler's response POST is the cold start.
 * Each run then checks that the execution advanced in moto and that no message failed.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar dev.nestflow.bench.LambdaColdStart
 * [FUNCTIONS_JAR [RUNTIME_LIB_DIR [runs ["JVM flags"...]]]]}, defaults
 * {@code functions/target/nestflow-functions.jar}, {@code bench/target/lambda-runtime} (the runtime
 * interface client and its dependencies, copied there by this module's build) and 5 runs. Each
 * variant of JVM flags is run {@code runs} times after one unmeasured run.
 */
public final class LambdaColdStart {
  private LambdaColdStart() {}

  static final String HANDLER = "dev.nestflow.functions.StateAdvanceHandler::handleRequest";
  static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
  static final String TOKEN_KEY = "cold-start-token-key-0123456789";
  static final String ACCOUNT = "123456789012";
  static final String DEFINITION = "{\"StartAt\":\"A\",\"States\":{"
      + "\"A\":{\"Type\":\"Pass\",\"Parameters\":{\"x.$\":\"$.x\",\"sum.$\":\"States.MathAdd($.x, 1)\"},\"Next\":\"C\"},"
      + "\"C\":{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$.x\",\"NumericGreaterThan\":0,\"Next\":\"B\"}],"
      + "\"Default\":\"B\"},\"B\":{\"Type\":\"Pass\",\"End\":true}}}";
  /** The flags the Java managed runtime starts the JVM with (besides heap and metaspace sizes). */
  static final List<String> LAMBDA_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
      "-XX:+UseSerialGC", "-Xshare:auto");

  /** Whether the handler reads its key from Secrets Manager (moto) instead of its environment. */
  static final boolean SECRET_KEYS = "secret".equals(System.getProperty("nestflow.bench.keys"));

  /** A secret named {@code name} holding {@link #TOKEN_KEY} in moto; returns its version id. */
  static String createSecret(Moto moto, String name) throws IOException, InterruptedException {
    java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(moto.endpoint())
            .header("X-Amz-Target", "secretsmanager.CreateSecret")
            .header("Content-Type", "application/x-amz-json-1.1")
            .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/secretsmanager/aws4_request, "
                + "SignedHeaders=host, Signature=0")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                "{\"Name\":\"" + name + "\",\"SecretString\":\"" + TOKEN_KEY + "\"}"))
            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    return dev.nestflow.core.json.Json.parse(r.body()).path("VersionId").asText();
  }

  /** One cold start: ms from process launch to the response POST; what the execution became. */
  public record Measurement(long responseMs, String statusBefore, String statusAfter, String response) {}

  public static void main(String[] args) throws Exception {
    Path functionsJar = Path.of(args.length > 0 ? args[0] : "functions/target/nestflow-functions.jar");
    Path runtimeLib = Path.of(args.length > 1 ? args[1] : "bench/target/lambda-runtime");
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    System.out.printf("Lambda jar %s: %,d bytes; handler %s through %s%n", functionsJar, Files.size(functionsJar),
        HANDLER, RIC_MAIN);
    List<List<String>> variants = new ArrayList<>();
    variants.add(List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"));
    variants.add(LAMBDA_FLAGS);
    variants.add(List.of());
    for (int i = 3; i < args.length; i++) {
      variants.add(Arrays.asList(args[i].trim().split("\\s+")));
    }
    Path archive = Files.createTempFile("nestflow-lambda-", ".jsa");
    Files.delete(archive);
    List<String> appCds = new ArrayList<>(LAMBDA_FLAGS);
    appCds.add("-XX:SharedArchiveFile=" + archive);
    variants.add(appCds);
    try (Moto moto = Moto.start()) {
      for (List<String> flags : variants) {
        if (flags == appCds) { // one training run writes the dynamic AppCDS archive when its JVM exits
          List<String> training = new ArrayList<>(LAMBDA_FLAGS);
          training.add("-XX:ArchiveClassesAtExit=" + archive);
          coldStart(moto, functionsJar, runtimeLib, training);
          if (!Files.exists(archive)) {
            System.out.println("no AppCDS archive was written; skipping that variant");
            continue;
          }
        }
        List<Measurement> ms = new ArrayList<>();
        for (int i = 0; i < runs + 1; i++) {
          Measurement m = coldStart(moto, functionsJar, runtimeLib, flags);
          if (i > 0) { // the first run warms the OS file cache (and writes a CDS archive when asked to)
            ms.add(m);
          }
        }
        ms.sort(Comparator.comparingLong(Measurement::responseMs));
        System.out.printf("%-72s launch -> first SQS batch answered: median %4d ms (min %d, max %d, %d runs);"
                + " execution %s -> %s%n",
            flags.isEmpty() ? "(JVM defaults)" : String.join(" ", flags), ms.get(ms.size() / 2).responseMs(),
            ms.get(0).responseMs(), ms.get(ms.size() - 1).responseMs(), ms.size(), ms.get(0).statusBefore(),
            ms.get(0).statusAfter());
      }
    } finally {
      Files.deleteIfExists(archive);
    }
  }

  /** One fresh JVM: table, queue, machine and execution in moto; the handler takes the start message. */
  static Measurement coldStart(Moto moto, Path functionsJar, Path runtimeLib, List<String> flags) throws Exception {
    StaticCredentialsProvider creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
            .credentialsProvider(creds).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        SqsClient sqs = SqsClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
            .credentialsProvider(creds).httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
      String name = BenchCluster.uniqueName("lcold") + "-" + Long.toString(System.nanoTime(), 36);
      DynamoDbExecutionStore.createTable(dynamo, name);
      String url = SqsQueue.createQueue(sqs, name);
      DynamoDbExecutionStore store = new DynamoDbExecutionStore(dynamo, name);
      // the functions sign transition messages: the start message is signed with their key, which the
      // handler reads from NESTFLOW_TOKEN_KEY or, with -Dnestflow.bench.keys=secret, from Secrets Manager
      String secretVersion = SECRET_KEYS ? createSecret(moto, name) : null;
      Keyring keys = Keyring.of(secretVersion == null ? Key.fixed(TOKEN_KEY.getBytes(StandardCharsets.UTF_8))
          : new Key(secretVersion, TOKEN_KEY.getBytes(StandardCharsets.UTF_8)));
      ExecutionRuntime starter = new ExecutionRuntime(store, new SignedQueue(new SqsQueue(sqs, url), new MessageSeal(keys),
          System.out::println), TaskInvoker.none(), Clock.systemUTC(), new TaskTokens(keys));
      String sm = "arn:aws:states:us-east-1:" + ACCOUNT + ":stateMachine:" + name;
      store.putStateMachine(new StateMachineRecord(sm, name, "STANDARD", DEFINITION, BenchCluster.ROLE, 0));
      String arn = starter.commands().startExecution(sm, "cold-1", "{\"x\":1}").executionArn();
      String before = store.execution(arn).orElseThrow().status();
      long versionBefore = store.execution(arn).orElseThrow().version();
      List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(5)
          .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
      if (messages.isEmpty()) {
        throw new IllegalStateException("the start message did not reach the queue");
      }
      String event = sqsEvent(messages, "arn:aws:sqs:us-east-1:" + ACCOUNT + ":" + name);

      Map<String, String> env = Map.of(
          "NESTFLOW_TABLE", name,
          "NESTFLOW_TRANSITIONS_QUEUE_URL", url,
          SECRET_KEYS ? "NESTFLOW_TOKEN_SECRET" : "NESTFLOW_TOKEN_KEY", SECRET_KEYS ? name : TOKEN_KEY,
          "NESTFLOW_ACCOUNT", ACCOUNT,
          "NESTFLOW_ENDPOINT_URL", moto.endpoint().toString(),
          "AWS_REGION", "us-east-1",
          "AWS_ACCESS_KEY_ID", "test",
          "AWS_SECRET_ACCESS_KEY", "test");
      String response;
      long ms;
      try (RuntimeApi api = RuntimeApi.start(event)) {
        List<String> command = command(functionsJar, runtimeLib, flags);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Path log = Files.createTempFile("lambda-cold-", ".log");
        pb.redirectOutput(log.toFile());
        pb.environment().putAll(env);
        pb.environment().putAll(lambdaEnvironment(api.address()));
        long launch = System.nanoTime();
        Process p = pb.start();
        try {
          RuntimeApi.Answer answer = api.answer().get(60, TimeUnit.SECONDS);
          ms = TimeUnit.NANOSECONDS.toMillis(answer.atNanos() - launch);
          if (!answer.success()) {
            throw new IllegalStateException("the handler reported an error: " + answer.body() + "\n"
                + Files.readString(log));
          }
          response = answer.body();
        } catch (java.util.concurrent.TimeoutException e) {
          throw new IllegalStateException("no answer from the handler in 60 s:\n" + Files.readString(log), e);
        } finally {
          p.destroy(); // SIGTERM: the JVM exits normally (and writes an AppCDS archive when asked to)
          if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
          }
        }
        Files.deleteIfExists(log);
      }
      if (!Json.parse(response).path("batchItemFailures").isEmpty()) {
        throw new IllegalStateException("the handler did not apply the message: " + response);
      }
      String after = store.execution(arn).orElseThrow().status();
      if (after.equals(before) && store.execution(arn).orElseThrow().version() == versionBefore) {
        throw new IllegalStateException("the execution did not advance");
      }
      return new Measurement(ms, before, after, response);
    }
  }

  static List<String> command(Path functionsJar, Path runtimeLib, List<String> flags) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(flags);
    List<String> classpath;
    try (Stream<Path> jars = Files.list(runtimeLib)) {
      // the runtime's jars first, as in Lambda, where they are the parent of the function's class loader
      classpath = jars.filter(f -> f.toString().endsWith(".jar")).sorted().map(Path::toString)
          .collect(Collectors.toCollection(ArrayList::new));
    }
    if (classpath.isEmpty()) {
      throw new IllegalStateException("no runtime interface client jars in " + runtimeLib
          + " (run mvn package -pl bench)");
    }
    classpath.add(functionsJar.toString());
    command.addAll(List.of("-cp", String.join(File.pathSeparator, classpath), RIC_MAIN, HANDLER));
    return command;
  }

  /** What the Lambda service puts in a function's environment, as far as the runtime client reads it. */
  static Map<String, String> lambdaEnvironment(String runtimeApi) {
    return Map.of(
        "AWS_LAMBDA_RUNTIME_API", runtimeApi,
        "_HANDLER", HANDLER,
        "AWS_LAMBDA_FUNCTION_NAME", "nestflow-state-advance",
        "AWS_LAMBDA_FUNCTION_VERSION", "$LATEST",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024",
        "AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/nestflow-state-advance",
        "AWS_LAMBDA_LOG_STREAM_NAME", "cold-start",
        "LAMBDA_TASK_ROOT", System.getProperty("java.io.tmpdir"));
  }

  /** The SQS event Lambda's event source mapping would deliver for these messages. */
  static String sqsEvent(List<Message> messages, String queueArn) {
    ObjectNode event = Json.object();
    ArrayNode records = event.putArray("Records");
    for (Message m : messages) {
      ObjectNode r = records.addObject();
      r.put("messageId", m.messageId());
      r.put("receiptHandle", m.receiptHandle());
      r.put("body", m.body());
      ObjectNode attributes = r.putObject("attributes");
      m.attributesAsStrings().forEach(attributes::put);
      r.putObject("messageAttributes");
      r.put("md5OfBody", m.md5OfBody());
      r.put("eventSource", "aws:sqs");
      r.put("eventSourceARN", queueArn);
      r.put("awsRegion", "us-east-1");
    }
    return Json.write(event);
  }

  /**
   * The Lambda Runtime API, as far as one cold start needs it: the first {@code next} gets the event,
   * later ones wait until this closes; a response or error POST completes {@link #answer()}.
   */
  static final class RuntimeApi implements AutoCloseable {
    record Answer(boolean success, String body, long atNanos) {}

    private static final String PREFIX = "/2018-06-01/runtime/";
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "runtime-api");
      t.setDaemon(true);
      return t;
    });
    private final CompletableFuture<Answer> answer = new CompletableFuture<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final String event;
    private boolean served;

    private RuntimeApi(String event) throws IOException {
      this.event = event;
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      server.setExecutor(executor);
      server.createContext(PREFIX, this::serve);
      server.start();
    }

    static RuntimeApi start(String event) throws IOException {
      return new RuntimeApi(event);
    }

    String address() {
      return "127.0.0.1:" + server.getAddress().getPort();
    }

    CompletableFuture<Answer> answer() {
      return answer;
    }

    private void serve(HttpExchange exchange) throws IOException {
      long at = System.nanoTime();
      String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
      byte[] body = exchange.getRequestBody().readAllBytes();
      try {
        if (path.equals("invocation/next")) {
          next(exchange);
        } else if (path.startsWith("invocation/") && path.endsWith("/response")) {
          answer.complete(new Answer(true, new String(body, StandardCharsets.UTF_8), at));
          reply(exchange, 202, "{\"status\":\"OK\"}");
        } else if (path.endsWith("/error")) {
          answer.complete(new Answer(false, path + ": " + new String(body, StandardCharsets.UTF_8), at));
          reply(exchange, 202, "{\"status\":\"OK\"}");
        } else {
          reply(exchange, 404, "{\"errorMessage\":\"unknown path " + path + "\"}");
        }
      } finally {
        exchange.close();
      }
    }

    private void next(HttpExchange exchange) throws IOException {
      boolean first;
      synchronized (this) {
        first = !served;
        served = true;
      }
      if (!first) {
        try {
          closed.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        reply(exchange, 500, "{}");
        return;
      }
      exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", "cold-start-request-1");
      exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms",
          Long.toString(System.currentTimeMillis() + 60_000));
      exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
          "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:nestflow-state-advance");
      exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      reply(exchange, 200, event);
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
      closed.countDown();
      server.stop(0);
      executor.shutdownNow();
    }
  }
}
