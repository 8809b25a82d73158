package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.errors.ErrorNames;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.jsonata.JsonataTemplates;
import dev.nestflow.core.states.Field;
import dev.nestflow.core.states.WaitState;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Wait: blocks the frame until Seconds have passed or Timestamp is reached. */
final class WaitStep {
  private final Execution ex;

  WaitStep(Execution ex) {
    this.ex = ex;
  }

  void run(Frame f, WaitState s) {
    InputOutput io = InputOutput.of(s);
    Evaluation ev = new Evaluation(ex, f, s);
    if (f.phase == Frame.Phase.WAIT_DONE) {
      io.exitWithInput(ev, ex.nextOf(s), s.common().assign(), s.common().output());
      return;
    }
    io.selectInput(ev);
    Instant due = s.seconds() != null ? afterSeconds(ev, s.seconds()) : at(ev, s.timestamp());
    long delaySeconds = java.time.Duration.between(ex.now(), due).getSeconds();
    if (delaySeconds > Integer.MAX_VALUE) {
      throw new StatesException(ErrorNames.RUNTIME, "Wait state delay is too long.");
    }
    f.phase = Frame.Phase.WAIT_DONE;
    if (due.isAfter(ex.now())) {
      ex.block(f, f.newKey("wait"), due);
    }
  }

  /** Seconds: a literal, a whole non-negative number at SecondsPath, or an expression giving one. */
  private Instant afterSeconds(Evaluation ev, Field seconds) {
    if (seconds instanceof Field.Literal literal) {
      return ex.now().plusSeconds(literal.value().asLong());
    }
    JsonNode v = ev.value(seconds);
    if (seconds instanceof Field.Jsonata j) {
      if (!v.isIntegralNumber() && !(v.isNumber() && v.doubleValue() == Math.rint(v.doubleValue()))) {
        throw QueryEvaluationFailed.of(JsonataTemplates.unexpectedType(j.expression(), "Seconds", "integer", v));
      }
      if (v.asLong() < 0) {
        throw new QueryEvaluationFailed("Seconds", "The Seconds field references a negative value: " + v.asLong());
      }
      return ex.now().plusSeconds(v.asLong());
    }
    String shown = ((Field.Path) seconds).path() + " == " + Json.text(v);
    if (!v.isIntegralNumber() && !(v.isNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0)) {
      throw new StatesException(
          ErrorNames.RUNTIME, "The SecondsPath parameter cannot be parsed as a long value: " + shown);
    }
    long value = v.asLong();
    if (value < 0) {
      throw new StatesException(ErrorNames.RUNTIME, "The SecondsPath parameter references a negative value: " + shown);
    }
    return ex.now().plusSeconds(value);
  }

  /** Timestamp: a literal, a string at TimestampPath, or an expression giving one. */
  private Instant at(Evaluation ev, Field timestamp) {
    if (timestamp instanceof Field.Literal literal) {
      return parseTimestamp(literal.value().asText(), null);
    }
    JsonNode v = ev.value(timestamp);
    if (timestamp instanceof Field.Jsonata j) {
      if (!v.isTextual()) {
        throw QueryEvaluationFailed.of(JsonataTemplates.unexpectedType(j.expression(), "Timestamp", "string", v));
      }
      try {
        return OffsetDateTime.parse(v.asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      } catch (DateTimeParseException e) {
        throw new QueryEvaluationFailed(
            "Timestamp",
            "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: " + v.asText());
      }
    }
    String text = Json.text(v);
    return parseTimestamp(text, ((Field.Path) timestamp).path() + " == " + text);
  }

  private static Instant parseTimestamp(String text, String shownForPath) {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      String field = shownForPath == null ? "Timestamp" : "TimestampPath";
      throw new StatesException(
          ErrorNames.RUNTIME,
          "The " + field + " parameter does not reference a valid ISO-8601 extended offset date-time format string: "
              + (shownForPath == null ? text : shownForPath));
    }
  }
}
