package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Hears, step by step, what the states of an execution do with their data: TestState reports a
 * state's data-flow stages, its retry or catch and where it goes next from what it hears here, so
 * it shows what the interpreter did instead of a second implementation of it. Every method does
 * nothing by default; an execution reports to {@link #NONE} unless given another.
 */
public interface Inspector {
  Inspector NONE = new Inspector() {};

  /** Stage names, as the TestState API's inspection data names them. */
  String AFTER_INPUT_PATH = "afterInputPath";
  String AFTER_PARAMETERS = "afterParameters";
  String AFTER_ARGUMENTS = "afterArguments";
  String RESULT = "result";
  String AFTER_RESULT_SELECTOR = "afterResultSelector";
  String AFTER_RESULT_PATH = "afterResultPath";
  String AFTER_ITEMS_PATH = "afterItemsPath";
  String MAX_CONCURRENCY = "maxConcurrency";
  String TOLERATED_FAILURE_COUNT = "toleratedFailureCount";
  String TOLERATED_FAILURE_PERCENTAGE = "toleratedFailurePercentage";

  /** State {@code state}'s data flow reached {@code stage} with {@code value}. */
  default void stage(String state, String stage, JsonNode value) {}

  /** Map state {@code state} gave iteration {@code index} {@code input} (after its ItemSelector, if any). */
  default void item(String state, int index, JsonNode input) {}

  /** The state left with {@code output} for {@code next} (null: its frame ends), assigning {@code assigned}. */
  default void exited(String state, JsonNode output, String next, Map<String, JsonNode> assigned) {}

  /** The state's error matched Retrier {@code retryIndex}; it runs again after {@code delayMillis}. */
  default void retrying(String state, int retryIndex, long delayMillis) {}

  /** The state's error matched Catcher {@code catchIndex} (its exit is reported next). */
  default void caught(String state, int catchIndex, String error, String cause) {}
}
