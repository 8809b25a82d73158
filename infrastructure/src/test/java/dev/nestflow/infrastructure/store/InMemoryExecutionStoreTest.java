package dev.nestflow.infrastructure.store;

class InMemoryExecutionStoreTest extends ExecutionStoreContract {
  @Override
  protected ExecutionStore newStore() {
    return new InMemoryExecutionStore();
  }
}
