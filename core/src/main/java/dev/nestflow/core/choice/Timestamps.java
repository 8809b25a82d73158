package dev.nestflow.core.choice;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Timestamps as the Choice state's {@code Timestamp...} and {@code IsTimestamp} operators read
 * them: the RFC 3339 profile of ISO 8601 the ASL specification requires, i.e. a full date and time
 * with an uppercase {@code T}, optional fractional seconds (up to nanoseconds) and either an
 * uppercase {@code Z} or a numeric offset {@code +hh:mm}/{@code -hh:mm}. Anything else (no offset,
 * date only, a space instead of {@code T}, lowercase letters) is not a timestamp.
 */
final class Timestamps {
  private Timestamps() {}

  private static final Pattern RFC_3339 =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");

  static Optional<Instant> parse(JsonNode value) {
    return value.isTextual() ? parse(value.textValue()) : Optional.empty();
  }

  static Optional<Instant> parse(String text) {
    if (!RFC_3339.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    } catch (DateTimeParseException outOfRange) {
      return Optional.empty();
    }
  }
}
