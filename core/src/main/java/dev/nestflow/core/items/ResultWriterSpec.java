package dev.nestflow.core.items;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A resolved {@code ResultWriter} block: where the Map run's results go and how they are shaped.
 *
 * <pre>
 * {"Resource": "arn:aws:states:::s3:putObject",
 *  "Parameters": {"Bucket": "b", "Prefix": "runs"},             (or "Arguments" under JSONata)
 *  "WriterConfig": {"OutputType": "JSON", "Transformation": "NONE"}}
 * </pre>
 *
 * @param bucket the destination bucket; null when only WriterConfig is given (nothing goes to S3)
 * @param prefix the key prefix ({@code Prefix}, may be empty); null when nothing goes to S3
 * @param outputType JSON (an array per file) or JSONL (one record per line)
 * @param transformation what of each child is kept: NONE (the whole record), COMPACT (the output), FLATTEN
 *     (outputs, array outputs spliced in)
 */
public record ResultWriterSpec(String bucket, String prefix, OutputType outputType, Transformation transformation) {

  /** {@code WriterConfig.OutputType}. */
  public enum OutputType {
    JSON,
    JSONL
  }

  /** {@code WriterConfig.Transformation}. */
  public enum Transformation {
    NONE,
    COMPACT,
    FLATTEN
  }

  /** True when the results are written to S3 ({@code Resource} and its bucket given). */
  public boolean exports() {
    return bucket != null;
  }

  /**
   * Reads a resolved ResultWriter block; a block nestflow cannot run (unknown resource, output type
   * or transformation, unknown field) fails with {@code States.ResultWriterFailed} naming it.
   */
  public static ResultWriterSpec parse(JsonNode resolvedResultWriter) {
    throw new UnsupportedOperationException("not yet");
  }
}
