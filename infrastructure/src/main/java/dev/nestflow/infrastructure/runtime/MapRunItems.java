package dev.nestflow.infrastructure.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.interpreter.InProcessMapRuns;
import dev.nestflow.core.interpreter.MapRunRequest;
import dev.nestflow.core.interpreter.MapRunTally;
import java.util.List;

/**
 * Where a map run's children's inputs come from and where its results go: the items the state
 * resolved or the ItemReader's, through the ItemSelector, batched by the ItemBatcher; the outputs
 * in item order, or the ResultWriter's files. One home for both runners (in-process and the queue
 * runtime's {@link MapRunDriver}).
 */
public final class MapRunItems {
  public MapRunItems() {}

  /** The children's inputs in order. Throws StatesException (States.ItemReaderFailed, ...) naming what failed. */
  public List<JsonNode> inputs(MapRunRequest request) {
    return InProcessMapRuns.selectedItems(request);
  }

  /**
   * The Map's result: the outputs in item order ({@code tally}), or what the ResultWriter
   * ({@code resultWriter}, resolved; null when the state has none) wrote.
   */
  public JsonNode result(String mapRunArn, JsonNode resultWriter, MapRunTally tally) {
    if (resultWriter != null) {
      throw new dev.nestflow.core.errors.StatesException(dev.nestflow.core.errors.ErrorNames.RUNTIME,
          "The Map state field 'ResultWriter' is not supported by nestflow yet.");
    }
    return tally.outputs();
  }

  /** The runner of map runs in-process (the interpreter's), with these inputs and results. */
  public InProcessMapRuns inProcess() {
    return new InProcessMapRuns(this::inputs, (r, tally, children) -> result(r.mapRunArn(), r.resultWriter(), tally), null, child -> {});
  }
}
