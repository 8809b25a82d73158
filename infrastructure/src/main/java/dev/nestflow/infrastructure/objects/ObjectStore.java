package dev.nestflow.infrastructure.objects;

import java.io.InputStream;

/**
 * The port to S3 as a Distributed Map uses it: list a prefix a page at a time, read an object,
 * put an object. Two adapters: {@link S3ObjectStore} (the SDK; moto_server in tests) and
 * {@link InMemoryObjectStore} (zero-setup local runs), held to one contract suite.
 *
 * <p>Failures are {@link ObjectStoreException}s carrying S3's error code ({@code NoSuchBucket},
 * {@code NoSuchKey}, {@code AccessDenied}, ...), so callers word the AWS-shaped error once.
 */
public interface ObjectStore {

  /**
   * One ListObjectsV2 page: the objects whose keys start with {@code prefix} (empty: all), in key
   * order, at most 1,000, after the page {@code continuationToken} names (null: the first page).
   */
  ObjectListing list(String bucket, String prefix, String continuationToken);

  /** The object's bytes as a stream (the caller closes it), read as the caller consumes it. */
  InputStream open(String bucket, String key);

  /**
   * The object's bytes, refused with {@link ObjectStoreException#TOO_LARGE} once they exceed
   * {@code maxBytes} (without reading the rest).
   */
  byte[] get(String bucket, String key, long maxBytes);

  /** Puts (creates or replaces) an object. */
  void put(String bucket, String key, byte[] body, String contentType);

  /** The refusal of an object larger than a reader may read. */
  static ObjectStoreException tooLarge(String bucket, String key, long maxBytes) {
    return new ObjectStoreException(ObjectStoreException.TOO_LARGE,
        "The object s3://" + bucket + "/" + key + " is larger than " + maxBytes + " bytes.");
  }
}
