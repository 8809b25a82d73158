package dev.nestflow.core.items;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  /** AWS's ceiling for {@code MaxItems} ("you can specify a limit of up to 100,000,000"). */
  public static final long MAX_ITEMS_LIMIT = 100_000_000L;

  /** AWS's ceiling for a CSV header row or a {@code CSVHeaders} list: 10 KiB. */
  public static final int MAX_CSV_HEADER_BYTES = 10 * 1024;

  private static final Pattern RESOURCE = Pattern.compile("arn:aws[a-z-]*:states:::s3:(getObject|listObjectsV2)");
  private static final Set<String> BLOCK_FIELDS = Set.of("Resource", "ReaderConfig", "Parameters", "Arguments");
  private static final Set<String> READER_CONFIG_FIELDS =
      Set.of("InputType", "CSVHeaderLocation", "CSVHeaders", "CSVDelimiter", "MaxItems", "ItemsPointer", "ManifestType");
  private static final Set<String> GET_OBJECT_ARGUMENTS = Set.of("Bucket", "Key", "VersionId");
  private static final Set<String> LIST_ARGUMENTS = Set.of("Bucket", "Prefix");
  private static final BlockFields FIELDS = new BlockFields("ItemReader", ItemErrors::readerFailed);

  /** {@code ReaderConfig.CSVDelimiter}: the names AWS accepts and the character each stands for. */
  enum Delimiter {
    COMMA(','),
    PIPE('|'),
    SEMICOLON(';'),
    SPACE(' '),
    TAB('\t');

    final char character;

    Delimiter(char character) {
      this.character = character;
    }
  }

  /** {@code ReaderConfig.ManifestType}; only S3 inventories are read. */
  enum ManifestType {
    S3_INVENTORY,
    ATHENA_DATA
  }

  /** True when {@link #maxItems()} limits the items. */
  public boolean limited() {
    return maxItems > 0;
  }

  /**
   * Reads a resolved ItemReader block; throws {@code States.ItemReaderFailed} with a cause naming
   * the field for a block nestflow cannot run (an unknown resource or input type, a field it does
   * not implement), never ignoring a field. {@code ReaderConfig.MaxItemsPath} must already be
   * replaced by {@code MaxItems} (see {@link #maxItemsFromPath}).
   */
  public static ItemReaderSpec parse(JsonNode resolvedItemReader) {
    JsonNode block = FIELDS.object(resolvedItemReader, "ItemReader");
    FIELDS.onlyKnown(block, "ItemReader", BLOCK_FIELDS);
    String resource = FIELDS.requiredString(block, "Resource", "ItemReader");
    Matcher m = RESOURCE.matcher(resource);
    if (!m.matches()) {
      throw FIELDS.fail("The ItemReader resource '" + resource + "' is not supported by nestflow"
          + " (supported: arn:aws:states:::s3:getObject, arn:aws:states:::s3:listObjectsV2).");
    }
    Source source = m.group(1).equals("getObject") ? Source.GET_OBJECT : Source.LIST_OBJECTS_V2;
    if (block.has("Parameters") && block.has("Arguments")) {
      throw FIELDS.fail("The ItemReader has both Parameters and Arguments.");
    }
    String argumentsName = block.has("Arguments") ? "Arguments" : "Parameters";
    JsonNode arguments = FIELDS.object(block.get(argumentsName), "ItemReader's " + argumentsName);
    String where = "ItemReader's " + argumentsName;
    FIELDS.onlyKnown(arguments, where, source == Source.GET_OBJECT ? GET_OBJECT_ARGUMENTS : LIST_ARGUMENTS);
    String bucket = FIELDS.requiredString(arguments, "Bucket", where);

    JsonNode config = block.get("ReaderConfig");
    if (config == null) {
      config = Json.object();
    }
    FIELDS.object(config, "ItemReader's ReaderConfig");
    if (config.has("MaxItemsPath")) {
      throw FIELDS.fail("ReaderConfig.MaxItemsPath must be resolved into MaxItems before the ItemReader runs.");
    }
    FIELDS.onlyKnown(config, "ReaderConfig", READER_CONFIG_FIELDS);
    long maxItems = FIELDS.integer(config, "MaxItems", "ReaderConfig", MAX_ITEMS_LIMIT, 0);
    InputType inputType = FIELDS.choice(config, "InputType", "ReaderConfig", InputType.class, null);

    if (source == Source.LIST_OBJECTS_V2) {
      if (inputType != null || config.size() > (config.has("MaxItems") ? 1 : 0)) {
        throw FIELDS.fail("ReaderConfig of an s3:listObjectsV2 ItemReader takes only MaxItems in nestflow.");
      }
      String prefix = FIELDS.string(arguments, "Prefix", where);
      return new ItemReaderSpec(source, bucket, null, null, prefix == null ? "" : prefix, null,
          CsvOptions.firstRow(), maxItems, null);
    }

    if (inputType == null) {
      throw FIELDS.fail("ReaderConfig.InputType is required for an s3:getObject ItemReader"
          + " (JSON, JSONL, CSV or MANIFEST).");
    }
    String key = FIELDS.requiredString(arguments, "Key", where);
    String versionId = FIELDS.string(arguments, "VersionId", where);
    CsvOptions csv = csvOptions(config, inputType);
    String itemsPointer = FIELDS.string(config, "ItemsPointer", "ReaderConfig");
    if (itemsPointer != null) {
      if (inputType != InputType.JSON) {
        throw FIELDS.fail("ReaderConfig.ItemsPointer applies only to InputType JSON.");
      }
      if (!itemsPointer.isEmpty() && !itemsPointer.startsWith("/")) {
        throw FIELDS.fail("ReaderConfig.ItemsPointer must be a JSON Pointer starting with '/', got '" + itemsPointer + "'.");
      }
    }
    ManifestType manifestType = FIELDS.choice(config, "ManifestType", "ReaderConfig", ManifestType.class, null);
    if (manifestType != null && inputType != InputType.MANIFEST) {
      throw FIELDS.fail("ReaderConfig.ManifestType applies only to InputType MANIFEST.");
    }
    if (manifestType == ManifestType.ATHENA_DATA) {
      throw FIELDS.fail("ReaderConfig.ManifestType ATHENA_DATA is not supported by nestflow (S3_INVENTORY is).");
    }
    return new ItemReaderSpec(source, bucket, key, versionId, null, inputType, csv, maxItems, itemsPointer);
  }

  /**
   * The {@code MaxItems} a {@code ReaderConfig.MaxItemsPath} selected, checked as AWS checks it:
   * a value that is not an integer and a negative value fail with {@code States.ItemReaderFailed}.
   *
   * @param value what the path selected
   * @param path the path as written, quoted in the cause
   */
  public static long maxItemsFromPath(JsonNode value, String path) {
    if (value == null || !value.isIntegralNumber()) {
      throw ItemErrors.readerFailed("The MaxItemsPath field refers to value '"
          + (value == null ? "null" : Json.text(value)) + "' which is not a valid integer: " + path);
    }
    long n = value.asLong();
    if (n < 0) {
      throw ItemErrors.readerFailed("field MaxItems must be positive");
    }
    return Math.min(n, MAX_ITEMS_LIMIT);
  }

  private static CsvOptions csvOptions(JsonNode config, InputType inputType) {
    boolean csvFields = config.has("CSVHeaderLocation") || config.has("CSVHeaders") || config.has("CSVDelimiter");
    if (inputType != InputType.CSV) {
      if (csvFields) {
        throw FIELDS.fail("CSVHeaderLocation, CSVHeaders and CSVDelimiter apply only to InputType CSV.");
      }
      return CsvOptions.firstRow();
    }
    CsvOptions.HeaderLocation location = FIELDS.choice(config, "CSVHeaderLocation", "ReaderConfig",
        CsvOptions.HeaderLocation.class, CsvOptions.HeaderLocation.FIRST_ROW);
    Delimiter delimiter = FIELDS.choice(config, "CSVDelimiter", "ReaderConfig", Delimiter.class, Delimiter.COMMA);
    JsonNode given = config.get("CSVHeaders");
    if (location == CsvOptions.HeaderLocation.FIRST_ROW) {
      if (given != null) {
        throw FIELDS.fail("ReaderConfig.CSVHeaders is allowed only with CSVHeaderLocation GIVEN.");
      }
      return new CsvOptions(location, List.of(), delimiter.character);
    }
    if (given == null || !given.isArray() || given.isEmpty()) {
      throw FIELDS.fail("ReaderConfig.CSVHeaders must be a non-empty array of strings when CSVHeaderLocation is GIVEN.");
    }
    List<String> headers = new ArrayList<>(given.size());
    int bytes = 0;
    for (JsonNode h : given) {
      if (!h.isTextual()) {
        throw FIELDS.fail("ReaderConfig.CSVHeaders must hold only strings, got " + BlockFields.describe(h) + ".");
      }
      headers.add(h.textValue());
      bytes += Json.utf8Length(h.textValue()) + 1;
    }
    if (bytes - 1 > MAX_CSV_HEADER_BYTES) {
      throw FIELDS.fail("CSV headers larger than 10 KiB are not supported.");
    }
    CsvOptions options = new CsvOptions(location, headers, delimiter.character);
    CsvItems.checkHeaders(headers);
    return options;
  }
}
