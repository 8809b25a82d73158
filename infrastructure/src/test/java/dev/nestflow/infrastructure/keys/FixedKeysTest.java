package dev.nestflow.infrastructure.keys;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The key-source contract in memory: a list of fixed keys, the newest first. */
class FixedKeysTest extends KeySourceContract {
  private final List<Key> keys = new ArrayList<>();

  @Override
  protected KeySource newSource(String first) {
    keys.add(Key.fixed(bytes(first)));
    return new KeySource() {
      @Override
      public Key current() {
        return new FixedKeys(keys).current();
      }

      @Override
      public Optional<Key> byId(String id) {
        return new FixedKeys(keys).byId(id);
      }
    };
  }

  @Override
  protected void rotate(String next) {
    keys.add(0, Key.fixed(bytes(next)));
  }
}
