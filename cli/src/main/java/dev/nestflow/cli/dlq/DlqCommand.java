package dev.nestflow.cli.dlq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.queue.DeadLetterQueue;
import dev.nestflow.infrastructure.queue.QueueMessage;
import dev.nestflow.infrastructure.queue.SqsQueue;
import dev.nestflow.infrastructure.runtime.DeadLetter;
import dev.nestflow.infrastructure.store.DynamoDbExecutionStore;
import dev.nestflow.infrastructure.store.ExecutionStore;
import dev.nestflow.infrastructure.tasks.AwsCredentials;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code nestflow dlq list|redrive}: the transitions queue's dead-letter queue, against a deployed
 * stack (the queue URLs of its outputs {@code TransitionsDeadLetterQueueUrl} and {@code
 * TransitionsQueueUrl}, and {@code ExecutionsTableName} for the reasons) or a {@code nestflow serve}
 * ({@code --endpoint}). {@code list} prints one JSON line per message (execution ARN, signal,
 * receive count, reason, time); {@code redrive} moves the messages (all, or one execution's) back to
 * the transitions queue unchanged, so their signatures still verify and their executions go on.
 */
@Command(name = "dlq", mixinStandardHelpOptions = true, description = "List or redrive the transitions dead-letter queue.",
    subcommands = {DlqCommand.ListCommand.class, DlqCommand.RedriveCommand.class})
public final class DlqCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** Where the dead-letter queue is: a serve endpoint, or the deployed stack's queues. */
  static final class Target {
    @Option(names = "--endpoint", paramLabel = "URL", description = "a `nestflow serve` (e.g. http://localhost:8080)")
    URI endpoint;

    @Option(names = "--dlq-url", paramLabel = "URL", description = "the stack's TransitionsDeadLetterQueueUrl output")
    String dlqUrl;
  }

  /** Options of the deployed stack (ignored with --endpoint). */
  static final class Stack {
    @Option(names = "--queue-url", paramLabel = "URL", description = "the stack's TransitionsQueueUrl output (redrive)")
    String queueUrl;

    @Option(names = "--table", paramLabel = "NAME", description = "the stack's ExecutionsTableName output: the reasons")
    String table;

    @Option(names = "--region", description = "AWS region (default: the SDK's)")
    String region;

    @Option(names = "--sqs-endpoint", paramLabel = "URL", description = "SQS endpoint override (emulators)")
    URI sqsEndpoint;

    @Option(names = "--dynamodb-endpoint", paramLabel = "URL", description = "DynamoDB endpoint override (emulators)")
    URI dynamoDbEndpoint;

    SqsClient sqs() {
      var b = SqsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
      if (region != null) {
        b.region(Region.of(region));
      }
      if (sqsEndpoint != null) {
        b.endpointOverride(sqsEndpoint).credentialsProvider(AwsCredentials.emulatorCredentials());
      }
      return b.build();
    }

    ExecutionStore store() {
      if (table == null) {
        return null;
      }
      var b = DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
      if (region != null) {
        b.region(Region.of(region));
      }
      if (dynamoDbEndpoint != null) {
        b.endpointOverride(dynamoDbEndpoint).credentialsProvider(AwsCredentials.emulatorCredentials());
      }
      return new DynamoDbExecutionStore(b.build(), table);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Print each dead-lettered message, decoded (one JSON line each).")
  static final class ListCommand implements Callable<Integer> {
    @ArgGroup(multiplicity = "1") Target target;
    @Mixin Stack stack;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      if (target.endpoint != null) {
        JsonNode answer = serve(target.endpoint, "List", Json.object());
        answer.path("messages").forEach(m -> out.println(Json.write(m)));
      } else {
        try (SqsClient sqs = stack.sqs()) {
          ExecutionStore store = stack.store();
          List<QueueMessage> messages = new DeadLetterQueue(new SqsQueue(sqs, target.dlqUrl)).list(Integer.MAX_VALUE);
          messages.forEach(m -> out.println(Json.write(DeadLetter.of(m, null, store).toJson())));
        }
      }
      out.flush();
      return 0;
    }
  }

  @Command(name = "redrive", mixinStandardHelpOptions = true,
      description = "Move dead-lettered messages back to the transitions queue (after a fix).")
  static final class RedriveCommand implements Callable<Integer> {
    @ArgGroup(multiplicity = "1") Target target;
    @Mixin Stack stack;

    @Option(names = "--execution-arn", paramLabel = "ARN", description = "only this execution's messages")
    String executionArn;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      int moved;
      if (target.endpoint != null) {
        ObjectNode request = Json.object();
        if (executionArn != null) {
          request.put("executionArn", executionArn);
        }
        moved = serve(target.endpoint, "Redrive", request).path("moved").asInt();
      } else {
        if (stack.queueUrl == null) {
          spec.commandLine().getErr().println("redrive needs --queue-url (the stack's TransitionsQueueUrl output)");
          spec.commandLine().getErr().flush();
          return 2;
        }
        try (SqsClient sqs = stack.sqs()) {
          moved = new DeadLetterQueue(new SqsQueue(sqs, target.dlqUrl))
              .moveBack(new SqsQueue(sqs, stack.queueUrl),
                  m -> executionArn == null || executionArn.equals(DeadLetter.of(m, null, null).executionArn()))
              .size();
        }
      }
      out.println("moved " + moved + " message(s) back to the transitions queue");
      out.flush();
      return 0;
    }
  }

  /** One call of serve's dead-letter operations. */
  static JsonNode serve(URI endpoint, String operation, ObjectNode request) throws Exception {
    HttpRequest post = HttpRequest.newBuilder(endpoint)
        .header("Content-Type", "application/x-amz-json-1.0")
        .header("X-Amz-Target", "NestflowDeadLetters." + operation)
        .POST(HttpRequest.BodyPublishers.ofString(Json.write(request)))
        .build();
    HttpResponse<String> response = HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("serve answered " + response.statusCode() + ": " + response.body());
    }
    return Json.parse(response.body());
  }
}
