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
    MapRunTally tally = new MapRunTally(r, childInputs.size());
    List<ChildRun> children = new ArrayList<>();
    String smName = r.childStateMachineArn().substring(r.childStateMachineArn().indexOf(":stateMachine:") + 14);
    for (int i = 0; i < childInputs.size(); i++) {
      JsonNode input = childInputs.get(i);
      String text = Json.write(input);
      ExecutionIdentity identity = new ExecutionIdentity(r.childExecutionArn(i), r.childName(i),
          r.childStateMachineArn(), smName, "arn:aws:iam::role/nestflow-map-run", now);
      Random seed = new Random(r.childName(i).hashCode());
      ExecutionResult result = new VirtualTimeRunner(tasks, horizon, this)
          .run(r.processor(), identity, input, text, Environment.of(seed));
      ChildRun child = new ChildRun(i, identity.executionArn(), identity.name(), r.childStateMachineArn(), text, result);
      children.add(child);
      listener.accept(child);
      if ("RUNNING".equals(result.status())) {
        return null;
      }
      if ("SUCCEEDED".equals(result.status())) {
        tally.succeeded(i, result.output());
      } else if (tally.failed(i, result.error(), result.cause())) {
        return new Signal.TaskFailed(run.key(), tally.error(), tally.cause());
      }
    }
    try {
      return new Signal.TaskSucceeded(run.key(), results.of(r, tally, children));
    } catch (StatesException e) {
      return new Signal.TaskFailed(run.key(), e.error(), e.cause());
    }
  }
}
