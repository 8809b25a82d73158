package dev.nestflow.functions;

import dev.nestflow.infrastructure.api.ApiContext;
import dev.nestflow.infrastructure.api.ApiCatalog;
import dev.nestflow.infrastructure.api.DynamoDbApiCatalog;
import dev.nestflow.infrastructure.api.SfnApi;
import dev.nestflow.infrastructure.keys.Keyring;
import dev.nestflow.infrastructure.queue.MessageQueue;
import dev.nestflow.infrastructure.queue.MessageSeal;
import dev.nestflow.infrastructure.queue.SignedQueue;
import dev.nestflow.infrastructure.queue.SqsQueue;
import dev.nestflow.infrastructure.runtime.ExecutionRuntime;
import dev.nestflow.infrastructure.runtime.TaskTokens;
import dev.nestflow.infrastructure.store.DynamoDbExecutionStore;
import dev.nestflow.infrastructure.runtime.StepFunctionsSdkIntegration;
import dev.nestflow.infrastructure.tasks.AwsCredentials;
import dev.nestflow.infrastructure.tasks.AwsLambdaFunctions;
import dev.nestflow.infrastructure.tasks.InvocationPool;
import dev.nestflow.infrastructure.tasks.LambdaFunction;
import dev.nestflow.infrastructure.tasks.LambdaIntegration;
import dev.nestflow.infrastructure.tasks.LambdaInvocation;
import dev.nestflow.infrastructure.tasks.LambdaInvokeClient;
import dev.nestflow.infrastructure.tasks.LambdaResponse;
import dev.nestflow.infrastructure.tasks.SdkServices;
import dev.nestflow.infrastructure.tasks.ServiceEndpoints;
import dev.nestflow.infrastructure.tasks.StandardIntegrations;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
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
 *   <li>{@value KeyLoading#SECRET}: the Secrets Manager secret holding the key of task tokens and
 *       transition signatures (see {@link KeyLoading}; {@value #TOKEN_KEY}, the key itself, for tests);
 *   <li>{@value #TIMERS_QUEUE} (optional): URL of the standard timers queue next to a FIFO transitions
 *       queue (delayed transitions wait there until due; see the runtime's Transitions);
 *   <li>{@value #TASK_QUEUE} (optional): URL of the task queue, where Lambda tasks that might outlast
 *       a state-advance call go (its consumer, the task runner, may run 15 minutes); the transitions
 *       queue when not set;
 *   <li>{@value #INVOKE_LIMIT} (optional): how many tasks one call runs at once (default {@value
 *       InvocationPool#DEFAULT_LIMIT});
 *   <li>{@value #TOKEN_KEY}: the task-token secret (at least 16 characters);
 *   <li>{@value #ACCOUNT}: the account id in the ARNs; {@code AWS_REGION}: the region;
 *   <li>{@value #ENDPOINT} (optional, empty = none): one endpoint for DynamoDB, SQS and Lambda (tests, emulators).
 * </ul>
 */
final class AwsWiring {
  static final String TABLE = "NESTFLOW_TABLE";
  static final String QUEUE = "NESTFLOW_TRANSITIONS_QUEUE_URL";
  static final String TASK_QUEUE = "NESTFLOW_TASK_QUEUE_URL";
  static final String TIMERS_QUEUE = "NESTFLOW_TIMERS_QUEUE_URL";
  static final String INVOKE_LIMIT = "NESTFLOW_INVOKE_LIMIT";
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
    private final Supplier<ApiCatalog> catalog;

    Wired(ExecutionRuntime runtime, Supplier<SfnApi> api, Supplier<LambdaInvokeClient> lambda, SdkHttpClient http,
        Supplier<ApiCatalog> catalog) {
      this.runtime = runtime;
      this.api = api;
      this.lambda = lambda;
      this.http = http;
      this.catalog = catalog;
    }

    /** The API's catalog (state machines' documents) without the router: what the step log reads. */
    ApiCatalog catalog() {
      return catalog.get();
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

  /** {@value #ENDPOINT} as a URI; null when unset or empty (template.yaml declares it empty, for sam local's --env-vars). */
  static URI endpoint(Map<String, String> env) {
    String value = env.get(ENDPOINT);
    return value == null || value.isBlank() ? null : URI.create(value);
  }

  static Wired wire(Map<String, String> env) {
    return wire(env, UrlConnectionHttpClient.create());
  }

  /** The wiring over {@code http}, the one HTTP client of DynamoDB and SQS (closed by neither); Lambda Invoke has its own. */
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
    URI endpoint = endpoint(env);
    AwsCredentialsProvider credentials = credentials(env, endpoint);
    DynamoDbClient dynamo = configure(DynamoDbClient.builder(), region, endpoint, credentials, http).build();
    if (background != null && http instanceof DeferredHttpClient) {
      background.accept(() -> primeRequests(dynamo));
    }
    SqsClient sqs = configure(SqsClient.builder(), region, endpoint, credentials, http).build();
    // Invoke waits as long as a function runs (up to 15 minutes): its own HTTP client, built on the
    // first Lambda task, not the shared one with DynamoDB's and SQS's short read timeout
    Supplier<LambdaInvokeClient> lambda = Once.of(() -> new LambdaInvokeClient(credentials, Region.of(region), endpoint));
    String table = required(env, TABLE);
    String account = required(env, ACCOUNT);
    Keyring keys = KeyLoading.keyring(env, http, credentials);
    MessageSeal seal = new MessageSeal(keys);
    MessageQueue queue = new SignedQueue(new SqsQueue(sqs, required(env, QUEUE)), seal, System.out::println);
    String taskQueueUrl = env.get(TASK_QUEUE);
    MessageQueue taskQueue = taskQueueUrl == null || taskQueueUrl.isEmpty()
        ? queue
        : new SignedQueue(new SqsQueue(sqs, taskQueueUrl), seal, System.out::println);
    String timersQueueUrl = env.get(TIMERS_QUEUE);
    MessageQueue timers = timersQueueUrl == null || timersQueueUrl.isEmpty()
        ? queue
        : new SignedQueue(new SqsQueue(sqs, timersQueueUrl), seal, System.out::println);
    InvocationPool pool = InvocationPool.threads(Integer.parseInt(
        env.getOrDefault(INVOKE_LIMIT, Integer.toString(InvocationPool.DEFAULT_LIMIT))));
    Clock clock = Clock.systemUTC();
    Supplier<AwsLambdaFunctions> aws = Once.of(() -> AwsLambdaFunctions.over(lambda.get()));
    LambdaFunction functions = new LambdaFunction() {
      @Override
      public LambdaResponse invoke(LambdaInvocation call) {
        return aws.get().invoke(call);
      }

      @Override
      public Optional<Duration> longestRun(String functionName, String qualifier) {
        return aws.get().longestRun(functionName, qualifier);
      }
    };
    ExecutionRuntime[] self = new ExecutionRuntime[1];
    // service tasks: one signed request per call, nothing built before a workflow's first one
    SdkServices services = new SdkServices(http, credentials, new ServiceEndpoints(region, null, env));
    TaskInvoker tasks = StandardIntegrations.builder(functions, new StepFunctionsSdkIntegration(() -> self[0]), services,
        clock, () -> UUID.randomUUID().toString()).build();
    // how long a Lambda task may run (its function's configured timeout): whether it fits in this call
    ExecutionRuntime runtime = new ExecutionRuntime(new DynamoDbExecutionStore(dynamo, table), queue, timers, taskQueue, tasks,
        new LambdaIntegration(functions)::longestRun, pool, clock, new TaskTokens(keys));
    self[0] = runtime;
    Supplier<ApiCatalog> catalog = Once.of(() -> new DynamoDbApiCatalog(dynamo, table));
    Supplier<SfnApi> api = Once.of(() -> new SfnApi(new ApiContext(runtime.commands(), queue,
        catalog.get(), region, account, clock, ApiContext.EXPRESS_LIMIT)));
    return new Wired(runtime, api, lambda, http, catalog);
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
