package dev.nestflow.infrastructure.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.interpreter.TaskResource;
import dev.nestflow.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.zip.CRC32;

/**
 * DynamoDB calls over the {@link AwsServices} port, in both forms Step Functions offers:
 *
 * <ul>
 *   <li>the optimized integration {@code arn:aws:states:::dynamodb:putItem|getItem|updateItem|deleteItem}
 *       (AWS SDK for Java v1): the response with {@code SdkHttpMetadata}; errors {@code
 *       DynamoDB.<Exception>}, {@code DynamoDB.AmazonDynamoDBException} for codes the SDK does not
 *       model, with the v1 message;
 *   <li>the SDK integration {@code arn:aws:states:::aws-sdk:dynamodb:<action>} (also {@code query}):
 *       the bare response; errors {@code DynamoDb.<Exception>}, {@code DynamoDb.DynamoDbException}
 *       for unmodeled codes, with the v2 message.
 * </ul>
 */
public final class DynamoDbIntegration implements TaskIntegration {
  private static final Set<String> OPTIMIZED = Set.of("putItem", "getItem", "updateItem", "deleteItem");
  private static final Set<String> SDK = Set.of("putItem", "getItem", "updateItem", "deleteItem", "query");

  private final AwsServices services;
  private final Clock clock;
  private final Supplier<String> ids;

  public DynamoDbIntegration(AwsServices services, Clock clock, Supplier<String> ids) {
    this.services = services;
    this.clock = clock;
    this.ids = ids;
  }

  /** The action of a DynamoDB resource this integration runs, or null. */
  private static String action(String resource) {
    TaskResource r = TaskResource.parse(resource);
    if (r.kind() != TaskResource.Kind.SERVICE || r.pattern() != TaskResource.Pattern.REQUEST_RESPONSE) {
      return null;
    }
    if ("dynamodb".equals(r.resourceType()) && OPTIMIZED.contains(r.resourceName())) {
      return r.resourceName();
    }
    SdkAction sdk = SdkAction.of(resource);
    return sdk != null && "dynamodb".equals(sdk.service()) && SDK.contains(sdk.action()) ? sdk.action() : null;
  }

  /** Whether {@code resource} is one this integration runs. */
  public static boolean serves(String resource) {
    return action(resource) != null;
  }

  @Override
  public boolean handles(String resource) {
    return serves(resource);
  }

  @Override
  public TaskOutcome invoke(TaskRequest request) {
    String action = action(request.resource());
    boolean sdk = SdkAction.of(request.resource()) != null;
    JsonNode p = request.input() == null ? Json.object() : request.input();
    String requestId = ids.get();
    ObjectNode body;
    try {
      body = services.call("dynamodb", Character.toUpperCase(action.charAt(0)) + action.substring(1), p);
    } catch (ServiceException e) {
      return sdk
          ? e.asV2("DynamoDb", "DynamoDbException", requestId, false)
          : e.asV1("DynamoDB", "AmazonDynamoDBv2", "AmazonDynamoDBException", requestId);
    }
    if (sdk) {
      return new TaskOutcome.Succeeded(body);
    }
    String text = Json.write(body);
    CRC32 crc = new CRC32();
    crc.update(text.getBytes(StandardCharsets.UTF_8));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Server", "Server");
    // DynamoDB names the request-id header in lower case on GetItem answers
    headers.put("getItem".equals(action) ? "x-amzn-requestid" : "x-amzn-RequestId", requestId);
    headers.put("Connection", "keep-alive");
    headers.put("x-amz-crc32", Long.toString(crc.getValue()));
    headers.put("Content-Length", String.valueOf(SdkMetadata.length(text)));
    headers.put("Date", SdkMetadata.httpDate(clock.instant()));
    headers.put("Content-Type", "application/x-amz-json-1.0");
    return new TaskOutcome.Succeeded(SdkMetadata.add(body.deepCopy(), headers, requestId));
  }
}
