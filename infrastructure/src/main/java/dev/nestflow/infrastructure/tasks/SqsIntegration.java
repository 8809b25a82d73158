package dev.nestflow.infrastructure.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The optimized SQS integration {@code arn:aws:states:::sqs:sendMessage[.waitForTaskToken]} over
 * {@link InMemorySqs}: Parameters {@code QueueUrl}, {@code MessageBody} (a string is sent as it is,
 * any other value as its JSON text) and {@code MessageAttributes}; the result is SendMessage's
 * response with the SDK metadata. With {@code .waitForTaskToken} the response is what the task
 * submitted and the task waits for its token. Errors are {@code SQS.<Exception>} with the SDK's
 * message.
 */
public final class SqsIntegration implements TaskIntegration {
  private final InMemorySqs sqs;
  private final Clock clock;
  private final Supplier<String> ids;

  public SqsIntegration(InMemorySqs sqs, Clock clock, Supplier<String> ids) {
    this.sqs = sqs;
    this.clock = clock;
    this.ids = ids;
  }

  /** Whether {@code resource} is one this integration runs. */
  public static boolean serves(String resource) {
    return ServiceActions.names(resource, "sqs", "sendMessage");
  }

  @Override
  public boolean handles(String resource) {
    return serves(resource);
  }

  @Override
  public TaskOutcome invoke(TaskRequest request) {
    JsonNode p = request.input() == null ? Json.object() : request.input();
    String requestId = ids.get();
    InMemorySqs.Message sent;
    try {
      sent = sqs.sendMessage(p.path("QueueUrl").asText(""), ServiceActions.messageText(p.get("MessageBody")), p.get("MessageAttributes"));
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
    return ServiceActions.answer(request, response);
  }
}
