package dev.nestflow.core.items;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What a ResultWriter writes for one Map run, as AWS lays it out under
 * {@code <Prefix>/<map run id>/}: result files by status ({@code SUCCEEDED_0.json},
 * {@code FAILED_0.json}, {@code PENDING_0.json}) and a {@code manifest.json} listing them,
 * and the Map state's result pointing at the manifest.
 */
public final class ResultFiles {
  private ResultFiles() {}

  /** The directory of a run's results: {@code <prefix>/<map run id>/} (the id is the ARN's last part). */
  public static String directory(ResultWriterSpec spec, String mapRunArn) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * The result files of a run (only statuses that have results; SUCCEEDED first, then FAILED,
   * then PENDING), each record shaped by {@code spec}'s transformation and output type.
   * Children that ended TIMED_OUT or ABORTED count as FAILED; PENDING holds children that never ran.
   */
  public static List<ResultFile> resultFiles(ResultWriterSpec spec, String mapRunArn, List<ChildResult> results) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * The manifest: {@code {"DestinationBucket","MapRunArn","ResultFiles":{"FAILED":[{"Key","Size"}],
   * "PENDING":[...],"SUCCEEDED":[...]}}}.
   */
  public static ResultFile manifest(ResultWriterSpec spec, String mapRunArn, List<ResultFile> resultFiles) {
    throw new UnsupportedOperationException("not yet");
  }

  /** The Map state's result when results were exported: {@code {"MapRunArn","ResultWriterDetails":{"Bucket","Key"}}}. */
  public static ObjectNode mapResult(String mapRunArn, String bucket, String manifestKey) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * The Map state's result when nothing is exported (no ResultWriter, or WriterConfig only): the
   * children's results in item order, transformed as {@code spec} says (COMPACT: the outputs).
   */
  public static JsonNode inlineResult(ResultWriterSpec spec, List<ChildResult> results) {
    throw new UnsupportedOperationException("not yet");
  }
}
