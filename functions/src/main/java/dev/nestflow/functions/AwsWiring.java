package dev.nestflow.functions;

import dev.nestflow.infrastructure.api.ApiContext;
import dev.nestflow.infrastructure.api.DynamoDbApiCatalog;
import dev.nestflow.infrastructure.api.SfnApi;
import dev.nestflow.infrastructure.queue.SqsQueue;
import dev.nestflow.infrastructure.runtime.ExecutionRuntime;
import dev.nestflow.infrastructure.runtime.TaskTokens;
import dev.nestflow.infrastructure.store.DynamoDbExecutionStore;
import dev.nestflow.infrastructure.runtime.StepFunctionsSdkIntegration;
import dev.nestflow.infrastructure.tasks.AwsCredentials;
import dev.nestflow.infrastructure.tasks.LambdaFunction;
import dev.nestflow.infrastructure.tasks.LambdaInvokeClient;
import dev.nestflow.infrastructure.tasks.SdkServices;
import dev.nestflow.infrastructure.tasks.ServiceEndpoints;
import dev.nestflow.infrastructure.tasks.StandardIntegrations;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The production wiring from a Lambda's environment: the runtime over the DynamoDB table and the
 * SQS transitions queue, tasks through the one registry of integrations (Lambda through the Lambda
 * API, service tasks through {@link SdkServices}: {@code AWS_ENDPOINT_URL[_<SERVICE>]} redirect them),
 * and the API over the same runtime.
 *
 * <ul>
 *   <li>{@value #TABLE}: the DynamoDB table (executions, signal logs, tokens, the API catalog);
 *   <li>{@value #QUEUE}: URL of the transitions queue;
 *   <li>{@value #TOKEN_KEY}: the task-token secret (at least 16 characters);
 *   <li>{@value #ACCOUNT}: the account id in the ARNs; {@code AWS_REGION}: the region;
 *   <li>{@value #ENDPOINT} (optional): one endpoint for DynamoDB, SQS and Lambda (tests, emulators).
 * </ul>
 */
final class AwsWiring {
  static final String TABLE = "NESTFLOW_TABLE";
  static final String QUEUE = "NESTFLOW_TRANSITIONS_QUEUE_URL";
  static final String TOKEN_KEY = "NESTFLOW_TOKEN_KEY";
  static final String ACCOUNT = "NESTFLOW_ACCOUNT";
  static final String ENDPOINT = "NESTFLOW_ENDPOINT_URL";

  private AwsWiring() {}

  /**
   * The runtime, and the API over it. The state-advance handler needs only the runtime: the API
   * router (and its catalog) is built on first use, and so is the Lambda Invoke client (on a
   * workflow's first Lambda task), so neither is in that handler's cold start.
   */
  static final class Wired {
    private final ExecutionRuntime runtime;
    private final Supplier<SfnApi> api;
    private final Supplier<LambdaInvokeClient> lambda;
    private final SdkHttpClient http;

    Wired(ExecutionRuntime runtime, Supplier<SfnApi> api, Supplier<LambdaInvokeClient> lambda, SdkHttpClient http) {
      this.runtime = runtime;
      this.api = api;
      this.lambda = lambda;
      this.http = http;
    }

    ExecutionRuntime runtime() {
      return runtime;
    }

    SfnApi api() {
      return api.get();
    }

    /** Builds what is otherwise built on first use (SnapStart priming: into the snapshot). */
    void buildAll() {
      api.get();
      lambda.get();
      if (http instanceof DeferredHttpClient deferred) {
        deferred.awaitBuilt();
      }
    }
  }

  static Wired wire(Map<String, String> env) {
    return wire(env, UrlConnectionHttpClient.create());
  }

  /** The wiring over {@code http}, the one HTTP client of DynamoDB, SQS and Lambda (closed by none of them). */
  static Wired wire(Map<String, String> env, SdkHttpClient http) {
    return wire(env, http, null);
  }

  /**
   * The same; when {@code background} is given and {@code http} is a {@link DeferredHttpClient}, the
   * DynamoDB client, as soon as it is built, is primed there with requests answered locally
   * (see {@link DeferredHttpClient#PRIMING_HEADER}) while the rest is built here.
   */
  static Wired wire(Map<String, String> env, SdkHttpClient http, Consumer<Runnable> background) {
    String region = env.getOrDefault("AWS_REGION", "us-east-1");
    URI endpoint = env.containsKey(ENDPOINT) ? URI.create(env.get(ENDPOINT)) : null;
    AwsCredentialsProvider credentials = credentials(env, endpoint);
    DynamoDbClient dynamo = configure(DynamoDbClient.builder(), region, endpoint, credentials, http).build();
    if (background != null && http instanceof DeferredHttpClient) {
      background.accept(() -> primeRequests(dynamo));
    }
    SqsClient sqs = configure(SqsClient.builder(), region, endpoint, credentials, http).build();
    Supplier<LambdaInvokeClient> lambda = Once.of(() -> new LambdaInvokeClient(http, credentials,
        Region.of(region), endpoint));
    String table = required(env, TABLE);
    String account = required(env, ACCOUNT);
    SqsQueue queue = new SqsQueue(sqs, required(env, QUEUE));
    Clock clock = Clock.systemUTC();
    LambdaFunction functions = call -> lambda.get().invoke(call);
    ExecutionRuntime[] self = new ExecutionRuntime[1];
    // service tasks: one signed request per call, nothing built before a workflow's first one
    SdkServices services = new SdkServices(http, credentials, new ServiceEndpoints(region, null, env));
    TaskInvoker tasks = StandardIntegrations.builder(functions, new StepFunctionsSdkIntegration(() -> self[0]), services,
        clock, () -> UUID.randomUUID().toString()).build();
    ExecutionRuntime runtime = new ExecutionRuntime(new DynamoDbExecutionStore(dynamo, table), queue, tasks, clock,
        new TaskTokens(required(env, TOKEN_KEY).getBytes(StandardCharsets.UTF_8)));
    self[0] = runtime;
    Supplier<SfnApi> api = Once.of(() -> new SfnApi(new ApiContext(runtime, queue,
        new DynamoDbApiCatalog(dynamo, table), region, account, clock, ApiContext.EXPRESS_LIMIT)));
    return new Wired(runtime, api, lambda, http);
  }

  static ExecutionRuntime runtime(Map<String, String> env) {
    return wire(env).runtime();
  }

  /**
   * The credentials: in Lambda, the function role's keys are in the environment
   * ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}, fixed
   * for the container's life), taken directly instead of through the default provider chain
   * (which builds its profile-file, container and instance-metadata providers first). Without
   * them (SnapStart, where the role comes from the container endpoint; elsewhere), the chain.
   */
  static AwsCredentialsProvider credentials(Map<String, String> env, URI endpoint) {
    return AwsCredentials.of(env, endpoint != null);
  }

  /** A query and a conditional put, answered locally by the {@link DeferredHttpClient}: no request leaves. */
  static void primeRequests(DynamoDbClient dynamo) {
    Consumer<AwsRequestOverrideConfiguration.Builder> local = o -> o.putHeader(DeferredHttpClient.PRIMING_HEADER, "1");
    Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("priming"), "sk", AttributeValue.fromN("0"));
    dynamo.query(q -> q.tableName("priming").consistentRead(true).keyConditionExpression("pk = :pk AND sk >= :sk")
        .expressionAttributeValues(Map.of(":pk", key.get("pk"), ":sk", key.get("sk"))).overrideConfiguration(local));
    dynamo.putItem(p -> p.tableName("priming").item(key).conditionExpression("attribute_not_exists(pk)")
        .overrideConfiguration(local));
  }

  private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
      B builder, String region, URI endpoint, AwsCredentialsProvider credentials, SdkHttpClient http) {
    builder.httpClient(http).region(Region.of(region))
        .credentialsProvider(credentials);
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder;
  }

  private static String required(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException("environment variable " + name + " is not set");
    }
    return value;
  }
}
