package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * What the API keeps beside the runtime's store: the state machines as the API describes them
 * (status, revision, versions), their published versions and aliases, activities, tags, and which version an
 * execution was started through. Documents are JSON objects filed by kind and id.
 * Adapters: in memory and one DynamoDB table (the execution store's).
 */
public interface ApiCatalog {
  String STATE_MACHINE = "stateMachine";
  String VERSION = "version";
  String ACTIVITY = "activity";
  String TAGS = "tags";
  String EXECUTION_VERSION = "executionVersion";
  String ALIAS = "alias";

  Optional<ObjectNode> get(String kind, String id);

  /** Stores the document unless one with this id exists; false if it did. */
  boolean putIfAbsent(String kind, String id, ObjectNode document);

  void put(String kind, String id, ObjectNode document);

  void delete(String kind, String id);

  /** All documents of a kind, ordered by id. */
  List<ObjectNode> list(String kind);
}
