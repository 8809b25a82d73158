package dev.nestflow.infrastructure.items;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.items.ChildResult;
import dev.nestflow.infrastructure.objects.ObjectStore;
import java.util.List;

/**
 * Runs a Distributed Map's resolved ResultWriter: puts the result files and then the manifest,
 * and returns the Map state's result. A failed put is {@code States.ResultWriterFailed}.
 */
public final class ResultWriters {
  private ResultWriters() {}

  /**
   * Writes {@code results} (one per child execution, in item order) as the block says and returns
   * the Map state's result: {@code {"MapRunArn","ResultWriterDetails":{"Bucket","Key"}}} when the
   * results went to S3, the transformed results themselves when the block has only a WriterConfig.
   */
  public static JsonNode write(
      JsonNode resolvedResultWriter, String mapRunArn, List<ChildResult> results, ObjectStore store) {
    throw new UnsupportedOperationException("not yet");
  }
}
