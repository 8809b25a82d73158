package dev.nestflow.infrastructure.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.objects.InMemoryObjectStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ItemReadersTest {
  private InMemoryObjectStore memory;
  private CountingStore store;

  @BeforeEach
  void bucket() {
    memory = new InMemoryObjectStore();
    memory.createBucket("in");
    store = new CountingStore(memory);
  }

  private void put(String key, String text) {
    memory.put("in", key, text.getBytes(StandardCharsets.UTF_8), "text/plain");
  }

  private static JsonNode getObject(String inputType, String key, String config) {
    return Json.parse("{\"Resource\":\"arn:aws:states:::s3:getObject\",\"ReaderConfig\":{\"InputType\":\"" + inputType
        + "\"" + config + "},\"Parameters\":{\"Bucket\":\"in\",\"Key\":\"" + key + "\"}}");
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> readerFails(ThrowingCallable call) {
    return assertThatThrownBy(call).isInstanceOfSatisfying(StatesException.class,
        e -> assertThat(e.error()).isEqualTo("States.ItemReaderFailed"));
  }

  @Test
  void aListingYieldsOneItemPerObjectUnderThePrefixAcrossPages() {
    IntStream.range(0, 2500).forEach(i -> put(String.format("data/%04d.txt", i), "x".repeat(i % 7)));
    put("elsewhere.txt", "no");
    List<JsonNode> items = ItemReaders.read(Json.parse("""
        {"Resource":"arn:aws:states:::s3:listObjectsV2","Parameters":{"Bucket":"in","Prefix":"data/"}}"""), store);
    assertThat(items).hasSize(2500);
    assertThat(items.get(6).get("Key").textValue()).isEqualTo("data/0006.txt");
    assertThat(items.get(6).get("Size").asLong()).isEqualTo(6);
    assertThat(items.get(6).fieldNames()).toIterable().containsExactly("Etag", "Key", "LastModified", "Size", "StorageClass");
    assertThat(store.lists.get()).isEqualTo(3);
  }

  @Test
  void maxItemsStopsTheListingAtThePageThatHoldsTheLastItem() {
    IntStream.range(0, 2500).forEach(i -> put(String.format("data/%04d.txt", i), "x"));
    List<JsonNode> items = ItemReaders.read(Json.parse("""
        {"Resource":"arn:aws:states:::s3:listObjectsV2","ReaderConfig":{"MaxItems":1200},
         "Parameters":{"Bucket":"in"}}"""), store);
    assertThat(items).hasSize(1200);
    assertThat(store.lists.get()).isEqualTo(2);
  }

  @Test
  void jsonJsonLinesAndCsvObjectsYieldTheirItems() {
    put("a.json", "{\"rows\":[{\"id\":1},{\"id\":2}]}");
    put("a.jsonl", "{\"id\":1}\n{\"id\":2}\n");
    put("a.csv", "id;name\n1;\"x;y\"\n2;z\n");
    assertThat(Json.write(Json.array().addAll(ItemReaders.read(getObject("JSON", "a.json", ",\"ItemsPointer\":\"/rows\""), store))))
        .isEqualTo("[{\"id\":1},{\"id\":2}]");
    assertThat(ItemReaders.read(getObject("JSONL", "a.jsonl", ""), store)).hasSize(2);
    assertThat(Json.write(Json.array().addAll(ItemReaders.read(getObject("CSV", "a.csv", ",\"CSVDelimiter\":\"SEMICOLON\""), store))))
        .isEqualTo("[{\"id\":\"1\",\"name\":\"x;y\"},{\"id\":\"2\",\"name\":\"z\"}]");
    assertThat(store.closes.get()).isGreaterThanOrEqualTo(store.opens.get());
  }

  @Test
  void tenThousandItemsAreStreamedOneAtATime() {
    String array = IntStream.range(0, 10_000).mapToObj(i -> "{\"n\":" + i + ",\"pad\":\"" + "p".repeat(40) + "\"}")
        .collect(Collectors.joining(",", "[", "]"));
    put("big.json", array);
    try (Stream<JsonNode> items = ItemReaders.stream(getObject("JSON", "big.json", ""), store)) {
      assertThat(items.mapToLong(n -> n.get("n").asLong()).sum()).isEqualTo(10_000L * 9_999 / 2);
    }
    assertThat(store.closes.get()).isPositive();
  }

  @Test
  void readingStopsAtMaxItemsWithoutReadingTheRestOfTheObject() {
    String rows = IntStream.range(0, 200_000).mapToObj(i -> i + ",row" + i).collect(Collectors.joining("\n", "n,v\n", "\n"));
    put("long.csv", rows);
    assertThat(ItemReaders.read(getObject("CSV", "long.csv", ",\"MaxItems\":10"), store)).hasSize(10);
    assertThat(store.bytesRead.get()).isLessThan(rows.length() / 10);
  }

  @Test
  void anObjectLargerThanTheCapFailsTheReaderWithoutBeingReadWhole() {
    put("huge.jsonl", "1\n".repeat(100_000));
    readerFails(() -> {
      try (Stream<JsonNode> items = ItemReaders.stream(getObject("JSONL", "huge.jsonl", ""), store, 10_000)) {
        items.count();
      }
    }).hasMessageContaining("larger than the 10000 bytes");
    assertThat(store.bytesRead.get()).isLessThan(20_000);
  }

  @Test
  void missingObjectsAndBucketsFailTheReaderWithS3sCode() {
    readerFails(() -> ItemReaders.read(getObject("JSON", "nope.json", ""), store))
        .hasMessageContaining("s3:getObject on s3://in/nope.json failed: NoSuchKey");
    readerFails(() -> ItemReaders.read(Json.parse("""
        {"Resource":"arn:aws:states:::s3:listObjectsV2","Parameters":{"Bucket":"gone"}}"""), store))
        .hasMessageContaining("NoSuchBucket");
  }

  @Test
  void malformedContentAndUnsupportedFieldsFailTheReader() {
    put("bad.json", "[1,2,");
    readerFails(() -> ItemReaders.read(getObject("JSON", "bad.json", ""), store));
    readerFails(() -> ItemReaders.read(Json.parse("""
        {"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSON"},
         "Parameters":{"Bucket":"in","Key":"bad.json","VersionId":"3"}}"""), store)).hasMessageContaining("VersionId");
  }

  @Test
  void anInventoryManifestYieldsTheRowsOfItsDataFilesOneFileAtATime() throws Exception {
    memory.createBucket("inventories");
    memory.put("inventories", "inv/data/1.csv.gz", gzip("\"src\",\"a.txt\",\"1\"\n\"src\",\"b.txt\",\"2\"\n"), "application/gzip");
    memory.put("inventories", "inv/data/2.csv.gz", gzip("\"src\",\"c.txt\",\"3\"\n"), "application/gzip");
    put("inv/manifest.json", """
        {"sourceBucket":"src","destinationBucket":"arn:aws:s3:::inventories","fileFormat":"CSV",
         "fileSchema":"Bucket, Key, Size","files":[{"key":"inv/data/1.csv.gz"},{"key":"inv/data/2.csv.gz"}]}""");
    List<JsonNode> items = ItemReaders.read(getObject("MANIFEST", "inv/manifest.json", ""), store);
    assertThat(Json.write(Json.array().addAll(items))).isEqualTo("[{\"Bucket\":\"src\",\"Key\":\"a.txt\",\"Size\":\"1\"},"
        + "{\"Bucket\":\"src\",\"Key\":\"b.txt\",\"Size\":\"2\"},{\"Bucket\":\"src\",\"Key\":\"c.txt\",\"Size\":\"3\"}]");
    assertThat(store.opens.get()).isEqualTo(2);
    assertThat(store.closes.get()).isEqualTo(2);

    store.opens.set(0);
    assertThat(ItemReaders.read(getObject("MANIFEST", "inv/manifest.json", ",\"MaxItems\":2"), store)).hasSize(2);
    assertThat(store.opens.get()).isEqualTo(1);
  }

  private static byte[] gzip(String text) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }
}
