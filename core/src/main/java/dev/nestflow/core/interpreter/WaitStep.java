package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.errors.ErrorNames;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.states.WaitState;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.jsonata.Jsonata;
import dev.nestflow.core.jsonata.JsonataTemplates;
import java.time.Instant;
import java.util.Map;
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
    boolean jsonata = s.common().jsonata();
    if (f.phase == Frame.Phase.WAIT_DONE) {
      if (jsonata) {
        JsonataScope js = JsonataScope.of(ex, f, s, f.stateInput, null);
        Map<String, JsonNode> assigned = Variables.evaluateJsonata(s.common().assign(), js);
        JsonNode output = s.common().output();
        ex.exitState(f, s, output == null ? f.stateInput : js.evaluate(output, "Output"), ex.nextOf(s), assigned);
        return;
      }
      Scope scope = StateRunners.scope(ex, f, s, f.stateInput, null);
      Map<String, JsonNode> assigned =
          Variables.evaluateJsonPath(s.common().assign(), scope.withInput(f.effectiveInput), ex.env().random());
      ex.exitState(f, s, StateIo.outputPath(s.common().outputPath(), scope, f.effectiveInput), ex.nextOf(s), assigned);
      return;
    }
    Instant due;
    if (jsonata) {
      f.effectiveInput = f.stateInput;
      due = dueAtJsonata(s, JsonataScope.of(ex, f, s, f.stateInput, null));
    } else {
      Scope scope = StateRunners.scope(ex, f, s, f.stateInput, null);
      JsonNode effective = StateIo.inputPath(s.common().inputPath(), scope);
      f.effectiveInput = effective;
      due = dueAt(s, scope.withInput(effective));
    }
    long delaySeconds = java.time.Duration.between(ex.now(), due).getSeconds();
    if (delaySeconds > Integer.MAX_VALUE) {
      throw new StatesException(ErrorNames.RUNTIME, "Wait state delay is too long.");
    }
    f.phase = Frame.Phase.WAIT_DONE;
    if (due.isAfter(ex.now())) {
      ex.block(f, f.newKey("wait"), due);
    }
  }

  /** Seconds or Timestamp of a JSONata Wait state, each a literal or an expression. */
  private Instant dueAtJsonata(WaitState s, JsonataScope js) {
    if (s.seconds() != null) {
      JsonNode v = js.evaluate(s.seconds(), "Seconds");
      if (!v.isIntegralNumber() && !(v.isNumber() && v.doubleValue() == Math.rint(v.doubleValue()))) {
        throw QueryEvaluationFailed.of(JsonataTemplates.unexpectedType(expression(s.seconds()), "Seconds", "integer", v));
      }
      if (v.asLong() < 0) {
        throw new QueryEvaluationFailed(
            "Seconds", "The Seconds field references a negative value: " + v.asLong());
      }
      return ex.now().plusSeconds(v.asLong());
    }
    JsonNode v = js.evaluate(s.timestamp(), "Timestamp");
    if (!v.isTextual()) {
      throw QueryEvaluationFailed.of(JsonataTemplates.unexpectedType(expression(s.timestamp()), "Timestamp", "string", v));
    }
    try {
      return OffsetDateTime.parse(v.asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new QueryEvaluationFailed(
          "Timestamp",
          "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: " + v.asText());
    }
  }

  private static String expression(JsonNode field) {
    String e = field.isTextual() ? Jsonata.unwrap(field.textValue()) : null;
    return e == null ? field.toString() : e;
  }

  private Instant dueAt(WaitState s, Scope scope) {
    if (s.seconds() != null) {
      return ex.now().plusSeconds(s.seconds().asLong());
    }
    if (s.timestamp() != null) {
      return parseTimestamp(s.timestamp().asText(), null);
    }
    if (s.secondsPath() != null) {
      JsonNode v = scope.resolve(s.secondsPath());
      String shown = s.secondsPath() + " == " + Json.text(v);
      if (!v.isIntegralNumber() && !(v.isNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0)) {
        throw new StatesException(
            ErrorNames.RUNTIME, "The SecondsPath parameter cannot be parsed as a long value: " + shown);
      }
      long seconds = v.asLong();
      if (seconds < 0) {
        throw new StatesException(ErrorNames.RUNTIME, "The SecondsPath parameter references a negative value: " + shown);
      }
      return ex.now().plusSeconds(seconds);
    }
    JsonNode v = scope.resolve(s.timestampPath());
    String text = Json.text(v);
    return parseTimestamp(text, s.timestampPath() + " == " + text);
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
