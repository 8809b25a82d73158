package dev.nestflow.infrastructure.objects;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.infrastructure.embedded.VirtualClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryObjectStoreTest extends ObjectStoreContract {
  private InMemoryObjectStore memory;

  @Override
  protected ObjectStore store() {
    memory = new InMemoryObjectStore();
    return memory;
  }

  @Override
  protected void createBucket(String name) {
    memory.createBucket(name);
  }

  @Test
  void objectsAreStampedWithTheInjectedClock() {
    VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
    InMemoryObjectStore store = new InMemoryObjectStore(clock);
    store.createBucket("b");
    store.put("b", "k", "x".getBytes(StandardCharsets.UTF_8), "text/plain");
    assertThat(store.list("b", "", null).objects().get(0).lastModified()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void theStoreKeepsItsOwnCopyOfWhatWasPut() {
    byte[] body = "abc".getBytes(StandardCharsets.UTF_8);
    store.put(bucket, "k", body, "text/plain");
    body[0] = 'z';
    assertThat(new String(store.get(bucket, "k", 10), StandardCharsets.UTF_8)).isEqualTo("abc");
  }
}
