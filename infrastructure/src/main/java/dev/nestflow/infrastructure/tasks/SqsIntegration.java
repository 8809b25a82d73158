package dev.nestflow.infrastructure.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The optimized SQS integration {@code arn:aws:states:::sqs:sendMessage[.waitForTaskToken]} over
 * the {@link AwsServices} port: Parameters {@code QueueUrl}, {@code MessageBody} (a string is sent as it is,
 * any other value as its JSON text) and {@code MessageAttributes}; the result is SendMessage's
 * response with the SDK metadata. With {@code .waitForTaskToken} the response is what the task
 * submitted and the task waits for its token. Errors are {@code SQS.<Exception>} with the SDK's
 * message.
 */
public final class SqsIntegration implements TaskIntegration {
  private final AwsServices services;
  private final Clock clock;
  private final Supplier<String> ids;

  public SqsIntegration(AwsServices services, Clock clock, Supplier<String> ids) {
    this.services = services;
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
    ObjectNode call = p.isObject() ? ((ObjectNode) p).deepCopy() : Json.object();
    String text = ServiceActions.messageText(p.get("MessageBody"));
    if (text == null) {
      call.remove("MessageBody");
    } else {
      call.put("MessageBody", text);
    }
    ObjectNode sent;
    try {
      sent = services.call("sqs", "SendMessage", call);
    } catch (ServiceException e) {
      return e.asV1("SQS", "AmazonSQS", "AmazonSQSException", requestId);
    }
    ObjectNode body = Json.object();
    body.set("MD5OfMessageBody", sent.get("MD5OfMessageBody"));
    if (sent.hasNonNull("MD5OfMessageAttributes")) {
      body.set("MD5OfMessageAttributes", sent.get("MD5OfMessageAttributes"));
    }
    body.set("MessageId", sent.get("MessageId"));
    ObjectNode response = body.deepCopy();
    SdkMetadata.add(response, SdkMetadata.jsonHeaders(requestId, Json.write(body), clock.instant()), requestId);
    return ServiceActions.answer(request, response);
  }
}
