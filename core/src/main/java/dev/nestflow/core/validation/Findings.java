package dev.nestflow.core.validation;

import java.util.ArrayList;
import java.util.List;

/** Collects diagnostics in the order the checks find them. */
final class Findings {
  static final String SCHEMA = "SCHEMA_VALIDATION_FAILED";
  static final String MISSING_TARGET = "MISSING_TRANSITION_TARGET";
  static final String MISSING_END = "MISSING_END_STATE";
  static final String DUPLICATE_STATE = "DUPLICATE_STATE_NAME";
  /** A field AWS accepts that nestflow does not run yet (a warning: the definition stays valid). */

  private final List<Diagnostic> diagnostics = new ArrayList<>();

  void schema(String message, String location) {
    add(SCHEMA, message, location);
  }

  void add(String code, String message, String location) {
    diagnostics.add(Diagnostic.error(code, message, location));
  }

  void warn(String code, String message, String location) {
    diagnostics.add(Diagnostic.warning(code, message, location));
  }

  List<Diagnostic> toList() {
    return List.copyOf(diagnostics);
  }

  /** {@code /States/A} + {@code Next} = {@code /States/A/Next}; the root is {@code /}. */
  static String at(String parent, String child) {
    return parent.equals("/") ? "/" + child : parent + "/" + child;
  }
}
