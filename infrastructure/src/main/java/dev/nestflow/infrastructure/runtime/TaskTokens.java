package dev.nestflow.infrastructure.runtime;

import dev.nestflow.infrastructure.keys.Key;
import dev.nestflow.infrastructure.keys.Keyring;

/**
 * Mints task tokens: the current key's id, a dot, and an HMAC-SHA256 of (execution ARN, task key)
 * under that key. Tokens are unguessable without the key (256 bits), the same on every replay of
 * the execution while the key stays current (so a step re-run after a crash registers the same
 * token), and short (the key id plus 44 characters).
 *
 * <p>A token is resolved by looking it up (its record names the execution and task), never by
 * checking its mac: so after a key rotation, tokens minted with the previous key keep working
 * until their task ends, while new tasks get tokens of the new key.
 */
public final class TaskTokens {
  private final Keyring keys;

  public TaskTokens(Keyring keys) {
    this.keys = keys;
  }

  /** Tokens under one fixed key (at least 16 bytes). */
  public TaskTokens(byte[] key) {
    this(Keyring.of(Key.fixed(key)));
  }

  /** A key for one process (embedded mode): tokens die with it, as the in-memory store does. */
  public static TaskTokens randomKey() {
    return new TaskTokens(Keyring.random());
  }

  public String mint(String executionArn, String taskKey) {
    Key key = keys.current();
    return key.id() + "." + key.mac(executionArn + "\n" + taskKey);
  }
}
