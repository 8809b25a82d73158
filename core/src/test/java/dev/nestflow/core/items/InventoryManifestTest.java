package dev.nestflow.core.items;

import static dev.nestflow.core.items.Items.all;
import static dev.nestflow.core.items.Items.bytes;
import static dev.nestflow.core.items.Items.json;
import static dev.nestflow.core.items.Items.readerFails;
import static dev.nestflow.core.items.Items.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class InventoryManifestTest {
  private static final String MANIFEST = """
      {"sourceBucket":"source","destinationBucket":"arn:aws:s3:::inventories",
       "version":"2016-11-30","creationTimestamp":"1514944800000","fileFormat":"CSV",
       "fileSchema":"Bucket, Key, Size, LastModifiedDate",
       "files":[{"key":"source/config/data/a.csv.gz","size":2147,"MD5checksum":"f11166069f1990abeb9c97ace9cdfabc"},
                {"key":"source/config/data/b.csv.gz","size":2147,"MD5checksum":"f11166069f1990abeb9c97ace9cdfabd"}]}""";

  @Test
  void readsTheSchemaTheDataFilesAndTheDestinationBucketName() {
    InventoryManifest manifest = InventoryManifest.parse(json(MANIFEST));
    assertThat(manifest.sourceBucket()).isEqualTo("source");
    assertThat(manifest.destinationBucket()).isEqualTo("inventories");
    assertThat(manifest.schema()).containsExactly("Bucket", "Key", "Size", "LastModifiedDate");
    assertThat(manifest.dataFileKeys()).containsExactly("source/config/data/a.csv.gz", "source/config/data/b.csv.gz");
  }

  @Test
  void eachRowOfAGzippedDataFileIsAnItemKeyedByTheSchema() throws Exception {
    String rows = "\"source\",\"csvDataset/titles.csv\",\"3399671\",\"2022-11-16T00:29:32.000Z\"\n"
        + "\"source\",\"csvDataset/\",\"0\",\"2022-11-16T00:27:19.000Z\"\n";
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(rows.getBytes(StandardCharsets.UTF_8));
    }
    InventoryManifest manifest = InventoryManifest.parse(json(MANIFEST));
    String expected = "[{\"Bucket\":\"source\",\"Key\":\"csvDataset/titles.csv\",\"Size\":\"3399671\","
        + "\"LastModifiedDate\":\"2022-11-16T00:29:32.000Z\"},{\"Bucket\":\"source\",\"Key\":\"csvDataset/\","
        + "\"Size\":\"0\",\"LastModifiedDate\":\"2022-11-16T00:27:19.000Z\"}]";
    assertThat(text(all(manifest.items(new ByteArrayInputStream(gz.toByteArray()))))).isEqualTo(expected);
    assertThat(text(all(manifest.items(bytes(rows))))).isEqualTo(expected);
  }

  @Test
  void onlyCsvInventoriesAreRead() {
    readerFails(() -> InventoryManifest.parse(json("{\"fileFormat\":\"Parquet\",\"fileSchema\":\"a\",\"files\":[]}")))
        .hasMessageContaining("Parquet");
    readerFails(() -> InventoryManifest.parse(json("{\"fileFormat\":\"CSV\",\"files\":[]}")))
        .hasMessageContaining("'fileSchema'");
    readerFails(() -> InventoryManifest.parse(json("{\"fileSchema\":\"a\"}"))).hasMessageContaining("'files'");
    readerFails(() -> InventoryManifest.parse(json("[]")));
    assertThat(InventoryManifest.parse(json("{\"fileSchema\":\"Bucket,Key\",\"files\":[]}")).dataFileKeys())
        .isEqualTo(List.of());
  }
}
