package dev.nestflow.infrastructure.store;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB's size of an item as the service counts it against its 400 KB limit: each attribute's
 * name in UTF-8 plus its value (a string in UTF-8; a number as one byte per two significant
 * digits plus one, at most 21). Only the types this store writes (S and N) are sized.
 */
final class DynamoDbItemSize {
  /**
   * 400 KB read as 400,000 bytes: below DynamoDB's own limit (409,600) and moto's (405,000), so an
   * item this check lets through is accepted by both.
   */
  static final long LIMIT = 400_000;

  private DynamoDbItemSize() {}

  static long of(Map<String, AttributeValue> item) {
    long total = 0;
    for (Map.Entry<String, AttributeValue> a : item.entrySet()) {
      total += utf8(a.getKey()) + valueSize(a.getValue());
    }
    return total;
  }

  static void check(String what, Map<String, AttributeValue> item) {
    long size = of(item);
    if (size > LIMIT) {
      throw new ItemTooLargeException(what, size, LIMIT);
    }
  }

  private static long valueSize(AttributeValue v) {
    if (v.s() != null) {
      return utf8(v.s());
    }
    if (v.n() != null) {
      String digits = v.n().replace("-", "").replace(".", "").replaceFirst("^0+(?=.)", "");
      return Math.min(21, (digits.length() + 1) / 2 + 1);
    }
    if (v.b() != null) {
      return v.b().asByteArrayUnsafe().length;
    }
    throw new IllegalArgumentException("only S, N and B attributes are sized: " + v);
  }

  private static long utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
