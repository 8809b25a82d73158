package dev.nestflow.infrastructure.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The request constraints of the services' API models that AWS checks before anything else, with
 * AWS's own errors: DynamoDB's table-name pattern and length and its required members ({@code 1
 * validation error detected: Value null at 'item' ...}), SQS's required MessageBody. Both adapters
 * apply them before a call, so a request breaking them fails the same way in memory, on AWS and on
 * an emulator that checks less (moto answers some of them with a bare HTTP 500).
 */
final class ServiceConstraints {
  private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

  private ServiceConstraints() {}

  /** Throws the service's error when {@code request} breaks a constraint of {@code service}'s {@code action}. */
  static void check(String service, String action, JsonNode request) {
    switch (service + ":" + action) {
      case "dynamodb:PutItem" -> dynamoDb(request, "item");
      case "dynamodb:GetItem", "dynamodb:DeleteItem", "dynamodb:UpdateItem" -> dynamoDb(request, "key");
      case "dynamodb:Query" -> dynamoDb(request, null);
      case "sqs:SendMessage" -> {
        JsonNode body = request.get("MessageBody");
        if (body == null || !body.isTextual() || body.asText().isEmpty()) {
          throw ServiceException.service("MissingParameter", null, 400, "The request must contain the parameter MessageBody.");
        }
      }
      default -> { }
    }
  }

  /** DynamoDB's checks of {@code TableName} and of the member {@code required} (its name in lower camel case). */
  static void dynamoDb(JsonNode request, String required) {
    List<String> errors = new ArrayList<>();
    JsonNode name = request.get("TableName");
    if (name == null || name.isNull()) {
      errors.add("Value null at 'tableName' failed to satisfy constraint: Member must not be null");
    } else {
      String text = name.asText();
      if (!TABLE_NAME.matcher(text).matches()) {
        errors.add("Value '" + text + "' at 'tableName' failed to satisfy constraint: Member must satisfy regular"
            + " expression pattern: [a-zA-Z0-9_.-]+");
      }
      if (text.length() < 3 || text.length() > 255) {
        errors.add("Value '" + text + "' at 'tableName' failed to satisfy constraint: Member must have length less than"
            + " or equal to 255, Member must have length greater than or equal to 3");
      }
    }
    if (required != null) {
      JsonNode value = request.get(Character.toUpperCase(required.charAt(0)) + required.substring(1));
      if (value == null || value.isNull()) {
        errors.add("Value null at '" + required + "' failed to satisfy constraint: Member must not be null");
      }
    }
    if (!errors.isEmpty()) {
      throw ServiceException.service("ValidationException", null, 400, errors.size() + " validation error"
          + (errors.size() == 1 ? "" : "s") + " detected: " + String.join("; ", errors));
    }
  }
}
