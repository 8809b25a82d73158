package dev.nestflow.infrastructure.objects;

import java.io.InputStream;

/** Buckets in a map, for local runs and tests; thread-safe. */
public final class InMemoryObjectStore implements ObjectStore {

  /** Creates a bucket (nothing happens when it exists). */
  public void createBucket(String bucket) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public ObjectListing list(String bucket, String prefix, String continuationToken) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public InputStream open(String bucket, String key) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public byte[] get(String bucket, String key, long maxBytes) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public void put(String bucket, String key, byte[] body, String contentType) {
    throw new UnsupportedOperationException("not yet");
  }
}
