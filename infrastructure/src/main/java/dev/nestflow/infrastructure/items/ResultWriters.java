package dev.nestflow.infrastructure.items;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.items.ChildResult;
import dev.nestflow.core.items.ItemErrors;
import dev.nestflow.core.items.ResultFile;
import dev.nestflow.core.items.ResultFiles;
import dev.nestflow.core.items.ResultWriterSpec;
import dev.nestflow.infrastructure.objects.ObjectStore;
import dev.nestflow.infrastructure.objects.ObjectStoreException;
import java.util.List;

/**
 * Runs a Distributed Map's resolved ResultWriter: puts the result files and then the manifest,
 * and returns the Map state's result. A failed put is {@code States.ResultWriterFailed}.
 *
 * <p>The manifest goes last, so a reader that finds it finds every file it lists. Writing again
 * for the same run (a redelivered message) puts the same keys with the same bytes: idempotent.
 */
public final class ResultWriters {
  private ResultWriters() {}

  /** The content type of result files and manifest. */
  static final String JSON = "application/json";

  /**
   * Writes {@code results} (one per child execution, in item order) as the block says and returns
   * the Map state's result: {@code {"MapRunArn","ResultWriterDetails":{"Bucket","Key"}}} when the
   * results went to S3, the transformed results themselves when the block has only a WriterConfig.
   * {@code results} is walked up to three times (once per status) and may read outcomes lazily.
   */
  public static JsonNode write(
      JsonNode resolvedResultWriter, String mapRunArn, Iterable<ChildResult> results, ObjectStore store) {
    ResultWriterSpec spec = ResultWriterSpec.parse(resolvedResultWriter);
    if (!spec.exports()) {
      return ResultFiles.inlineResult(spec, results);
    }
    List<ResultFile> files = ResultFiles.resultFiles(spec, mapRunArn, results);
    for (ResultFile file : files) {
      put(store, spec.bucket(), file);
    }
    ResultFile manifest = ResultFiles.manifest(spec, mapRunArn, files);
    put(store, spec.bucket(), manifest);
    return ResultFiles.mapResult(mapRunArn, spec.bucket(), manifest.key());
  }

  private static void put(ObjectStore store, String bucket, ResultFile file) {
    try {
      store.put(bucket, file.key(), file.body(), JSON);
    } catch (ObjectStoreException e) {
      throw ItemErrors.writerFailed("s3:putObject on s3://" + bucket + "/" + file.key() + " failed: "
          + e.code() + ": " + e.getMessage());
    }
  }
}
