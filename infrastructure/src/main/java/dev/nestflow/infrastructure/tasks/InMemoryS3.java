package dev.nestflow.infrastructure.tasks;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A minimal S3 for embedded mode: buckets of text objects, enough for GetObject, PutObject,
 * DeleteObject and ListObjectsV2, with S3's NoSuchBucket and NoSuchKey errors.
 */
public final class InMemoryS3 {
  /** One stored object: its text, ETag (quoted MD5 of the bytes) and last-modified time (epoch ms). */
  public record StoredObject(String key, String body, String eTag, long lastModified) {
    public int size() {
      return body.getBytes(StandardCharsets.UTF_8).length;
    }
  }

  private final Map<String, TreeMap<String, StoredObject>> buckets = new LinkedHashMap<>();

  public synchronized void createBucket(String bucket) {
    buckets.computeIfAbsent(bucket, b -> new TreeMap<>());
  }

  public synchronized StoredObject put(String bucket, String key, String body, long now) {
    StoredObject o = new StoredObject(key, body,
        "\"" + InMemorySqs.md5(body.getBytes(StandardCharsets.UTF_8)) + "\"", now);
    bucket(bucket).put(key, o);
    return o;
  }

  public synchronized StoredObject get(String bucket, String key) {
    StoredObject o = bucket(bucket).get(key);
    if (o == null) {
      throw ServiceException.service("NoSuchKey", "NoSuchKeyException", 404, "The specified key does not exist.");
    }
    return o;
  }

  public synchronized void delete(String bucket, String key) {
    bucket(bucket).remove(key);
  }

  /** The bucket's objects whose keys start with {@code prefix} (null: all), in key order. */
  public synchronized List<StoredObject> list(String bucket, String prefix) {
    return bucket(bucket).values().stream().filter(o -> prefix == null || o.key().startsWith(prefix)).toList();
  }

  private TreeMap<String, StoredObject> bucket(String name) {
    TreeMap<String, StoredObject> b = name == null ? null : buckets.get(name);
    if (b == null) {
      throw ServiceException.service("NoSuchBucket", "NoSuchBucketException", 404, "The specified bucket does not exist");
    }
    return b;
  }
}
