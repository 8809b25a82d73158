package dev.nestflow.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;

/**
 * AssertJ assertions on an {@link Execution}. Every failure message shows the execution's status,
 * the states it went through and its output or error, so a failing test says what happened.
 */
public final class ExecutionAssert extends AbstractAssert<ExecutionAssert, Execution> {
  ExecutionAssert(Execution actual) {
    super(actual, ExecutionAssert.class);
  }

  public ExecutionAssert hasStatus(String status) {
    isNotNull();
    if (!status.equals(actual.status())) {
      failWithMessage("Expected status %s but was %s%n%s", status, actual.status(), actual.summary());
    }
    return this;
  }

  public ExecutionAssert succeeded() {
    return hasStatus("SUCCEEDED");
  }

  public ExecutionAssert failed() {
    return hasStatus("FAILED");
  }

  public ExecutionAssert timedOut() {
    return hasStatus("TIMED_OUT");
  }

  public ExecutionAssert isRunning() {
    return hasStatus("RUNNING");
  }

  /** FAILED with this error name. */
  public ExecutionAssert failedWith(String error) {
    failed();
    if (!error.equals(actual.error())) {
      failWithMessage("Expected the execution to fail with %s but it failed with %s%n%s", error, actual.error(), actual.summary());
    }
    return this;
  }

  /** FAILED with this error name and a cause containing {@code causePart}. */
  public ExecutionAssert failedWith(String error, String causePart) {
    failedWith(error);
    if (actual.cause() == null || !actual.cause().contains(causePart)) {
      failWithMessage("Expected the cause to contain <%s> but it was <%s>%n%s", causePart, actual.cause(), actual.summary());
    }
    return this;
  }

  /** The output equals {@code expected}: JSON text, a JsonNode, or any value Jackson can write (compared as JSON). */
  public ExecutionAssert hasOutput(Object expected) {
    succeeded();
    JsonNode want = expected instanceof String s ? Json.parse(s) : LocalStepFunctions.json(expected);
    if (!want.equals(actual.output())) {
      failWithMessage("Expected output%n  %s%nbut was%n  %s%n%s", Json.write(want), Json.write(actual.output()), actual.summary());
    }
    return this;
  }

  /** The output's value at {@code pointer} (a JSON Pointer such as {@code /shipment/trackingId}) equals {@code expected}. */
  public ExecutionAssert hasOutputAt(String pointer, Object expected) {
    succeeded();
    JsonNode want = LocalStepFunctions.json(expected);
    JsonNode got = actual.output().at(pointer);
    if (!want.equals(got)) {
      failWithMessage("Expected output at %s to be %s but was %s%n%s", pointer, Json.write(want),
          got.isMissingNode() ? "missing" : Json.write(got), actual.summary());
    }
    return this;
  }

  public ExecutionAssert hasOutputSatisfying(Consumer<JsonNode> requirements) {
    succeeded();
    requirements.accept(actual.output());
    return this;
  }

  /** The states entered are exactly these, in this order. */
  public ExecutionAssert passedThrough(String... states) {
    isNotNull();
    if (!actual.statePath().equals(Arrays.asList(states))) {
      failWithMessage("Expected the states%n  %s%nbut the execution went through%n  %s%n%s", String.join(" -> ", states),
          String.join(" -> ", actual.statePath()), actual.summary());
    }
    return this;
  }

  /** These states were entered in this order (others may come between them). */
  public ExecutionAssert visited(String... states) {
    isNotNull();
    List<String> path = actual.statePath();
    int at = 0;
    for (String state : states) {
      int found = path.subList(at, path.size()).indexOf(state);
      if (found < 0) {
        failWithMessage("Expected the execution to visit %s in this order, but %s %s%n%s", String.join(", ", states), state,
            path.contains(state) ? "came too early" : "was never entered", actual.summary());
      }
      at += found + 1;
    }
    return this;
  }

  public ExecutionAssert neverVisited(String... states) {
    isNotNull();
    for (String state : states) {
      if (actual.statePath().contains(state)) {
        failWithMessage("Expected the execution never to enter %s%n%s", state, actual.summary());
      }
    }
    return this;
  }

  /** State {@code state} was entered exactly {@code times} times (loops, retries of Map iterations). */
  public ExecutionAssert enteredTimes(String state, int times) {
    isNotNull();
    int count = Collections.frequency(actual.statePath(), state);
    if (count != times) {
      failWithMessage("Expected %s to be entered %d times but it was entered %d times%n%s", state, times, count, actual.summary());
    }
    return this;
  }

  /** The history has {@code count} events of {@code type} (e.g. {@code TaskFailed}). */
  public ExecutionAssert hasEvents(String type, int count) {
    isNotNull();
    long found = actual.eventTypes().stream().filter(type::equals).count();
    if (found != count) {
      failWithMessage("Expected %d %s events but found %d; events: %s%n%s", count, type, found, actual.eventTypes(), actual.summary());
    }
    return this;
  }

  /** The history's events of {@code type}, for AssertJ's list assertions. */
  public ListAssert<ObjectNode> events(String type) {
    isNotNull();
    return Assertions.assertThat(actual.history().stream().filter(e -> e.get("type").asText().equals(type)).toList())
        .as("%s events of%n%s", type, actual.summary());
  }

  /** This execution started {@code count} executions of {@code stateMachineName}. */
  public ExecutionAssert startedChildren(String stateMachineName, int count) {
    isNotNull();
    List<Execution> children = actual.children(stateMachineName);
    if (children.size() != count) {
      failWithMessage("Expected %d executions of %s to be started but found %d: %s%n%s", count, stateMachineName,
          children.size(), children.stream().map(Execution::arn).toList(), actual.summary());
    }
    return this;
  }

  /** The executions this one started, for AssertJ's list assertions (each can be asserted on in turn). */
  public ListAssert<Execution> children() {
    isNotNull();
    return Assertions.assertThat(actual.children()).as("executions started by%n%s", actual.summary());
  }

  /** A callback of {@code state} waits for the test's answer. */
  public ExecutionAssert waitsForCallback(String state) {
    isRunning();
    if (actual.callback(state).isEmpty()) {
      failWithMessage("Expected %s to wait for a callback, but the waiting callbacks are %s%n%s", state,
          actual.callbacks().stream().map(Callback::stateName).toList(), actual.summary());
    }
    return this;
  }
}
