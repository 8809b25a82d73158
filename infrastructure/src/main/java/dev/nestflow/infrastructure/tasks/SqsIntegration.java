package dev.nestflow.infrastructure.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.interpreter.TaskResource;
import dev.nestflow.core.json.Json;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The optimized SQS integration {@code arn:aws:states:::sqs:sendMessage[.waitForTaskToken]} over
 * {@link InMemorySqs}: Parameters {@code QueueUrl}, {@code MessageBody} (a string is sent as it is,
 * any other value as its JSON text) and {@code MessageAttributes}; the result is SendMessage's
 * response with the SDK metadata. With {@code .waitForTaskToken} the response is what the task
 * submitted and the task waits for its token. Errors are {@code SQS.<Exception>} with the SDK's
 * message; other resources go to {@code otherwise}.
 */
public final class SqsIntegration implements TaskInvoker {
  private final InMemorySqs sqs;
  private final Clock clock;
  private final Supplier<String> ids;
  private final TaskInvoker otherwise;

  public SqsIntegration(InMemorySqs sqs, Clock clock, Supplier<String> ids, TaskInvoker otherwise) {
    this.sqs = sqs;
    this.clock = clock;
    this.ids = ids;
    this.otherwise = otherwise;
  }

  public static boolean handles(String resource) {
    TaskResource r = TaskResource.parse(resource);
    return r.kind() == TaskResource.Kind.SERVICE && "sqs".equals(r.resourceType())
        && (r.resourceName().equals("sendMessage") || r.resourceName().equals("sendMessage.waitForTaskToken"));
  }

  @Override
  public TaskOutcome invoke(TaskRequest request) {
    if (!handles(request.resource())) {
      return otherwise.invoke(request);
    }
    JsonNode p = request.input() == null ? Json.object() : request.input();
    String requestId = ids.get();
    InMemorySqs.Message sent;
    try {
      sent = sqs.sendMessage(p.path("QueueUrl").asText(""), messageText(p.get("MessageBody")), p.get("MessageAttributes"));
    } catch (ServiceException e) {
      return e.asV1("SQS", "AmazonSQS", "AmazonSQSException", requestId);
    }
    ObjectNode body = Json.object();
    body.put("MD5OfMessageBody", sent.md5OfBody());
    if (sent.md5OfAttributes() != null) {
      body.put("MD5OfMessageAttributes", sent.md5OfAttributes());
    }
    body.put("MessageId", sent.messageId());
    ObjectNode response = body.deepCopy();
    SdkMetadata.add(response, SdkMetadata.jsonHeaders(requestId, Json.write(body), clock.instant()), requestId);
    boolean callback = TaskResource.parse(request.resource()).pattern() == TaskResource.Pattern.CALLBACK;
    return callback ? new TaskOutcome.Pending(response) : new TaskOutcome.Succeeded(response);
  }

  /** A message parameter as text: strings as they are, other JSON values as their JSON text, absent or null as null. */
  static String messageText(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    return value.isTextual() ? value.asText() : Json.write(value);
  }
}
