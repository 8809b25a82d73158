package dev.nestflow.core.items;

import static dev.nestflow.core.items.Items.json;
import static dev.nestflow.core.items.Items.readerFails;
import static dev.nestflow.core.items.Items.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ItemBatcherTest {
  private static List<JsonNode> numbers(int n) {
    List<JsonNode> out = new ArrayList<>();
    IntStream.range(0, n).forEach(i -> out.add(Json.NODES.numberNode(i)));
    return out;
  }

  @Test
  void groupsConsecutiveItemsByCount() {
    ItemBatcher batcher = ItemBatcher.parse(json("{\"MaxItemsPerBatch\":2}"));
    assertThat(text(batcher.batch(numbers(5))))
        .isEqualTo("[{\"Items\":[0,1]},{\"Items\":[2,3]},{\"Items\":[4]}]");
    assertThat(batcher.batch(List.of())).isEmpty();
  }

  @Test
  void batchInputOpensEveryBatch() {
    ItemBatcher batcher = ItemBatcher.parse(json("{\"MaxItemsPerBatch\":3,\"BatchInput\":{\"job\":\"x\"}}"));
    assertThat(text(batcher.batch(numbers(4))))
        .isEqualTo("[{\"BatchInput\":{\"job\":\"x\"},\"Items\":[0,1,2]},{\"BatchInput\":{\"job\":\"x\"},\"Items\":[3]}]");
  }

  @Test
  void aBatchHoldsAsManyItemsAsItsCompactJsonFitsInMaxInputBytes() {
    List<JsonNode> items = List.of(json("\"aaaa\""), json("\"bbbb\""), json("\"cccc\""));
    // {"Items":["aaaa","bbbb"]} is 25 bytes; a third item would make it 32
    String two = "{\"Items\":[\"aaaa\",\"bbbb\"]}";
    assertThat(Json.utf8Size(json(two))).isEqualTo(25);
    assertThat(text(new ItemBatcher(0, 25, null).batch(items)))
        .isEqualTo("[" + two + ",{\"Items\":[\"cccc\"]}]");
    assertThat(text(new ItemBatcher(0, 24, null).batch(items)))
        .isEqualTo("[{\"Items\":[\"aaaa\"]},{\"Items\":[\"bbbb\"]},{\"Items\":[\"cccc\"]}]");
  }

  @Test
  void bytesAreCountedInUtf8WithTheBatchInputIncluded() {
    List<JsonNode> items = List.of(json("\"é\""), json("\"é\""));
    // {"BatchInput":1,"Items":["é","é"]} is 36 bytes (é is 2 bytes in UTF-8)
    ItemBatcher fits = new ItemBatcher(0, 36, json("1"));
    ItemBatcher tight = new ItemBatcher(0, 35, json("1"));
    assertThat(fits.batch(items)).hasSize(1);
    assertThat(tight.batch(items)).hasSize(2);
    for (ObjectNode batch : fits.batch(items)) {
      assertThat(Json.utf8Size(batch)).isLessThanOrEqualTo(36);
    }
  }

  @Test
  void bothLimitsApplyAndTheFirstReachedClosesTheBatch() {
    ItemBatcher batcher = new ItemBatcher(3, 20, null);
    // {"Items":[0,1,2]} is 17 bytes and the count closes it; {"Items":[10,11,12]} is exactly 20 bytes
    List<JsonNode> items = new ArrayList<>(numbers(3));
    items.addAll(List.of(json("10"), json("11"), json("12"), json("13")));
    assertThat(text(batcher.batch(items)))
        .isEqualTo("[{\"Items\":[0,1,2]},{\"Items\":[10,11,12]},{\"Items\":[13]}]");
  }

  @Test
  void withoutLimitsBatchesStopAtTheAwsPayloadLimit() {
    String value = "x".repeat(1000);
    List<JsonNode> items = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      items.add(Json.NODES.textNode(value));
    }
    List<ObjectNode> batches = new ItemBatcher(0, 0, null).batch(items);
    assertThat(batches).hasSizeGreaterThan(2);
    assertThat(batches).allSatisfy(b -> assertThat(Json.utf8Size(b)).isLessThanOrEqualTo(256 * 1024));
    assertThat(batches.stream().mapToInt(b -> b.get("Items").size()).sum()).isEqualTo(600);
  }

  @Test
  void anItemTooLargeForAnyBatchFailsTheReader() {
    Iterator<ObjectNode> batches = new ItemBatcher(0, 20, null)
        .batches(List.of(json("1"), json("\"" + "y".repeat(30) + "\"")).iterator());
    assertThat(text(List.of(batches.next()))).isEqualTo("[{\"Items\":[1]}]");
    readerFails(batches::next).hasMessageContaining("index 1").hasMessageContaining("32 bytes");
  }

  @Test
  void batchesAreMadeLazily() {
    Iterator<JsonNode> endless = new Iterator<>() {
      private int n;

      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public JsonNode next() {
        return Json.NODES.numberNode(n++);
      }
    };
    Iterator<ObjectNode> batches = new ItemBatcher(2, 0, null).batches(endless);
    assertThat(text(List.of(batches.next(), batches.next()))).isEqualTo("[{\"Items\":[0,1]},{\"Items\":[2,3]}]");
  }

  @Test
  void refusesUnresolvedPathsUnknownFieldsAndOutOfRangeSizes() {
    readerFails(() -> ItemBatcher.parse(json("{\"MaxItemsPerBatchPath\":\"$.n\"}"))).hasMessageContaining("resolved");
    readerFails(() -> ItemBatcher.parse(json("{\"MaxItemsPerBatch\":2,\"Other\":1}"))).hasMessageContaining("'Other'");
    readerFails(() -> ItemBatcher.parse(json("{\"MaxInputBytesPerBatch\":262145}"))).hasMessageContaining("262144");
    readerFails(() -> ItemBatcher.parse(json("{\"MaxItemsPerBatch\":-1}")));
    readerFails(() -> ItemBatcher.parse(json("{\"MaxItemsPerBatch\":\"2\"}"))).hasMessageContaining("integer");
  }
}
