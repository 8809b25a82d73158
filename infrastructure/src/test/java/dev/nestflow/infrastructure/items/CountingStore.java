package dev.nestflow.infrastructure.items;

import dev.nestflow.infrastructure.objects.ObjectListing;
import dev.nestflow.infrastructure.objects.ObjectStore;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/** An object store that counts the calls and bytes that go through it, to show what a reader fetched. */
final class CountingStore implements ObjectStore {
  final ObjectStore inner;
  final AtomicLong lists = new AtomicLong();
  final AtomicLong opens = new AtomicLong();
  final AtomicLong bytesRead = new AtomicLong();
  final AtomicLong closes = new AtomicLong();

  CountingStore(ObjectStore inner) {
    this.inner = inner;
  }

  @Override
  public ObjectListing list(String bucket, String prefix, String continuationToken) {
    lists.incrementAndGet();
    return inner.list(bucket, prefix, continuationToken);
  }

  @Override
  public InputStream open(String bucket, String key) {
    opens.incrementAndGet();
    return new FilterInputStream(inner.open(bucket, key)) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          bytesRead.incrementAndGet();
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
          bytesRead.addAndGet(n);
        }
        return n;
      }

      @Override
      public void close() throws IOException {
        closes.incrementAndGet();
        super.close();
      }
    };
  }

  @Override
  public byte[] get(String bucket, String key, long maxBytes) {
    return inner.get(bucket, key, maxBytes);
  }

  @Override
  public void put(String bucket, String key, byte[] body, String contentType) {
    inner.put(bucket, key, body, contentType);
  }
}
