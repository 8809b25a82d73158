package dev.nestflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.items.ChildResult;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.items.ItemReaders;
import dev.nestflow.infrastructure.items.ResultWriters;
import dev.nestflow.infrastructure.objects.InMemoryObjectStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a Distributed Map's data plane costs for N items, on the in-memory object store (so the
 * numbers are nestflow's parsing and writing, not S3's latency): items read per second, and the
 * heap the items hold while streamed (measured after a GC halfway through the stream) against the
 * heap they hold when collected into a list. One JSON line per scenario.
 *
 * <p>Run: {@code java -cp bench/target/nestflow-bench.jar dev.nestflow.bench.ItemsBench [items]}.
 */
public final class ItemsBench {
  private ItemsBench() {}

  /** One scenario's numbers. */
  public record Result(String scenario, int items, long millis, long streamedHeapBytes, long collectedHeapBytes) {
    String json() {
      return String.format("{\"scenario\":\"%s\",\"items\":%d,\"ms\":%d,\"items_per_s\":%d,"
          + "\"heap_streamed_bytes\":%d,\"heap_collected_bytes\":%d}", scenario, items, millis,
          millis == 0 ? items * 1000L : items * 1000L / millis, streamedHeapBytes, collectedHeapBytes);
    }
  }

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    for (Result r : run(n)) {
      System.out.println(r.json());
    }
  }

  /** Runs every scenario with {@code n} items. */
  public static List<Result> run(int n) {
    InMemoryObjectStore store = new InMemoryObjectStore();
    store.createBucket("in");
    StringBuilder json = new StringBuilder("[");
    StringBuilder csv = new StringBuilder("id,name,score\n");
    for (int i = 0; i < n; i++) {
      json.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"name\":\"item-").append(i)
          .append("\",\"tags\":[\"a\",\"b\"],\"score\":").append(i % 97).append('}');
      csv.append(i).append(",item-").append(i).append(',').append(i % 97).append('\n');
    }
    json.append(']');
    store.put("in", "items.json", json.toString().getBytes(StandardCharsets.UTF_8), "application/json");
    store.put("in", "items.csv", csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv");
    json = null;
    csv = null;
    int objects = Math.min(n, 10_000);
    for (int i = 0; i < objects; i++) {
      store.put("in", String.format("objects/%06d", i), new byte[] {1}, "application/octet-stream");
    }
    List<Result> results = new ArrayList<>();
    results.add(read("json-array", reader("JSON", "items.json"), store, n));
    results.add(read("csv", reader("CSV", "items.csv"), store, n));
    results.add(read("list-objects-v2", Json.parse(
        "{\"Resource\":\"arn:aws:states:::s3:listObjectsV2\",\"Parameters\":{\"Bucket\":\"in\",\"Prefix\":\"objects/\"}}"),
        store, objects));
    results.add(write(store, n));
    return results;
  }

  private static JsonNode reader(String type, String key) {
    return Json.parse("{\"Resource\":\"arn:aws:states:::s3:getObject\",\"ReaderConfig\":{\"InputType\":\"" + type
        + "\"},\"Parameters\":{\"Bucket\":\"in\",\"Key\":\"" + key + "\"}}");
  }

  private static Result read(String scenario, JsonNode block, InMemoryObjectStore store, int expected) {
    long base = usedAfterGc();
    long start = System.nanoTime();
    long streamed = 0;
    int count = 0;
    try (Stream<JsonNode> items = ItemReaders.stream(block, store)) {
      for (Iterator<JsonNode> it = items.iterator(); it.hasNext(); it.next()) {
        if (++count == expected / 2) {
          long pause = System.nanoTime();
          streamed = Math.max(0, usedAfterGc() - base);
          start += System.nanoTime() - pause;
        }
      }
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    check(scenario, count, expected);
    List<JsonNode> all = ItemReaders.read(block, store);
    long collected = Math.max(0, usedAfterGc() - base);
    check(scenario, all.size(), expected);
    return new Result(scenario, count, millis, streamed, collected);
  }

  private static Result write(InMemoryObjectStore store, int n) {
    store.createBucket("out");
    List<ChildResult> children = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      children.add(new ChildResult("arn:aws:states:us-east-1:123456789012:execution:bench/Map:" + i, "c" + i,
          "arn:aws:states:us-east-1:123456789012:stateMachine:bench/Map", "SUCCEEDED", Json.parse("{\"id\":" + i + "}"),
          Json.parse("{\"ok\":" + i + "}"), null, null, Instant.EPOCH, Instant.EPOCH, 0, "NOT_REDRIVABLE", null));
    }
    long start = System.nanoTime();
    JsonNode result = ResultWriters.write(Json.parse(
        "{\"Resource\":\"arn:aws:states:::s3:putObject\",\"Parameters\":{\"Bucket\":\"out\",\"Prefix\":\"runs\"}}"),
        "arn:aws:states:us-east-1:123456789012:mapRun:bench/Map:run-1", children, store);
    long millis = (System.nanoTime() - start) / 1_000_000;
    check("result-writer", result.get("ResultWriterDetails") == null ? 0 : n, n);
    return new Result("result-writer", n, millis, 0, 0);
  }

  private static void check(String scenario, int got, int expected) {
    if (got != expected) {
      throw new IllegalStateException(scenario + ": read " + got + " items, expected " + expected);
    }
  }

  private static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
