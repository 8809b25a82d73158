package dev.nestflow.infrastructure.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The optimized SNS integration {@code arn:aws:states:::sns:publish[.waitForTaskToken]} over
 * the {@link AwsServices} port: Parameters {@code TopicArn}, {@code Message} (a string as it is, other values
 * as JSON text), {@code Subject}; the result is Publish's response ({@code MessageId}) with the SDK
 * metadata of SNS's XML answer. Errors are {@code SNS.<Exception>}.
 */
public final class SnsIntegration implements TaskIntegration {
  private final AwsServices services;
  private final Clock clock;
  private final Supplier<String> ids;

  public SnsIntegration(AwsServices services, Clock clock, Supplier<String> ids) {
    this.services = services;
    this.clock = clock;
    this.ids = ids;
  }

  /** Whether {@code resource} is one this integration runs. */
  public static boolean serves(String resource) {
    return ServiceActions.names(resource, "sns", "publish");
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
    String text = ServiceActions.messageText(p.get("Message"));
    if (text == null) {
      call.remove("Message");
    } else {
      call.put("Message", text);
    }
    String messageId;
    try {
      messageId = services.call("sns", "Publish", call).path("MessageId").asText();
    } catch (ServiceException e) {
      return e.asV1("SNS", "AmazonSNS", "AmazonSNSException", requestId);
    }
    String xml = "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">\n  <PublishResult>\n    <MessageId>"
        + messageId + "</MessageId>\n  </PublishResult>\n  <ResponseMetadata>\n    <RequestId>" + requestId
        + "</RequestId>\n  </ResponseMetadata>\n</PublishResponse>\n";
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("x-amzn-RequestId", requestId);
    headers.put("connection", "keep-alive");
    headers.put("Content-Length", String.valueOf(SdkMetadata.length(xml)));
    headers.put("Date", SdkMetadata.httpDate(clock.instant()));
    headers.put("Content-Type", "text/xml");
    ObjectNode response = Json.object();
    response.put("MessageId", messageId);
    SdkMetadata.add(response, headers, requestId);
    return ServiceActions.answer(request, response);
  }
}
