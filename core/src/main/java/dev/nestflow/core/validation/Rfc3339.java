package dev.nestflow.core.validation;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** RFC 3339 date-time as ASL requires for Wait Timestamp: {@code 2016-03-14T01:59:00Z}. */
final class Rfc3339 {
  private Rfc3339() {}

  private static final Pattern SHAPE =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

  static boolean isTimestamp(String text) {
    if (text == null || !SHAPE.matcher(text).matches()) {
      return false;
    }
    try {
      OffsetDateTime.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
