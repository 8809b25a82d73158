package dev.nestflow.infrastructure.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nestflow.core.items.ListedObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ObjectStore} adapter must do, run against the in-memory store and against S3
 * on moto_server: what an ItemReader and a ResultWriter rely on, and S3's error codes.
 */
abstract class ObjectStoreContract {
  protected ObjectStore store;
  protected String bucket;

  /** A fresh store (may be shared between tests when the bucket names differ). */
  protected abstract ObjectStore store();

  /** Creates a bucket in the store. */
  protected abstract void createBucket(String name);

  /** Times the store stamps may lag or lead this JVM's clock by this much. */
  protected Duration clockSkew() {
    return Duration.ofMinutes(2);
  }

  @BeforeEach
  void freshBucket() {
    store = store();
    bucket = "b-" + UUID.randomUUID().toString().substring(0, 8);
    createBucket(bucket);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anObjectPutIsReadBackWholeAndAsAStream() throws Exception {
    store.put(bucket, "in/items.json", utf8("[1,2,3]"), "application/json");
    assertThat(store.get(bucket, "in/items.json", 1024)).isEqualTo(utf8("[1,2,3]"));
    try (InputStream in = store.open(bucket, "in/items.json")) {
      assertThat(in.readAllBytes()).isEqualTo(utf8("[1,2,3]"));
    }
  }

  @Test
  void aPutReplacesTheObject() {
    store.put(bucket, "k", utf8("old"), "text/plain");
    store.put(bucket, "k", utf8("new!"), "text/plain");
    assertThat(store.get(bucket, "k", 100)).isEqualTo(utf8("new!"));
    assertThat(store.list(bucket, "", null).objects()).extracting(ListedObject::size).containsExactly(4L);
  }

  @Test
  void getRefusesAnObjectOverTheCapAndReadsOneExactlyAtIt() {
    store.put(bucket, "k", new byte[100], "application/octet-stream");
    assertThat(store.get(bucket, "k", 100)).hasSize(100);
    assertThatThrownBy(() -> store.get(bucket, "k", 99))
        .isInstanceOfSatisfying(ObjectStoreException.class, e -> assertThat(e.code()).isEqualTo(ObjectStoreException.TOO_LARGE));
  }

  @Test
  void missingKeysAndBucketsFailWithS3sCodes() {
    assertThatThrownBy(() -> store.get(bucket, "nope", 10))
        .isInstanceOfSatisfying(ObjectStoreException.class, e -> assertThat(e.code()).isEqualTo("NoSuchKey"));
    assertThatThrownBy(() -> store.open(bucket, "nope").close())
        .isInstanceOfSatisfying(ObjectStoreException.class, e -> assertThat(e.code()).isEqualTo("NoSuchKey"));
    String missing = "missing-" + UUID.randomUUID().toString().substring(0, 8);
    assertThatThrownBy(() -> store.get(missing, "k", 10))
        .isInstanceOfSatisfying(ObjectStoreException.class, e -> assertThat(e.code()).isEqualTo("NoSuchBucket"));
    assertThatThrownBy(() -> store.list(missing, "", null))
        .isInstanceOfSatisfying(ObjectStoreException.class, e -> assertThat(e.code()).isEqualTo("NoSuchBucket"));
    assertThatThrownBy(() -> store.put(missing, "k", utf8("x"), "text/plain"))
        .isInstanceOfSatisfying(ObjectStoreException.class, e -> assertThat(e.code()).isEqualTo("NoSuchBucket"));
  }

  @Test
  void aListingShowsKeysUnderThePrefixInOrderWithTheirSizeEtagAndDate() {
    Instant before = Instant.now().minus(clockSkew());
    store.put(bucket, "data/b.csv", utf8("bb"), "text/csv");
    store.put(bucket, "data/a.csv", utf8("a"), "text/csv");
    store.put(bucket, "datum.csv", utf8("x"), "text/csv");
    store.put(bucket, "other/c.csv", utf8("ccc"), "text/csv");
    Instant after = Instant.now().plus(clockSkew());

    ObjectListing listing = store.list(bucket, "data/", null);
    assertThat(listing.nextContinuationToken()).isNull();
    assertThat(listing.objects()).extracting(ListedObject::key).containsExactly("data/a.csv", "data/b.csv");
    ListedObject a = listing.objects().get(0);
    assertThat(a.size()).isEqualTo(1);
    assertThat(a.etag()).isEqualTo("\"0cc175b9c0f1b6a831c399e269772661\""); // MD5 of "a", quoted as S3 gives it
    assertThat(a.storageClass()).isEqualTo("STANDARD");
    assertThat(a.lastModified()).isBetween(before, after);
    assertThat(store.list(bucket, "", null).objects()).extracting(ListedObject::key)
        .containsExactly("data/a.csv", "data/b.csv", "datum.csv", "other/c.csv");
    assertThat(store.list(bucket, "zzz", null).objects()).isEmpty();
  }

  @Test
  void aLongListingComesInPagesOfAThousandLinkedByContinuationTokens() {
    List<String> keys = IntStream.range(0, 1003).mapToObj(i -> String.format("p/%05d", i)).toList();
    keys.parallelStream().forEach(k -> store.put(bucket, k, utf8("x"), "text/plain"));
    store.put(bucket, "q/outside", utf8("x"), "text/plain");

    ObjectListing first = store.list(bucket, "p/", null);
    assertThat(first.objects()).hasSize(1000);
    assertThat(first.nextContinuationToken()).isNotNull();
    ObjectListing second = store.list(bucket, "p/", first.nextContinuationToken());
    assertThat(second.nextContinuationToken()).isNull();
    List<String> listed = new ArrayList<>();
    first.objects().forEach(o -> listed.add(o.key()));
    second.objects().forEach(o -> listed.add(o.key()));
    assertThat(listed).isEqualTo(keys);
  }
}
