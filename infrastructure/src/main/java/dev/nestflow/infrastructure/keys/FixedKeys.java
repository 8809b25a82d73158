package dev.nestflow.infrastructure.keys;

import java.util.List;
import java.util.Optional;

/**
 * Keys given in memory: the first is current, the others are earlier keys still accepted (serve's
 * {@code --token-key}, tests, a random key for one process).
 */
public final class FixedKeys implements KeySource {
  private final List<Key> keys;

  public FixedKeys(List<Key> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("at least one key");
    }
    this.keys = List.copyOf(keys);
  }

  public static FixedKeys of(Key current, Key... earlier) {
    List<Key> all = new java.util.ArrayList<>();
    all.add(current);
    all.addAll(List.of(earlier));
    return new FixedKeys(all);
  }

  @Override
  public Key current() {
    return keys.get(0);
  }

  @Override
  public Optional<Key> byId(String id) {
    return keys.stream().filter(k -> k.id().equals(id)).findFirst();
  }
}
