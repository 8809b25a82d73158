package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.infrastructure.runtime.ApiException;
import java.util.List;

/**
 * One request's JSON body with the API model's member checks: a member of the wrong JSON type is a
 * {@code SerializationException}, a missing required member or a value outside its length, range or
 * enum is a {@code ValidationException} worded as AWS words it.
 */
public final class ApiRequest {
  private final ObjectNode body;

  public ApiRequest(ObjectNode body) {
    this.body = body;
  }

  public ObjectNode body() {
    return body;
  }

  public boolean has(String field) {
    JsonNode v = body.get(field);
    return v != null && !v.isNull();
  }

  /** An optional string member; null when absent. */
  public String string(String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw mismatch(v, "a String");
    }
    return v.asText();
  }

  /** An optional string member of {@code min}..{@code max} characters. */
  public String string(String field, int min, int max) {
    String s = string(field);
    if (s != null) {
      int length = s.codePointCount(0, s.length());
      if (length < min) {
        throw ApiErrors.validation(s, field, "Member must have length greater than or equal to " + min);
      }
      if (length > max) {
        throw ApiErrors.validation(s, field, "Member must have length less than or equal to " + max);
      }
    }
    return s;
  }

  public String required(String field, int min, int max) {
    String s = string(field, min, max);
    if (s == null) {
      throw ApiErrors.validationNull(field);
    }
    return s;
  }

  /** An optional string member that must be one of {@code values}. */
  public String oneOf(String field, List<String> values) {
    String s = string(field);
    if (s != null && !values.contains(s)) {
      throw ApiErrors.validation(s, field, "Member must satisfy enum value set: [" + String.join(", ", values) + "]");
    }
    return s;
  }

  /** An optional integer member within {@code min}..{@code max}. */
  public Integer integer(String field, int min, int max) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw mismatch(v, "an Integer");
    }
    int n = v.asInt();
    if (n < min) {
      throw ApiErrors.validation(Integer.toString(n), field, "Member must have value greater than or equal to " + min);
    }
    if (n > max) {
      throw ApiErrors.validation(Integer.toString(n), field, "Member must have value less than or equal to " + max);
    }
    return n;
  }

  public boolean bool(String field, boolean absent) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return absent;
    }
    if (!v.isBoolean()) {
      throw mismatch(v, "a Boolean");
    }
    return v.asBoolean();
  }

  /** An optional structure member (JSON object); null when absent. */
  public ObjectNode object(String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      throw ApiErrors.serialization("Start of structure or map expected at '" + field + "'");
    }
    return (ObjectNode) v;
  }

  /** An optional list member; empty when absent. */
  public List<JsonNode> list(String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw ApiErrors.serialization("Start of list expected at '" + field + "'");
    }
    List<JsonNode> out = new java.util.ArrayList<>();
    v.elements().forEachRemaining(out::add);
    return List.copyOf(out);
  }

  /**
   * A member of the wrong JSON type, worded as AWS's JSON protocol words it: the token that was sent
   * ({@code STRING_VALUE}, {@code NUMBER_VALUE}, {@code TRUE_VALUE}, {@code FALSE_VALUE}), then the
   * type the member has, e.g. {@code STRING_VALUE can not be converted to an Integer}; a list or an
   * object where a scalar belongs is named by its opening token.
   */
  private static ApiException mismatch(JsonNode sent, String expected) {
    if (sent.isArray()) {
      return ApiErrors.serialization("Start of list found where not expected");
    }
    if (sent.isObject()) {
      return ApiErrors.serialization("Start of structure or map found where not expected.");
    }
    String token = sent.isTextual() ? "STRING" : sent.isNumber() ? "NUMBER" : sent.isBoolean() ? sent.asBoolean() ? "TRUE" : "FALSE" : "NULL";
    return ApiErrors.serialization(token + "_VALUE can not be converted to " + expected);
  }
}
