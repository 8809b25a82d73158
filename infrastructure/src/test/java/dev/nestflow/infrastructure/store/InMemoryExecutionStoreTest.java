package dev.nestflow.infrastructure.store;

class InMemoryExecutionStoreTest extends ExecutionStoreContract {
  @Override
  protected ExecutionStore newStore(java.time.Clock clock, Retention retention) {
    return new InMemoryExecutionStore(clock, retention);
  }
}
