package dev.nestflow.infrastructure.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.items.ChildResult;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.objects.InMemoryObjectStore;
import dev.nestflow.infrastructure.objects.ObjectListing;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResultWritersTest {
  static final String RUN = "arn:aws:states:us-east-1:123456789012:mapRun:orders/Map:0e5e0f5e-7bd1-4bd6-9d4c-6e1f3f3c2a10";
  static final String SM = "arn:aws:states:us-east-1:123456789012:stateMachine:orders/Map";
  private InMemoryObjectStore store;

  @BeforeEach
  void bucket() {
    store = new InMemoryObjectStore();
    store.createBucket("out");
  }

  static ChildResult child(int i, String status) {
    boolean ok = status.equals("SUCCEEDED");
    return new ChildResult("arn:aws:states:us-east-1:123456789012:execution:orders/Map:" + i, "c" + i, SM, status,
        Json.parse("{\"i\":" + i + "}"), ok ? Json.parse("{\"done\":" + i + "}") : null,
        ok ? null : "Task.Failed", ok ? null : "item " + i, Instant.EPOCH, Instant.EPOCH.plusSeconds(1), 0,
        ok ? "NOT_REDRIVABLE" : "REDRIVABLE", null);
  }

  private String text(String key) {
    return new String(store.get("out", key, Long.MAX_VALUE), StandardCharsets.UTF_8);
  }

  @Test
  void writesResultFilesThenAManifestAndReturnsWhereItIs() {
    JsonNode result = ResultWriters.write(Json.parse("""
        {"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"out","Prefix":"runs"}}"""),
        RUN, List.of(child(0, "SUCCEEDED"), child(1, "FAILED"), child(2, "SUCCEEDED")), store);
    String dir = "runs/0e5e0f5e-7bd1-4bd6-9d4c-6e1f3f3c2a10/";
    assertThat(Json.write(result)).isEqualTo("{\"MapRunArn\":\"" + RUN + "\",\"ResultWriterDetails\":"
        + "{\"Bucket\":\"out\",\"Key\":\"" + dir + "manifest.json\"}}");
    JsonNode manifest = Json.parse(text(dir + "manifest.json"));
    assertThat(manifest.get("DestinationBucket").textValue()).isEqualTo("out");
    assertThat(manifest.get("MapRunArn").textValue()).isEqualTo(RUN);
    for (String status : List.of("SUCCEEDED", "FAILED")) {
      JsonNode entry = manifest.get("ResultFiles").get(status).get(0);
      assertThat(entry.get("Key").textValue()).isEqualTo(dir + status + "_0.json");
      assertThat(entry.get("Size").asLong()).isEqualTo(text(entry.get("Key").textValue()).length());
    }
    assertThat(manifest.get("ResultFiles").get("PENDING")).isEmpty();
    assertThat(Json.parse(text(dir + "SUCCEEDED_0.json")).findValuesAsText("Name")).containsExactly("c0", "c2");
    assertThat(Json.parse(text(dir + "FAILED_0.json")).get(0).get("Error").textValue()).isEqualTo("Task.Failed");
    ObjectListing listing = store.list("out", "", null);
    assertThat(listing.objects()).hasSize(3);
  }

  @Test
  void tenThousandResultsGoToOneFile() {
    List<ChildResult> results = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      results.add(child(i, "SUCCEEDED"));
    }
    ResultWriters.write(Json.parse("""
        {"Resource":"arn:aws:states:::s3:putObject","Arguments":{"Bucket":"out"},
         "WriterConfig":{"OutputType":"JSONL","Transformation":"COMPACT"}}"""), RUN, results, store);
    String file = text("0e5e0f5e-7bd1-4bd6-9d4c-6e1f3f3c2a10/SUCCEEDED_0.json");
    assertThat(file.lines()).hasSize(10_000);
    assertThat(file.lines().findFirst()).contains("{\"done\":0}");
  }

  @Test
  void writerConfigAloneReturnsTheResultsAndWritesNothing() {
    JsonNode result = ResultWriters.write(Json.parse("{\"WriterConfig\":{\"Transformation\":\"COMPACT\"}}"),
        RUN, List.of(child(0, "SUCCEEDED"), child(1, "SUCCEEDED")), store);
    assertThat(Json.write(result)).isEqualTo("[{\"done\":0},{\"done\":1}]");
    assertThat(store.list("out", "", null).objects()).isEmpty();
  }

  @Test
  void aBucketThatCannotBeWrittenFailsTheWriter() {
    assertThatThrownBy(() -> ResultWriters.write(Json.parse("""
        {"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"missing","Prefix":"p"}}"""),
        RUN, List.of(child(0, "SUCCEEDED")), store))
        .isInstanceOfSatisfying(StatesException.class, e -> assertThat(e.error()).isEqualTo("States.ResultWriterFailed"))
        .hasMessageContaining("NoSuchBucket");
  }
}
