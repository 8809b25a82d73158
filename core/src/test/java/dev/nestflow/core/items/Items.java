package dev.nestflow.core.items;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.json.Json;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Helpers for the items tests: JSON from text, streams from text, failures by error name. */
final class Items {
  private Items() {}

  static JsonNode json(String text) {
    return Json.parse(text);
  }

  static InputStream bytes(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  static List<JsonNode> all(Iterator<? extends JsonNode> items) {
    List<JsonNode> out = new ArrayList<>();
    items.forEachRemaining(out::add);
    return out;
  }

  static String text(List<? extends JsonNode> items) {
    return Json.write(Json.array().addAll(List.copyOf(items)));
  }

  static AbstractThrowableAssert<?, ? extends Throwable> failsWith(String error, ThrowingCallable call) {
    return assertThatThrownBy(call)
        .isInstanceOf(StatesException.class)
        .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((StatesException) e).error()).isEqualTo(error));
  }

  static AbstractThrowableAssert<?, ? extends Throwable> readerFails(ThrowingCallable call) {
    return failsWith("States.ItemReaderFailed", call);
  }
}
