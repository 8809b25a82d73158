package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.errors.ErrorNames;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Runs a map run in-process on the virtual clock, one child execution after another (each a whole
 * {@link Execution} with its own history, named as AWS names it), counting as they end and stopping
 * at the first failure past the tolerance. Where the children's inputs come from and what the
 * result becomes are pluggable: by default the items the state resolved (an ItemReader, ItemBatcher
 * or ResultWriter needs the runtime's item I/O and fails naming the field).
 */
public final class InProcessMapRuns implements MapRunHandler {

  /** The children's inputs, in order: items read (ItemReader), selected (ItemSelector) and batched (ItemBatcher). */
  @FunctionalInterface
  public interface Inputs {
    List<JsonNode> of(MapRunRequest request);
  }

  /** The Map's result once every child ended within the tolerance: the outputs, or what ResultWriter wrote. */
  @FunctionalInterface
  public interface Results {
    JsonNode of(MapRunRequest request, MapRunTally tally, List<ChildRun> children);
  }

  /** One child as it ended. */
  public record ChildRun(int index, String executionArn, String name, String stateMachineArn, String input,
      ExecutionResult result) {}

  private final Inputs inputs;
  private final Results results;
  private final Duration horizon;
  private final Consumer<ChildRun> listener;
  /** The runs this runner ran, by map run ARN, kept for their redrive: request, inputs, children's ends. */
  private final java.util.Map<String, Ran> ran = new java.util.HashMap<>();

  private record Ran(MapRunRequest request, List<JsonNode> inputs, ChildRun[] children) {}

  /** Items as the state resolved them; no ItemReader, ItemBatcher or ResultWriter. */
  public InProcessMapRuns() {
    this(InProcessMapRuns::selectedItems, InProcessMapRuns::outputs, null, child -> {});
  }

  public InProcessMapRuns(Inputs inputs, Results results, Duration horizon, Consumer<ChildRun> listener) {
    this.inputs = inputs;
    this.results = results;
    this.horizon = horizon;
    this.listener = listener;
  }

  /** The same runner telling {@code listener} of every child as it ends. */
  public InProcessMapRuns listening(Consumer<ChildRun> newListener) {
    return new InProcessMapRuns(inputs, results, horizon, newListener);
  }

  /** The default inputs: the state's items through its ItemSelector. */
  public static List<JsonNode> selectedItems(MapRunRequest r) {
    if (r.itemReader() != null) {
      throw unsupported("ItemReader");
    }
    if (r.itemBatcher() != null) {
      throw unsupported("ItemBatcher");
    }
    List<JsonNode> out = new ArrayList<>();
    for (int i = 0; i < r.items().size(); i++) {
      out.add(r.selection().input(i, r.items().get(i)));
    }
    return out;
  }

  /** The default result: the outputs in item order. */
  public static JsonNode outputs(MapRunRequest r, MapRunTally tally, List<ChildRun> children) {
    if (r.resultWriter() != null) {
      throw unsupported("ResultWriter");
    }
    return tally.outputs();
  }

  private static StatesException unsupported(String field) {
    return new StatesException(ErrorNames.RUNTIME,
        "The Map state field '" + field + "' needs nestflow's item I/O, which this runner was built without.");
  }

  @Override
  public Signal run(Effect.StartMapRun run, Instant now, TaskHandler tasks) {
    MapRunRequest r = run.request();
    List<JsonNode> childInputs;
    try {
      childInputs = inputs.of(r);
    } catch (StatesException e) {
      return new Signal.TaskFailed(run.key(), e.error(), e.cause());
    }
    Ran state = new Ran(r, childInputs, new ChildRun[childInputs.size()]);
    ran.put(r.mapRunArn(), state);
    return runChildren(run.key(), state, now, tasks);
  }

  /**
   * Redrives a run this runner ran: the children that did not succeed run again (their failures of
   * the earlier attempts no longer count), those that succeeded keep their outputs.
   */
  @Override
  public Signal redrive(Effect.RedriveMapRun redrive, Instant now, TaskHandler tasks) {
    Ran state = ran.get(redrive.mapRunArn());
    if (state == null) {
      return null;
    }
    for (int i = 0; i < state.children().length; i++) {
      ChildRun child = state.children()[i];
      if (child != null && !"SUCCEEDED".equals(child.result().status())) {
        state.children()[i] = null;
      }
    }
    return runChildren(redrive.key(), state, now, tasks);
  }

  private Signal runChildren(String key, Ran state, Instant now, TaskHandler tasks) {
    MapRunRequest r = state.request();
    List<JsonNode> childInputs = state.inputs();
    MapRunTally tally = new MapRunTally(r, childInputs.size());
    ChildRun[] ended = state.children();
    for (ChildRun child : ended) {
      if (child != null) {
        tally.succeeded(child.index(), child.result().output());
      }
    }
    String smName = r.childStateMachineArn().substring(r.childStateMachineArn().indexOf(":stateMachine:") + 14);
    for (int i = 0; i < childInputs.size(); i++) {
      if (ended[i] != null) {
        continue;
      }
      JsonNode input = childInputs.get(i);
      String text = Json.write(input);
      ExecutionIdentity identity = new ExecutionIdentity(r.childExecutionArn(i), r.childName(i),
          r.childStateMachineArn(), smName, "arn:aws:iam::role/nestflow-map-run", now);
      Random seed = new Random(r.childName(i).hashCode());
      ExecutionResult result = new VirtualTimeRunner(tasks, horizon, this)
          .run(r.processor(), identity, input, text, Environment.of(seed));
      ChildRun child = new ChildRun(i, identity.executionArn(), identity.name(), r.childStateMachineArn(), text, result);
      ended[i] = child;
      listener.accept(child);
      if ("RUNNING".equals(result.status())) {
        return null;
      }
      if ("SUCCEEDED".equals(result.status())) {
        tally.succeeded(i, result.output());
      } else if (tally.failed(i, result.error(), result.cause())) {
        return new Signal.TaskFailed(key, tally.error(), tally.cause());
      }
    }
    List<ChildRun> children = new ArrayList<>(java.util.Arrays.asList(ended));
    try {
      return new Signal.TaskSucceeded(key, results.of(r, tally, children));
    } catch (StatesException e) {
      return new Signal.TaskFailed(key, e.error(), e.cause());
    }
  }
}
