package dev.nestflow.cli.serve;

import java.io.PrintWriter;
import java.net.URI;
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

  @Option(names = "--queue", description = "SQS queue name, created when missing (default nestflow-transitions)")
  String queue = "nestflow-transitions";

  @Mixin TaskOptions tasks = new TaskOptions();

  @Option(names = "--token-key", description = "secret for task tokens, at least 16 characters (default: random per process);"
      + " also NESTFLOW_TOKEN_KEY")
  String tokenKey = System.getenv("NESTFLOW_TOKEN_KEY");

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (tokenKey != null && tokenKey.length() < 16) {
      err.println("--token-key needs at least 16 characters");
      return 2;
    }
    LocalService.Options options = new LocalService.Options(host, port, region, account, dynamoDbEndpoint, table,
        sqsEndpoint, queue, tasks.toLocalTasks(), tokenKey, 4);
    CountDownLatch stopped = new CountDownLatch(1);
    try (LocalService service = LocalService.start(options, message -> {
      err.println(message);
      err.flush();
    })) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      out.println("nestflow serve: Step Functions API on http://" + host + ":" + service.port()
          + " (account " + account + ", region " + region + ")");
      out.flush();
      stopped.await();
    }
    return 0;
  }
}
