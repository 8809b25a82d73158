package dev.nestflow.infrastructure.objects;

import dev.nestflow.core.items.ListedObject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Buckets in memory, for zero-setup local runs and tests; thread-safe. Behaves as S3 does where
 * the contract suite looks: keys listed in UTF-8 binary order, 1,000 to a page, an opaque
 * continuation token, ETags that are the quoted MD5 of the bytes, S3's error codes.
 */
public final class InMemoryObjectStore implements ObjectStore {
  /** S3's page size for ListObjectsV2 (its default and largest MaxKeys). */
  public static final int PAGE_SIZE = 1000;

  private final Map<String, ConcurrentNavigableMap<String, Stored>> buckets = new ConcurrentHashMap<>();
  private final Clock clock;

  private record Stored(byte[] body, String etag, Instant lastModified) {}

  public InMemoryObjectStore() {
    this(Clock.systemUTC());
  }

  public InMemoryObjectStore(Clock clock) {
    this.clock = clock;
  }

  /** Creates a bucket (nothing happens when it exists). */
  public void createBucket(String bucket) {
    buckets.computeIfAbsent(bucket, b -> new ConcurrentSkipListMap<>(InMemoryObjectStore::compareUtf8));
  }

  @Override
  public ObjectListing list(String bucket, String prefix, String continuationToken) {
    ConcurrentNavigableMap<String, Stored> objects = bucket(bucket);
    String p = prefix == null ? "" : prefix;
    ConcurrentNavigableMap<String, Stored> from = continuationToken == null
        ? objects.tailMap(p, true)
        : objects.tailMap(decode(continuationToken), false);
    List<ListedObject> page = new ArrayList<>();
    String last = null;
    for (Map.Entry<String, Stored> e : from.entrySet()) {
      if (!e.getKey().startsWith(p)) {
        break; // keys under a prefix are contiguous in the order, so the first one past it ends the listing
      }
      if (page.size() == PAGE_SIZE) {
        return new ObjectListing(page, encode(last));
      }
      Stored s = e.getValue();
      page.add(new ListedObject(e.getKey(), s.etag(), s.lastModified(), s.body().length, "STANDARD"));
      last = e.getKey();
    }
    return new ObjectListing(page, null);
  }

  @Override
  public InputStream open(String bucket, String key) {
    return new ByteArrayInputStream(object(bucket, key).body());
  }

  @Override
  public byte[] get(String bucket, String key, long maxBytes) {
    byte[] body = object(bucket, key).body();
    if (body.length > maxBytes) {
      throw ObjectStore.tooLarge(bucket, key, maxBytes);
    }
    return body.clone();
  }

  @Override
  public void put(String bucket, String key, byte[] body, String contentType) {
    byte[] copy = body.clone();
    bucket(bucket).put(key, new Stored(copy, "\"" + md5(copy) + "\"", clock.instant()));
  }

  private ConcurrentNavigableMap<String, Stored> bucket(String bucket) {
    ConcurrentNavigableMap<String, Stored> objects = buckets.get(bucket);
    if (objects == null) {
      throw new ObjectStoreException(ObjectStoreException.NO_SUCH_BUCKET, "The specified bucket does not exist: " + bucket);
    }
    return objects;
  }

  private Stored object(String bucket, String key) {
    Stored s = bucket(bucket).get(key);
    if (s == null) {
      throw new ObjectStoreException(ObjectStoreException.NO_SUCH_KEY, "The specified key does not exist: " + key);
    }
    return s;
  }

  /** S3 orders keys by their UTF-8 bytes, which differs from String order above the BMP. */
  private static int compareUtf8(String a, String b) {
    return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static String encode(String key) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String token) {
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ObjectStoreException("InvalidArgument", "The continuation token provided is incorrect");
    }
  }

  private static String md5(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
