package dev.nestflow.core.items;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.regex.Pattern;

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
 *     (outputs, array outputs spliced in); a failed child's record is always kept whole. Defaults to
 *     NONE when exporting and COMPACT otherwise, as AWS documents.
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
    JsonNode block = FIELDS.object(resolvedResultWriter, "ResultWriter");
    FIELDS.onlyKnown(block, "ResultWriter", BLOCK_FIELDS);
    if (block.isEmpty()) {
      throw FIELDS.fail("The ResultWriter must have WriterConfig, or Resource and Parameters, or all three.");
    }
    if (block.has("Parameters") && block.has("Arguments")) {
      throw FIELDS.fail("The ResultWriter has both Parameters and Arguments.");
    }
    String argumentsName = block.has("Arguments") ? "Arguments" : "Parameters";
    boolean exports = block.has("Resource") || block.has(argumentsName);
    String bucket = null;
    String prefix = null;
    if (exports) {
      String resource = FIELDS.requiredString(block, "Resource", "ResultWriter");
      if (!RESOURCE.matcher(resource).matches()) {
        throw FIELDS.fail("The ResultWriter resource '" + resource + "' is not supported by nestflow"
            + " (supported: arn:aws:states:::s3:putObject).");
      }
      if (!block.has(argumentsName)) {
        throw FIELDS.fail("The ResultWriter's " + argumentsName + " (Bucket and Prefix) are required with its Resource.");
      }
      String where = "ResultWriter's " + argumentsName;
      JsonNode arguments = FIELDS.object(block.get(argumentsName), where);
      FIELDS.onlyKnown(arguments, where, ARGUMENT_FIELDS);
      bucket = FIELDS.requiredString(arguments, "Bucket", where);
      prefix = FIELDS.string(arguments, "Prefix", where);
      if (prefix == null) {
        prefix = "";
      }
    }
    OutputType outputType = OutputType.JSON;
    Transformation transformation = exports ? Transformation.NONE : Transformation.COMPACT;
    JsonNode config = block.get("WriterConfig");
    if (config != null) {
      FIELDS.object(config, "ResultWriter's WriterConfig");
      FIELDS.onlyKnown(config, "WriterConfig", CONFIG_FIELDS);
      outputType = FIELDS.choice(config, "OutputType", "WriterConfig", OutputType.class, outputType);
      transformation = FIELDS.choice(config, "Transformation", "WriterConfig", Transformation.class, transformation);
    }
    return new ResultWriterSpec(bucket, prefix, outputType, transformation);
  }

  private static final Pattern RESOURCE = Pattern.compile("arn:aws[a-z-]*:states:::s3:putObject");
  private static final Set<String> BLOCK_FIELDS = Set.of("Resource", "Parameters", "Arguments", "WriterConfig");
  private static final Set<String> ARGUMENT_FIELDS = Set.of("Bucket", "Prefix");
  private static final Set<String> CONFIG_FIELDS = Set.of("OutputType", "Transformation");
  private static final BlockFields FIELDS = new BlockFields("ResultWriter", ItemErrors::writerFailed);
}
