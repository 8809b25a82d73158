package dev.nestflow.infrastructure.store;

/** A record that would not fit in one DynamoDB item (400 KB); nothing was written. */
public final class ItemTooLargeException extends IllegalArgumentException {
  public ItemTooLargeException(String what, long bytes, long limit) {
    super(what + " needs " + bytes + " bytes, more than the " + limit + " bytes one DynamoDB item may hold");
  }
}
