package dev.nestflow.core.validation;

import dev.nestflow.core.states.QueryLanguage;
import java.util.Map;
import java.util.Set;

/** Which fields each state type accepts, in either query language or in only one of them. */
final class StateFields {
  private StateFields() {}

  static final Set<String> TYPES =
      Set.of("Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map");

  /** Fields that only JSONPath states may have. */
  static final Set<String> JSONPATH_ONLY =
      Set.of(
          "InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector", "Result",
          "SecondsPath", "TimestampPath", "ErrorPath", "CausePath", "ItemsPath",
          "MaxConcurrencyPath", "ToleratedFailurePercentagePath", "ToleratedFailureCountPath",
          "TimeoutSecondsPath", "HeartbeatSecondsPath");

  /** Fields that only JSONata states may have. */
  static final Set<String> JSONATA_ONLY = Set.of("Arguments", "Output", "Items");

  private static final Set<String> COMMON = Set.of("Type", "Comment", "QueryLanguage");

  private static final Map<String, Set<String>> BY_TYPE =
      Map.of(
          "Pass",
          Set.of("Next", "End", "Assign", "InputPath", "OutputPath", "ResultPath", "Parameters",
              "Result", "Output"),
          "Task",
          Set.of("Next", "End", "Assign", "Resource", "TimeoutSeconds", "TimeoutSecondsPath",
              "HeartbeatSeconds", "HeartbeatSecondsPath", "Retry", "Catch", "Credentials",
              "InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector", "Arguments",
              "Output"),
          "Choice", Set.of("Choices", "Default", "Assign", "InputPath", "OutputPath", "Output"),
          "Wait",
          Set.of("Next", "End", "Assign", "Seconds", "Timestamp", "SecondsPath", "TimestampPath",
              "InputPath", "OutputPath", "Output"),
          "Succeed", Set.of("InputPath", "OutputPath", "Output"),
          "Fail", Set.of("Error", "Cause", "ErrorPath", "CausePath"),
          "Parallel",
          Set.of("Next", "End", "Assign", "Branches", "Retry", "Catch", "InputPath", "OutputPath",
              "ResultPath", "Parameters", "ResultSelector", "Arguments", "Output"),
          "Map",
          Set.of("Next", "End", "Assign", "Iterator", "ItemProcessor", "ItemReader", "ItemBatcher",
              "ResultWriter", "MaxConcurrency", "MaxConcurrencyPath", "ToleratedFailurePercentage",
              "ToleratedFailurePercentagePath", "ToleratedFailureCount",
              "ToleratedFailureCountPath", "Label", "Retry", "Catch", "InputPath", "OutputPath",
              "ResultPath", "ItemsPath", "Items", "Parameters", "ItemSelector", "ResultSelector",
              "Output"));

  static boolean supports(String type, String field) {
    return COMMON.contains(field) || BY_TYPE.getOrDefault(type, Set.of()).contains(field);
  }

  /** True when {@code field} exists for this state type but not in {@code language}. */
  static boolean belongsToOtherLanguage(String field, QueryLanguage language) {
    return language == QueryLanguage.JSONPATH ? JSONATA_ONLY.contains(field) : JSONPATH_ONLY.contains(field);
  }

  /** Types whose states continue with Next or stop with End. */
  static boolean hasTransition(String type) {
    return !type.equals("Choice") && !type.equals("Succeed") && !type.equals("Fail");
  }
}
