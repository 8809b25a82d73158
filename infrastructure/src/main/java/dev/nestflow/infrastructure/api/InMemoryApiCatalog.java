package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The embedded {@link ApiCatalog}: maps guarded by one lock; documents are copied in and out. */
public final class InMemoryApiCatalog implements ApiCatalog {
  private final Map<String, TreeMap<String, ObjectNode>> kinds = new HashMap<>();

  private TreeMap<String, ObjectNode> of(String kind) {
    return kinds.computeIfAbsent(kind, k -> new TreeMap<>());
  }

  @Override
  public synchronized Optional<ObjectNode> get(String kind, String id) {
    ObjectNode d = of(kind).get(id);
    return d == null ? Optional.empty() : Optional.of(d.deepCopy());
  }

  @Override
  public synchronized boolean putIfAbsent(String kind, String id, ObjectNode document) {
    return of(kind).putIfAbsent(id, document.deepCopy()) == null;
  }

  @Override
  public synchronized void put(String kind, String id, ObjectNode document) {
    of(kind).put(id, document.deepCopy());
  }

  @Override
  public synchronized void delete(String kind, String id) {
    of(kind).remove(id);
  }

  @Override
  public synchronized List<ObjectNode> list(String kind) {
    return of(kind).values().stream().map(ObjectNode::deepCopy).toList();
  }
}
