package dev.nestflow.infrastructure.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.interpreter.InProcessMapRuns;
import dev.nestflow.core.interpreter.MapRunRequest;
import dev.nestflow.core.interpreter.MapRunTally;
import dev.nestflow.core.items.ChildResult;
import dev.nestflow.core.items.ItemBatcher;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.items.ItemReaders;
import dev.nestflow.infrastructure.items.ResultWriters;
import dev.nestflow.infrastructure.objects.ObjectStore;
import dev.nestflow.infrastructure.objects.S3ObjectStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where a map run's children's inputs come from and where its results go: the items the state
 * resolved or the ItemReader's (read from the object store), each through the ItemSelector, then
 * grouped by the ItemBatcher; the outputs in item order, or the ResultWriter's files and details.
 * One home for both runners (in-process and the queue runtime's {@link MapRunDriver}).
 */
public final class MapRunItems {
  private final Supplier<ObjectStore> objects;
  private volatile ObjectStore store;

  /** Objects on S3 as the environment configures it (the client built on first use). */
  public MapRunItems() {
    this(S3ObjectStore::fromEnvironment);
  }

  /** Objects from {@code objects} (asked once, on the first ItemReader or ResultWriter). */
  public MapRunItems(Supplier<ObjectStore> objects) {
    this.objects = objects;
  }

  /** From now on, objects come from {@code objects} (an embedded runtime's in-memory twin, a test's moto_server). */
  public void use(ObjectStore objects) {
    this.store = objects;
  }

  private ObjectStore objects() {
    if (store == null) {
      synchronized (this) {
        if (store == null) {
          store = objects.get();
        }
      }
    }
    return store;
  }

  /**
   * The children's inputs in order. Throws StatesException: States.ItemReaderFailed when the items
   * cannot be read or batched (naming what failed).
   */
  public List<JsonNode> inputs(MapRunRequest request) {
    List<JsonNode> items = request.itemReader() != null
        ? ItemReaders.read(request.itemReader(), objects())
        : toList(request.items());
    List<JsonNode> selected = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      selected.add(request.selection().input(i, items.get(i)));
    }
    if (request.itemBatcher() == null) {
      return selected;
    }
    return new ArrayList<>(ItemBatcher.parse(request.itemBatcher()).batch(selected));
  }

  private static List<JsonNode> toList(JsonNode array) {
    List<JsonNode> out = new ArrayList<>(array.size());
    array.forEach(out::add);
    return out;
  }

  /**
   * The Map's result: the outputs in item order ({@code tally}), or, with a ResultWriter
   * ({@code resultWriter}, resolved; null when the state has none), what it wrote (States.ResultWriterFailed
   * when it could not). {@code children} is asked only then.
   */
  public JsonNode result(String mapRunArn, JsonNode resultWriter, MapRunTally tally, Supplier<List<ChildResult>> children) {
    if (resultWriter == null) {
      return tally.outputs();
    }
    return ResultWriters.write(resultWriter, mapRunArn, children.get(), objects());
  }

  /** The runner of map runs in-process (the interpreter's), with these inputs and results. */
  public InProcessMapRuns inProcess() {
    return new InProcessMapRuns(this::inputs,
        (r, tally, children) -> result(r.mapRunArn(), r.resultWriter(), tally, () -> results(children)), null, child -> {});
  }

  private static List<ChildResult> results(List<InProcessMapRuns.ChildRun> children) {
    List<ChildResult> out = new ArrayList<>();
    for (InProcessMapRuns.ChildRun c : children) {
      var r = c.result();
      Instant start = r.history().isEmpty() ? null : instant(r.history().get(0));
      Instant stop = r.history().isEmpty() ? null : instant(r.history().get(r.history().size() - 1));
      out.add(new ChildResult(c.executionArn(), c.name(), c.stateMachineArn(), r.status(), Json.parse(c.input()),
          r.output(), r.error(), r.cause(), start, stop, 0, "NOT_REDRIVABLE", null));
    }
    return out;
  }

  private static Instant instant(JsonNode event) {
    JsonNode t = event.get("timestamp");
    if (t == null) {
      return null;
    }
    if (t.isNumber()) {
      return Instant.ofEpochMilli(Math.round(t.asDouble() * 1000));
    }
    try {
      return Instant.parse(t.asText());
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }
}
