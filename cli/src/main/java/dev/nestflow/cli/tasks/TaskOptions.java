package dev.nestflow.cli.tasks;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The task options {@code nestflow run} and {@code nestflow serve} share (see {@link LocalTasks}). */
public final class TaskOptions {
  @Option(names = "--services", paramLabel = "memory|aws",
      description = "service tasks (SQS, SNS, DynamoDB, EventBridge, S3, aws-sdk:*): memory = in-memory twins, resources"
          + " created on first use; aws = the real services through the AWS SDK (default: aws when --endpoint-url or"
          + " AWS_ENDPOINT_URL[_<SERVICE>] is set, memory otherwise)")
  String services;

  @Option(names = "--endpoint-url", paramLabel = "URL",
      description = "send service tasks to this endpoint (moto_server, LocalStack); implies --services aws")
  URI endpointUrl;

  @Option(names = "--lambda-endpoint", paramLabel = "URL",
      description = "invoke Lambda tasks at this endpoint (for example sam local start-lambda)")
  URI lambdaEndpoint;

  @Option(names = "--function", paramLabel = "NAME=CLASS",
      description = "run Lambda function NAME as this Java handler class (RequestHandler or RequestStreamHandler) from --classpath (repeatable)")
  Map<String, String> functions = new LinkedHashMap<>();

  @Option(names = "--classpath", paramLabel = "JAR", split = "[:;]",
      description = "jars or class folders of the --function handlers")
  List<Path> classpath = new ArrayList<>();

  public LocalTasks toLocalTasks() {
    String chosen = services;
    if (chosen == null && endpointUrl != null) {
      chosen = "aws";
    }
    return new LocalTasks(chosen, endpointUrl, lambdaEndpoint, functions, classpath, System.getenv());
  }
}
