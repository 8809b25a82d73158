package dev.nestflow.infrastructure.items;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.objects.ObjectStore;
import dev.nestflow.infrastructure.objects.S3ObjectStore;
import dev.nestflow.infrastructure.testing.AwsTestClients;
import dev.nestflow.infrastructure.testing.MotoServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** The reader and the writer end to end on S3 as moto_server emulates it, through the SDK adapter. */
class ItemsOnS3MotoTest {
  private static MotoServer moto;
  private static S3Client client;
  private static ObjectStore store;

  @BeforeAll
  static void startMoto() throws Exception {
    moto = MotoServer.start();
    client = AwsTestClients.s3(moto.endpoint());
    store = new S3ObjectStore(client);
    client.createBucket(r -> r.bucket("data"));
  }

  @AfterAll
  static void stopMoto() {
    if (client != null) {
      client.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  @Test
  void aCsvObjectAndAListingAreReadAndResultsWrittenBack() {
    store.put("data", "in/ratings.csv", "user,movie\n1,307\n2,481\n".getBytes(StandardCharsets.UTF_8), "text/csv");
    List<JsonNode> rows = ItemReaders.read(Json.parse("""
        {"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW"},
         "Parameters":{"Bucket":"data","Key":"in/ratings.csv"}}"""), store);
    assertThat(Json.write(Json.array().addAll(rows))).isEqualTo("[{\"user\":\"1\",\"movie\":\"307\"},{\"user\":\"2\",\"movie\":\"481\"}]");

    List<JsonNode> listed = ItemReaders.read(Json.parse("""
        {"Resource":"arn:aws:states:::s3:listObjectsV2","Parameters":{"Bucket":"data","Prefix":"in/"}}"""), store);
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("Etag").textValue()).startsWith("\"").endsWith("\"");
    assertThat(listed.get(0).get("LastModified").isIntegralNumber()).isTrue();

    JsonNode result = ResultWriters.write(Json.parse("""
        {"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"data","Prefix":"out"}}"""),
        ResultWritersTest.RUN, List.of(ResultWritersTest.child(0, "SUCCEEDED")), store);
    String manifestKey = result.get("ResultWriterDetails").get("Key").textValue();
    JsonNode manifest = Json.parse(new String(store.get("data", manifestKey, 1 << 20), StandardCharsets.UTF_8));
    String fileKey = manifest.get("ResultFiles").get("SUCCEEDED").get(0).get("Key").textValue();
    assertThat(Json.parse(new String(store.get("data", fileKey, 1 << 20), StandardCharsets.UTF_8)).get(0).get("Output").textValue())
        .isEqualTo("{\"done\":0}");
  }
}
