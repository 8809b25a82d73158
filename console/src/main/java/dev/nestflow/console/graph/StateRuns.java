package dev.nestflow.console.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * Each state's status in one execution, read from its history (as GetExecutionHistory returns it).
 * A state is matched by name (ASL names are unique in the whole definition). An event that is not
 * a state's entry or exit belongs to the state found by following {@code previousEventId} back to
 * the nearest entry of a state of the matching type that had not exited by then: that is how Task,
 * Map and Parallel events inside Map iterations and Parallel branches are told apart.
 */
public final class StateRuns {

  /**
   * @param entered how often the state was entered (once per Map iteration it ran in)
   * @param exited how often it left normally or through a Catch
   * @param attempts task/Map/Parallel attempts (entries plus retries)
   * @param failures failed or timed-out attempts
   */
  public record Run(String name, StateStatus status, int entered, int exited, int attempts, int failures) {
    public int retries() {
      return Math.max(0, attempts - entered);
    }

    /** "succeeded", "running · 2 of 3 done", "caught · 1 retry" ... */
    public String summary() {
      StringBuilder s = new StringBuilder(status.word());
      if (entered > 1) {
        s.append(" · ").append(entered).append(" runs");
      }
      int r = retries();
      if (r > 0) {
        s.append(" · ").append(r).append(r == 1 ? " retry" : " retries");
      }
      return s.toString();
    }
  }

  private final Map<String, Run> runs;
  private final String executionStatus;

  private StateRuns(Map<String, Run> runs, String executionStatus) {
    this.runs = runs;
    this.executionStatus = executionStatus;
  }

  /** The run of a state, or a not-reached one. */
  public Run of(String name) {
    Run r = runs.get(name);
    return r != null ? r : new Run(name, StateStatus.NOT_REACHED, 0, 0, 0, 0);
  }

  /** RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED, as the history's last event says. */
  public String executionStatus() {
    return executionStatus;
  }

  public static StateRuns from(JsonNode events) {
    Map<Long, JsonNode> byId = new HashMap<>();
    Map<String, int[]> counts = new HashMap<>(); // entered, exited, attempts, failures
    Map<String, String> types = new HashMap<>();
    String status = "RUNNING";
    for (JsonNode e : events) {
      byId.put(e.path("id").asLong(), e);
    }
    for (JsonNode e : events) {
      String type = e.path("type").asText();
      if (type.equals("ExecutionFailed")) {
        // a Choice without a match, a Fail state, an uncaught error: the state it failed in
        String owner = owner(e, null, byId);
        if (owner != null) {
          counts.computeIfAbsent(owner, n -> new int[4])[3]++;
        }
      }
      switch (type) {
        case "ExecutionSucceeded" -> status = "SUCCEEDED";
        case "ExecutionFailed" -> status = "FAILED";
        case "ExecutionTimedOut" -> status = "TIMED_OUT";
        case "ExecutionAborted" -> status = "ABORTED";
        default -> { }
      }
      if (type.endsWith("StateEntered")) {
        String name = e.path("stateEnteredEventDetails").path("name").asText();
        types.put(name, type.substring(0, type.length() - "StateEntered".length()));
        counts.computeIfAbsent(name, n -> new int[4])[0]++;
      } else if (type.endsWith("StateExited")) {
        counts.computeIfAbsent(e.path("stateExitedEventDetails").path("name").asText(), n -> new int[4])[1]++;
      } else {
        String family = family(type);
        if (family == null) {
          continue;
        }
        boolean attempt = type.endsWith("Scheduled") || type.equals("MapStateStarted")
            || type.equals("ParallelStateStarted");
        boolean failure = type.endsWith("Failed") || type.endsWith("TimedOut") || type.endsWith("StartFailed")
            || type.endsWith("SubmitFailed");
        if (!attempt && !failure) {
          continue;
        }
        String owner = owner(e, family, byId);
        if (owner != null) {
          int[] c = counts.computeIfAbsent(owner, n -> new int[4]);
          if (attempt) {
            c[2]++;
          } else {
            c[3]++;
          }
        }
      }
    }
    Map<String, Run> runs = new HashMap<>();
    for (Map.Entry<String, int[]> entry : counts.entrySet()) {
      int[] c = entry.getValue();
      String stateType = types.getOrDefault(entry.getKey(), "");
      runs.put(entry.getKey(), new Run(entry.getKey(), status(c, stateType, status), c[0], c[1],
          Math.max(c[2], c[0]), c[3]));
    }
    return new StateRuns(runs, status);
  }

  private static StateStatus status(int[] c, String stateType, String executionStatus) {
    int entered = c[0];
    int exited = c[1];
    int retries = Math.max(0, c[2] - entered);
    int failures = c[3];
    if (entered == 0) {
      return StateStatus.NOT_REACHED;
    }
    if (entered > exited) {
      if ("RUNNING".equals(executionStatus)) {
        return StateStatus.RUNNING;
      }
      return failures > retries || stateType.equals("Fail") ? StateStatus.FAILED : StateStatus.CANCELLED;
    }
    return failures > retries ? StateStatus.CAUGHT : StateStatus.SUCCEEDED;
  }

  /** Which state type an event of this type belongs to; null for execution-level and iteration events. */
  private static String family(String type) {
    if (type.startsWith("Task") || type.startsWith("LambdaFunction") || type.startsWith("Activity")) {
      return "Task";
    }
    if (type.startsWith("MapState")) {
      return "Map";
    }
    if (type.startsWith("ParallelState")) {
      return "Parallel";
    }
    return null;
  }

  /** The name of the nearest still-open state of the given type (any type: null) before the event. */
  private static String owner(JsonNode event, String family, Map<Long, JsonNode> byId) {
    Map<String, Integer> closed = new HashMap<>();
    JsonNode e = byId.get(event.path("previousEventId").asLong());
    for (int guard = 0; e != null && guard < 100_000; guard++) {
      String type = e.path("type").asText();
      if (type.endsWith("StateExited")) {
        closed.merge(e.path("stateExitedEventDetails").path("name").asText(), 1, Integer::sum);
      } else if (type.endsWith("StateEntered")) {
        String name = e.path("stateEnteredEventDetails").path("name").asText();
        Integer open = closed.get(name);
        if (open != null && open > 0) {
          closed.put(name, open - 1);
        } else if (family == null || type.equals(family + "StateEntered")) {
          return name;
        }
      }
      long prev = e.path("previousEventId").asLong();
      e = prev == 0 ? null : byId.get(prev);
    }
    return null;
  }
}
