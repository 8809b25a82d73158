package dev.nestflow.core.items;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;

/**
 * An S3 Inventory report's {@code manifest.json} (what {@code InputType: MANIFEST} reads): the
 * inventoried bucket, the CSV schema and the data files (gzip-compressed CSV) that hold one row per object.
 *
 * @param sourceBucket the inventoried bucket ({@code sourceBucket})
 * @param destinationBucket the bucket holding the data files (the name, from {@code destinationBucket}'s ARN)
 * @param schema the column names ({@code fileSchema}, split on commas)
 * @param dataFileKeys the data files' keys ({@code files[].key}), in manifest order
 */
public record InventoryManifest(
    String sourceBucket, String destinationBucket, List<String> schema, List<String> dataFileKeys) {

  public InventoryManifest {
    schema = List.copyOf(schema);
    dataFileKeys = List.copyOf(dataFileKeys);
  }

  /** Reads a manifest.json; anything but a CSV inventory fails with {@code States.ItemReaderFailed}. */
  public static InventoryManifest parse(JsonNode manifest) {
    throw new UnsupportedOperationException("not yet");
  }

  /** The items of one data file (gzip-compressed CSV without a header row), keyed by {@link #schema()}. */
  public Iterator<JsonNode> items(InputStream gzippedCsv) {
    throw new UnsupportedOperationException("not yet");
  }
}
