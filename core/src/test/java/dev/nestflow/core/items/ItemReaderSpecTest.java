package dev.nestflow.core.items;

import static dev.nestflow.core.items.Items.json;
import static dev.nestflow.core.items.Items.readerFails;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ItemReaderSpecTest {

  @Test
  void readsAGetObjectCsvBlockWithGivenHeadersAndDelimiter() {
    ItemReaderSpec spec = ItemReaderSpec.parse(json("""
        {"Resource":"arn:aws:states:::s3:getObject",
         "ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"GIVEN","CSVHeaders":["a","b"],
                         "CSVDelimiter":"PIPE","MaxItems":7},
         "Parameters":{"Bucket":"b","Key":"k.csv","VersionId":"v1"}}"""));
    assertThat(spec.source()).isEqualTo(ItemReaderSpec.Source.GET_OBJECT);
    assertThat(spec.bucket()).isEqualTo("b");
    assertThat(spec.key()).isEqualTo("k.csv");
    assertThat(spec.versionId()).isEqualTo("v1");
    assertThat(spec.inputType()).isEqualTo(ItemReaderSpec.InputType.CSV);
    assertThat(spec.csv()).isEqualTo(new CsvOptions(CsvOptions.HeaderLocation.GIVEN, List.of("a", "b"), '|'));
    assertThat(spec.maxItems()).isEqualTo(7);
    assertThat(spec.limited()).isTrue();
  }

  @Test
  void csvDefaultsToFirstRowAndComma() {
    ItemReaderSpec spec = ItemReaderSpec.parse(json("""
        {"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"CSV"},
         "Arguments":{"Bucket":"b","Key":"k"}}"""));
    assertThat(spec.csv()).isEqualTo(CsvOptions.firstRow());
    assertThat(spec.limited()).isFalse();
  }

  @Test
  void everyDelimiterAwsNamesMapsToItsCharacter() {
    String[][] cases = {{"COMMA", ","}, {"PIPE", "|"}, {"SEMICOLON", ";"}, {"SPACE", " "}, {"TAB", "\t"}};
    for (String[] c : cases) {
      ItemReaderSpec spec = ItemReaderSpec.parse(json("{\"Resource\":\"arn:aws:states:::s3:getObject\","
          + "\"ReaderConfig\":{\"InputType\":\"CSV\",\"CSVDelimiter\":\"" + c[0] + "\"},"
          + "\"Parameters\":{\"Bucket\":\"b\",\"Key\":\"k\"}}"));
      assertThat(spec.csv().delimiter()).as(c[0]).isEqualTo(c[1].charAt(0));
    }
  }

  @Test
  void readsAListingWithItsPrefixInAnyPartition() {
    ItemReaderSpec spec = ItemReaderSpec.parse(json("""
        {"Resource":"arn:aws-cn:states:::s3:listObjectsV2","ReaderConfig":{"MaxItems":3},
         "Parameters":{"Bucket":"b","Prefix":"in/"}}"""));
    assertThat(spec.source()).isEqualTo(ItemReaderSpec.Source.LIST_OBJECTS_V2);
    assertThat(spec.prefix()).isEqualTo("in/");
    assertThat(spec.key()).isNull();
    assertThat(spec.maxItems()).isEqualTo(3);
  }

  @Test
  void aListingWithoutPrefixListsTheWholeBucket() {
    ItemReaderSpec spec = ItemReaderSpec.parse(json("""
        {"Resource":"arn:aws:states:::s3:listObjectsV2","Parameters":{"Bucket":"b"}}"""));
    assertThat(spec.prefix()).isEmpty();
  }

  @Test
  void refusesWhatNestflowDoesNotRunInsteadOfIgnoringIt() {
    readerFails(() -> ItemReaderSpec.parse(json("""
        {"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"PARQUET"},
         "Parameters":{"Bucket":"b","Key":"k"}}"""))).hasMessageContaining("'InputType'").hasMessageContaining("PARQUET");
    readerFails(() -> ItemReaderSpec.parse(json("""
        {"Resource":"arn:aws:states:::s3:listObjectsV2","ReaderConfig":{"Transformation":"LOAD_AND_FLATTEN"},
         "Parameters":{"Bucket":"b"}}"""))).hasMessageContaining("'Transformation'");
    readerFails(() -> ItemReaderSpec.parse(json("""
        {"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"MANIFEST","ManifestType":"ATHENA_DATA"},
         "Parameters":{"Bucket":"b","Key":"k"}}"""))).hasMessageContaining("ATHENA_DATA");
    readerFails(() -> ItemReaderSpec.parse(json("""
        {"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSON"},
         "Parameters":{"Bucket":"b","Key":"k","Range":"bytes=0-9"}}"""))).hasMessageContaining("'Range'");
    readerFails(() -> ItemReaderSpec.parse(json("""
        {"Resource":"arn:aws:states:::dynamodb:scan","Parameters":{"Bucket":"b"}}""")))
        .hasMessageContaining("arn:aws:states:::dynamodb:scan");
    readerFails(() -> ItemReaderSpec.parse(json("""
        {"Resource":"arn:aws:states:::s3:getObject","Parameters":{"Bucket":"b","Key":"k"},"Comment":"x"}""")))
        .hasMessageContaining("'Comment'");
  }

  @Test
  void aGetObjectNeedsItsInputTypeAndKey() {
    readerFails(() -> ItemReaderSpec.parse(json("""
        {"Resource":"arn:aws:states:::s3:getObject","Parameters":{"Bucket":"b","Key":"k"}}""")))
        .hasMessageContaining("InputType is required");
    readerFails(() -> ItemReaderSpec.parse(json("""
        {"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSON"},"Parameters":{"Bucket":"b"}}""")))
        .hasMessageContaining("'Key'");
  }

  @Test
  void maxItemsIsBoundedAsAwsBoundsIt() {
    readerFails(() -> ItemReaderSpec.parse(json("""
        {"Resource":"arn:aws:states:::s3:listObjectsV2","ReaderConfig":{"MaxItems":100000001},
         "Parameters":{"Bucket":"b"}}"""))).hasMessageContaining("100000000");
    readerFails(() -> ItemReaderSpec.parse(json("""
        {"Resource":"arn:aws:states:::s3:listObjectsV2","ReaderConfig":{"MaxItemsPath":"$.n"},
         "Parameters":{"Bucket":"b"}}"""))).hasMessageContaining("must be resolved");
  }

  @Test
  void maxItemsFromAPathIsCheckedWithAwsCauses() {
    assertThat(ItemReaderSpec.maxItemsFromPath(json("5"), "$.n")).isEqualTo(5);
    assertThat(ItemReaderSpec.maxItemsFromPath(json("500000000"), "$.n")).isEqualTo(100_000_000);
    readerFails(() -> ItemReaderSpec.maxItemsFromPath(json("\"x\""), "$.n"))
        .hasMessageContaining("The MaxItemsPath field refers to value 'x' which is not a valid integer: $.n");
    readerFails(() -> ItemReaderSpec.maxItemsFromPath(json("-1"), "$.n"))
        .hasMessageContaining("field MaxItems must be positive");
  }

  @Test
  void givenHeadersMustBeDistinctStringsUnderTenKibibytes() {
    readerFails(() -> ItemReaderSpec.parse(json("""
        {"Resource":"arn:aws:states:::s3:getObject",
         "ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"GIVEN","CSVHeaders":["a","a"]},
         "Parameters":{"Bucket":"b","Key":"k"}}"""))).hasMessageContaining("CSV headers cannot contain duplicates.");
    readerFails(() -> ItemReaderSpec.parse(json("""
        {"Resource":"arn:aws:states:::s3:getObject",
         "ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"GIVEN"},
         "Parameters":{"Bucket":"b","Key":"k"}}"""))).hasMessageContaining("CSVHeaders");
    String big = "\"" + "h".repeat(11 * 1024) + "\"";
    readerFails(() -> ItemReaderSpec.parse(json("{\"Resource\":\"arn:aws:states:::s3:getObject\","
        + "\"ReaderConfig\":{\"InputType\":\"CSV\",\"CSVHeaderLocation\":\"GIVEN\",\"CSVHeaders\":[" + big + "]},"
        + "\"Parameters\":{\"Bucket\":\"b\",\"Key\":\"k\"}}"))).hasMessageContaining("10 KiB");
  }

  @Test
  void itemsPointerAppliesToJsonOnlyAndIsAJsonPointer() {
    ItemReaderSpec spec = ItemReaderSpec.parse(json("""
        {"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSON","ItemsPointer":"/data/items"},
         "Parameters":{"Bucket":"b","Key":"k"}}"""));
    assertThat(spec.itemsPointer()).isEqualTo("/data/items");
    readerFails(() -> ItemReaderSpec.parse(json("""
        {"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSONL","ItemsPointer":"/a"},
         "Parameters":{"Bucket":"b","Key":"k"}}""")));
    readerFails(() -> ItemReaderSpec.parse(json("""
        {"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSON","ItemsPointer":"$.a"},
         "Parameters":{"Bucket":"b","Key":"k"}}""")));
  }
}
