package dev.nestflow.core.items;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A resolved {@code ItemReader} block: which S3 call reads the items and how their bytes are parsed.
 *
 * <pre>
 * {"Resource": "arn:aws:states:::s3:getObject",
 *  "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW", "MaxItems": 100},
 *  "Parameters": {"Bucket": "b", "Key": "k.csv"}}        (or "Arguments" under JSONata)
 * </pre>
 *
 * @param source which S3 call: list the objects under a prefix, or read one object
 * @param bucket the bucket ({@code Bucket})
 * @param key the object's key for {@link Source#GET_OBJECT} ({@code Key}); null for a listing
 * @param versionId the object's {@code VersionId}; null for the current version
 * @param prefix the listing's {@code Prefix} (may be empty); null for {@link Source#GET_OBJECT}
 * @param inputType how a read object's bytes are parsed; null for a listing
 * @param csv the CSV options (defaults when the input is not CSV)
 * @param maxItems {@code ReaderConfig.MaxItems}: read at most this many items; 0 means no limit
 * @param itemsPointer {@code ReaderConfig.ItemsPointer}: a JSON Pointer to the array inside a JSON
 *     object; null to take the whole document as the array
 */
public record ItemReaderSpec(
    Source source,
    String bucket,
    String key,
    String versionId,
    String prefix,
    InputType inputType,
    CsvOptions csv,
    long maxItems,
    String itemsPointer) {

  /** The S3 call behind {@code Resource}. */
  public enum Source {
    /** {@code arn:aws:states:::s3:listObjectsV2}: one item per object under a prefix. */
    LIST_OBJECTS_V2,
    /** {@code arn:aws:states:::s3:getObject}: the items inside one object. */
    GET_OBJECT
  }

  /** {@code ReaderConfig.InputType}. */
  public enum InputType {
    JSON,
    JSONL,
    CSV,
    MANIFEST
  }

  /**
   * Reads a resolved ItemReader block; throws {@code States.ItemReaderFailed} with a cause naming
   * the field for a block nestflow cannot run (an unknown resource or input type, a field it does
   * not implement), never ignoring a field.
   */
  public static ItemReaderSpec parse(JsonNode resolvedItemReader) {
    throw new UnsupportedOperationException("not yet");
  }
}
