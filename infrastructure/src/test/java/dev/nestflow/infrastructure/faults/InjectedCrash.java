package dev.nestflow.infrastructure.faults;

/**
 * The handler died at an injected point: thrown by the fault-injecting adapters before a call is
 * made ({@link FaultKind#CRASH_BEFORE}) or after it took effect ({@link FaultKind#CRASH_AFTER}), or
 * where the function timed out ({@link FaultKind#LAMBDA_TIMEOUT}, and every call after that).
 * Unchecked, so it unwinds the runtime like a Lambda that times out or runs out of memory.
 */
public final class InjectedCrash extends RuntimeException {
  private final FaultKind kind;

  public InjectedCrash(FaultKind kind, String operation) {
    super(kind + " " + operation, null, false, false);
    this.kind = kind;
  }

  public FaultKind kind() {
    return kind;
  }
}
