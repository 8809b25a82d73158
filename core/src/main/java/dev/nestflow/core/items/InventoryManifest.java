package dev.nestflow.core.items;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * An S3 Inventory report's {@code manifest.json} (what {@code InputType: MANIFEST} reads): the
 * inventoried bucket, the CSV schema and the data files (gzip-compressed CSV) that hold one row per
 * object. Each row becomes an item keyed by the schema's column names, every value a string, e.g.
 * {@code {"Bucket":"b","Key":"a.csv","Size":"3399671","LastModifiedDate":"2022-11-16T00:29:32.000Z"}}.
 *
 * @param sourceBucket the inventoried bucket ({@code sourceBucket})
 * @param destinationBucket the bucket holding the data files (the name, from {@code destinationBucket}'s ARN)
 * @param schema the column names ({@code fileSchema}, split on commas)
 * @param dataFileKeys the data files' keys ({@code files[].key}), in manifest order
 */
public record InventoryManifest(
    String sourceBucket, String destinationBucket, List<String> schema, List<String> dataFileKeys) {

  private static final BlockFields FIELDS = new BlockFields("manifest", ItemErrors::readerFailed);

  public InventoryManifest {
    schema = List.copyOf(schema);
    dataFileKeys = List.copyOf(dataFileKeys);
  }

  /** Reads a manifest.json; anything but a CSV inventory fails with {@code States.ItemReaderFailed}. */
  public static InventoryManifest parse(JsonNode manifest) {
    FIELDS.object(manifest, "S3 inventory manifest");
    String where = "the S3 inventory manifest";
    String format = FIELDS.string(manifest, "fileFormat", where);
    if (format != null && !format.equalsIgnoreCase("CSV")) {
      throw FIELDS.fail("The S3 inventory's fileFormat '" + format + "' is not supported by nestflow (CSV is).");
    }
    String schemaText = FIELDS.requiredString(manifest, "fileSchema", where);
    List<String> schema = new ArrayList<>();
    for (String column : schemaText.split(",")) {
      schema.add(column.trim());
    }
    CsvItems.checkHeaders(schema);
    String destination = FIELDS.string(manifest, "destinationBucket", where);
    if (destination != null && destination.startsWith("arn:")) {
      destination = destination.substring(destination.lastIndexOf(':') + 1);
    }
    JsonNode files = manifest.get("files");
    if (files == null || !files.isArray()) {
      throw FIELDS.fail("The field 'files' of the S3 inventory manifest must be an array.");
    }
    List<String> keys = new ArrayList<>(files.size());
    for (JsonNode file : files) {
      FIELDS.object(file, "entry of the manifest's files");
      keys.add(FIELDS.requiredString(file, "key", "an entry of the manifest's files"));
    }
    return new InventoryManifest(FIELDS.string(manifest, "sourceBucket", where), destination, schema, keys);
  }

  /**
   * The items of one data file (CSV without a header row, keyed by {@link #schema()}); the bytes
   * may be gzip-compressed, as S3 Inventory writes them, or plain.
   */
  public Iterator<JsonNode> items(InputStream dataFile) {
    try {
      InputStream in = new BufferedInputStream(dataFile);
      in.mark(2);
      int b1 = in.read();
      int b2 = in.read();
      in.reset();
      if (b1 == 0x1f && b2 == 0x8b) {
        in = new GZIPInputStream(in, 64 * 1024);
      }
      return ObjectItems.csv(in, new CsvOptions(CsvOptions.HeaderLocation.GIVEN, schema, ','));
    } catch (IOException e) {
      throw ItemErrors.readerFailed("Reading the inventory data file failed: " + e.getMessage());
    }
  }
}
