package dev.nestflow.infrastructure.mocks;

/** A mock configuration that cannot be used: the message names the file, the field and what is wrong. */
public final class MockConfigException extends RuntimeException {
  public MockConfigException(String message) {
    super(message, null, false, false);
  }
}
