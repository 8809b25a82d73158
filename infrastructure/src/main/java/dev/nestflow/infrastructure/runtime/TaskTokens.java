package dev.nestflow.infrastructure.runtime;

import dev.nestflow.infrastructure.keys.Key;
import dev.nestflow.infrastructure.keys.Keyring;
import dev.nestflow.infrastructure.store.ExecutionRecord;

/**
 * Mints task tokens: a key's id, a dot, and an HMAC-SHA256 of (execution ARN, task key) under
 * that key. Tokens are unguessable without the key (256 bits), short (the key id plus 44
 * characters) and the same on every replay of the execution: each execution records the id of the
 * key current when it started ({@link ExecutionRecord#keyId}) and mints with that key until it
 * ends, so a step re-run after a key rotation registers the same token and its history keeps the
 * same text. (A name started again after its earlier execution expired mints the same tokens for
 * the same tasks; the runtime tells the earlier execution's leftovers by their time, see {@link
 * ExecutionCommands}.)
 *
 * <p>A token is resolved by looking it up (its record names the execution and task), never by
 * checking its mac: so after a key rotation, tokens minted with the previous key keep working
 * until their task ends. A key must stay in the key source while executions started under it may
 * still run (a year for Standard executions); an execution whose key is gone mints with the
 * current key instead, and tasks re-registered after that get new tokens.
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

  /** The id of the key new executions record (and mint their tokens with). */
  public String currentKeyId() {
    return keys.current().id();
  }

  /**
   * The token of task {@code taskKey} of {@code execution}: under the key it recorded at its start.
   * An execution without a recorded key (made before keys were recorded) mints as it always did.
   */
  public String mint(ExecutionRecord execution, String taskKey) {
    if (execution.keyId() == null) {
      return mint(execution.executionArn(), taskKey);
    }
    Key key = keys.byId(execution.keyId()).orElseGet(keys::current);
    return key.id() + "." + key.mac(execution.executionArn() + "\n" + taskKey);
  }

  /** A token under the current key of (execution ARN, task key): executions that recorded no key. */
  public String mint(String executionArn, String taskKey) {
    Key key = keys.current();
    return key.id() + "." + key.mac(executionArn + "\n" + taskKey);
  }
}
