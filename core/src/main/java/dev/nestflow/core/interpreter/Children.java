package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The child frames of a Parallel or Map state (its branches or iterations) and their counts;
 * a Map's limits and items too. Made afresh each time the state starts its children.
 */
final class Children {
  final List<Frame> frames = new ArrayList<>();
  final JsonNode[] outputs;
  int next;
  int running;
  int finished;
  int failed;
  /** Children being started by {@link FanOut#pump}: their ends are only counted meanwhile. */
  boolean spawning;
  /** A failure that fails the state: the first such child's error and cause. */
  boolean stateFailed;
  String error;
  String cause;

  // Map only
  int maxConcurrency;
  int toleratedFailureCount;
  double toleratedFailurePercentage;
  JsonNode items;

  Children(int count) {
    this.outputs = new JsonNode[count];
  }

  /** A Map's children: one per item. */
  Children(JsonNode items) {
    this(items.size());
    this.items = items;
  }
}
