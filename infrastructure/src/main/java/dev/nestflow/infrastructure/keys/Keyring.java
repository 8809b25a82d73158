package dev.nestflow.infrastructure.keys;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys a process uses, fetched from their {@link KeySource} on first use and then kept: the
 * current key once, an earlier key the first time something made with it arrives. Nothing is
 * fetched when the keyring is made, so a function's wiring (and a SnapStart snapshot of it) holds
 * no key; {@link #forget()} drops what was fetched (before a snapshot), and the next use fetches
 * again (after the restore).
 */
public final class Keyring {
  /** Unknown ids remembered at most, so forged ids cannot grow memory or calls without bound. */
  private static final int MAX_UNKNOWN = 1_000;

  private final KeySource source;
  private volatile Key current;
  private final Map<String, Key> earlier = new ConcurrentHashMap<>();
  private final Map<String, Boolean> unknown = new ConcurrentHashMap<>();

  public Keyring(KeySource source) {
    this.source = source;
  }

  /** A keyring of one fixed key. */
  public static Keyring of(Key key) {
    return new Keyring(FixedKeys.of(key));
  }

  /** A random key for one process (embedded mode): what it signs dies with the process. */
  public static Keyring random() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return of(Key.fixed(secret));
  }

  /** The key new tokens and signatures are made with (fetched on first use). */
  public Key current() {
    Key k = current;
    if (k == null) {
      synchronized (this) {
        if (current == null) {
          current = source.current();
        }
        k = current;
      }
    }
    return k;
  }

  /** The key with this id: the current one, or an earlier one (fetched once); empty when unknown. */
  public Optional<Key> byId(String id) {
    if (id == null || id.isEmpty()) {
      return Optional.empty();
    }
    Key now = current();
    if (now.id().equals(id)) {
      return Optional.of(now);
    }
    Key known = earlier.get(id);
    if (known != null) {
      return Optional.of(known);
    }
    if (unknown.containsKey(id)) {
      return Optional.empty();
    }
    Optional<Key> found = source.byId(id);
    if (found.isPresent()) {
      earlier.put(id, found.get());
    } else if (unknown.size() < MAX_UNKNOWN) {
      unknown.put(id, Boolean.TRUE);
    }
    return found;
  }

  /** Drops every fetched key (SnapStart: before the snapshot); the next use fetches again. */
  public synchronized void forget() {
    current = null;
    earlier.clear();
    unknown.clear();
  }
}
