package dev.nestflow.infrastructure.keys;

import java.util.Optional;

/**
 * Where the functions' secret key comes from: the key that makes new tokens and signatures, and
 * earlier keys by id (after a rotation, until nothing made with them is still in flight).
 * Adapters: {@link FixedKeys} (in memory) and {@link SecretsManagerKeys}; one contract suite
 * covers both.
 */
public interface KeySource {
  /** The key new tokens and signatures are made with. */
  Key current();

  /** The key with this id, current or earlier; empty when there is none. */
  Optional<Key> byId(String id);
}
