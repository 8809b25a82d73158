package dev.nestflow.cli.serve;

import java.io.PrintWriter;
import dev.nestflow.infrastructure.mocks.MockConfig;
import dev.nestflow.testing.templates.SamTemplate;
import dev.nestflow.testing.templates.TemplateException;
import dev.nestflow.infrastructure.mocks.MockConfigException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import dev.nestflow.cli.tasks.TaskOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nestflow serve [--port 8083]}: the Step Functions API for the AWS CLI and SDKs, locally. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
        "Serve the Step Functions API (AWS JSON 1.0) on a local port, over the embedded runtime on the real clock.",
        "Point clients at it: aws stepfunctions --endpoint-url http://127.0.0.1:8083 ...;"
            + " SDKs: endpointOverride / endpoint_url, or AWS_ENDPOINT_URL_SFN.",
        "StartSyncExecution: disable the SDK's host prefix (Java v2: SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION;"
            + " boto3: Config(inject_host_prefix=False))."})
public final class ServeCommand implements Callable<Integer> {
  @Option(names = "--port", description = "port to listen on (default 8083; 0 = any free port)")
  int port = 8083;

  @Option(names = "--host", description = "address to bind (default 127.0.0.1)")
  String host = "127.0.0.1";

  @Option(names = "--region", description = "region in the ARNs (default us-east-1)")
  String region = "us-east-1";

  @Option(names = "--account", description = "account id in the ARNs (default 123456789012)")
  String account = "123456789012";

  @Option(names = "--dynamodb-endpoint", paramLabel = "URL", description = "keep executions in DynamoDB at this endpoint (default: in memory)")
  URI dynamoDbEndpoint;

  @Option(names = "--table", description = "DynamoDB table, created when missing (default nestflow)")
  String table = "nestflow";

  @Option(names = "--sqs-endpoint", paramLabel = "URL", description = "send transitions through SQS at this endpoint (default: in memory)")
  URI sqsEndpoint;

  @Option(names = "--queue", description = "SQS queue name, created when missing (default nestflow-transitions);"
      + " a name ending in .fifo makes a FIFO queue grouped by execution (one writer per execution across"
      + " processes) with a standard timers queue next to it (the name without .fifo, plus -timers)")
  String queue = "nestflow-transitions";

  @Mixin TaskOptions tasks = new TaskOptions();

  @Option(names = "--token-key", description = "secret for task tokens, at least 16 characters (default: random per process);"
      + " also NESTFLOW_TOKEN_KEY")
  String tokenKey = System.getenv("NESTFLOW_TOKEN_KEY");

  @Option(names = "--mock-config", paramLabel = "FILE", description = "Step Functions Local mock configuration: StartExecution on"
      + " a state machine ARN ending in #TestCase mocks that test case's Task states (default: $SFN_MOCK_CONFIG, else"
      + " MockConfigFile.json in the working directory when there is one)")
  Path mockConfig;

  @Option(names = "--time", paramLabel = "real|virtual", description = "real (default), or virtual: Waits and retry delays"
      + " complete at once, as in nestflow run (task timeouts still give clients their time to answer)")
  String time = "real";

  @Option(names = "--workers", paramLabel = "N", description = "transition handler threads in this process (default 4);"
      + " several serve processes on one --dynamodb-endpoint table and --sqs-endpoint queue (with one --token-key) stand"
      + " for several Lambda containers")
  int workers = LocalService.Options.defaults().workers();

  @Option(names = "--template", paramLabel = "FILE", description = "a SAM or CloudFormation template: creates every state"
      + " machine in it under its logical id (DefinitionUri, Definition, DefinitionString, DefinitionSubstitutions)")
  Path template;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (tokenKey != null && tokenKey.length() < 16) {
      err.println("--token-key needs at least 16 characters");
      return 2;
    }
    if (workers < 1) {
      err.println("--workers needs at least 1 transition handler thread, not " + workers);
      return 2;
    }
    warnings(dynamoDbEndpoint, sqsEndpoint, tokenKey).forEach(err::println);
    LocalService.Options options = options();
    if (!time.equals("real") && !time.equals("virtual")) {
      err.println("--time is real or virtual, not " + time);
      return 2;
    }
    if (time.equals("virtual") && sqsEndpoint != null) {
      err.println("--time virtual needs the in-memory queue: leave out --sqs-endpoint");
      return 2;
    }
    MockConfig mocks;
    SamTemplate samTemplate;
    try {
      mocks = mockConfig();
      samTemplate = template == null ? null : SamTemplate.read(template, region, account, java.util.Map.of());
    } catch (MockConfigException | TemplateException e) {
      err.println(e.getMessage());
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try (LocalService service = LocalService.start(options, new TestingOptions(mocks, time.equals("virtual")), message -> {
      err.println(message);
      err.flush();
    })) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      out.println("nestflow serve: Step Functions API on http://" + host + ":" + service.port()
          + " (account " + account + ", region " + region + (time.equals("virtual") ? ", virtual time" : "")
          + "); web console on the same address");
      if (mocks != null) {
        out.println("mock configuration: " + mocks.source());
      }
      if (samTemplate != null) {
        try {
          TemplateMachines.create(service.api(), samTemplate, account).forEach(arn -> out.println("state machine: " + arn));
        } catch (TemplateException e) {
          err.println(e.getMessage());
          return 2;
        }
      }
      out.flush();
      stopped.await();
    }
    return 0;
  }

  /** The service these options describe. */
  LocalService.Options options() {
    return new LocalService.Options(host, port, region, account, dynamoDbEndpoint, table, sqsEndpoint, queue,
        tasks.toLocalTasks(), tokenKey, workers);
  }

  /**
   * What serve warns about before it starts: executions kept outside the process (DynamoDB, SQS)
   * under a random key, which dies with the process; their task tokens and signed messages with it.
   */
  static java.util.List<String> warnings(URI dynamoDbEndpoint, URI sqsEndpoint, String tokenKey) {
    java.util.List<String> warnings = new java.util.ArrayList<>();
    if (tokenKey == null && (dynamoDbEndpoint != null || sqsEndpoint != null)) {
      warnings.add("warning: " + (dynamoDbEndpoint != null ? "--dynamodb-endpoint" : "--sqs-endpoint")
          + " without --token-key: task tokens and transition messages use a random key that dies with this"
          + " process, so after a restart waiting tasks cannot be answered and queued transitions are refused;"
          + " give the same --token-key (or NESTFLOW_TOKEN_KEY) every time");
    }
    return warnings;
  }

  /** As Step Functions Local finds it: the option, else SFN_MOCK_CONFIG, else MockConfigFile.json here. */
  private MockConfig mockConfig() {
    if (mockConfig != null) {
      return MockConfig.read(mockConfig);
    }
    String fromEnvironment = System.getenv(MockConfig.ENVIRONMENT_VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return MockConfig.read(Path.of(fromEnvironment));
    }
    Path here = Path.of("MockConfigFile.json");
    return Files.isRegularFile(here) ? MockConfig.read(here) : null;
  }
}
