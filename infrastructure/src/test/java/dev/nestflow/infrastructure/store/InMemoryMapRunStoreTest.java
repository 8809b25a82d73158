package dev.nestflow.infrastructure.store;

/** The map run store contract against the in-memory adapter. */
class InMemoryMapRunStoreTest extends MapRunStoreContract {
  @Override
  protected MapRunStore newStore() {
    return new InMemoryMapRunStore();
  }
}
