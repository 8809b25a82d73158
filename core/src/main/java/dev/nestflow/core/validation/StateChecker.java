package dev.nestflow.core.validation;

import dev.nestflow.core.states.QueryLanguage;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;

/** Checks one state: its fields for its type and query language, and the type's own rules. */
final class StateChecker {
  private static final Set<String> SUB_MACHINE_FIELDS = Set.of("StartAt", "States", "Comment");
  private static final Set<String> PROCESSOR_FIELDS =
      Set.of("StartAt", "States", "Comment", "ProcessorConfig");

  private final CheckContext context;
  private final Findings findings;
  private final MachineChecker machines;

  StateChecker(CheckContext context, MachineChecker machines) {
    this.context = context;
    this.findings = context.findings;
    this.machines = machines;
  }

  void check(JsonNode state, String at) {
    if (!state.isObject()) {
      findings.schema("A state must be an object", at);
      return;
    }
    JsonNode typeNode = state.get("Type");
    if (typeNode == null) {
      findings.schema("These fields are required: [Type]", at);
      return;
    }
    String type = typeNode.asText();
    if (!typeNode.isTextual() || !StateFields.TYPES.contains(type)) {
      findings.schema(
          "Field 'Type' must be one of [Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map]",
          Findings.at(at, "Type"));
      return;
    }
    QueryLanguage language = language(state, at);
    for (Iterator<String> it = state.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!StateFields.supports(type, field)) {
        findings.schema("Field '" + field + "' is not supported", at);
      } else if (StateFields.belongsToOtherLanguage(field, language)) {
        findings.schema(ErrorHandlers.languageMismatch(language, field), at);
      }
    }
    Fields.string(state, "Comment", at, findings);
    if (StateFields.hasTransition(type)) {
      transition(state, at);
    }
    if (language == QueryLanguage.JSONPATH) {
      Fields.path(state, "InputPath", true, at, findings);
      Fields.path(state, "OutputPath", true, at, findings);
      resultPath(state, at);
    }
    Fields.assign(state.get("Assign"), Findings.at(at, "Assign"), language, context);
    switch (type) {
      case "Pass" -> template(state, "Parameters", at, language);
      case "Task" -> task(state, at, language);
      case "Choice" -> choice(state, at, language);
      case "Wait" -> waitState(state, at, language);
      case "Fail" -> fail(state, at, language);
      case "Parallel" -> parallel(state, at, language);
      case "Map" -> map(state, at, language);
      default -> { }
    }
  }

  private QueryLanguage language(JsonNode state, String at) {
    JsonNode declared = state.get("QueryLanguage");
    if (declared == null) {
      return context.machineLanguage;
    }
    QueryLanguage language = QueryLanguage.named(declared.asText());
    if (!declared.isTextual() || language == null) {
      findings.schema(
          "Field 'QueryLanguage' must be one of [JSONPath, JSONata]", Findings.at(at, "QueryLanguage"));
      return context.machineLanguage;
    }
    if (context.machineLanguage == QueryLanguage.JSONATA && language == QueryLanguage.JSONPATH) {
      findings.schema(
          "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine", at);
    }
    return language;
  }

  private void transition(JsonNode state, String at) {
    JsonNode next = state.get("Next");
    JsonNode end = state.get("End");
    if (end != null && !end.isBoolean()) {
      findings.schema("Field 'End' must be a boolean", Findings.at(at, "End"));
    }
    if (next != null && !next.isTextual()) {
      findings.schema("Field 'Next' must be a string", Findings.at(at, "Next"));
    }
    boolean ends = end != null && end.asBoolean(false);
    if (next != null && ends) {
      findings.schema("Only one of the fields 'Next' and 'End' may be specified", at);
    } else if (next == null && !ends) {
      findings.schema("Either 'Next' or 'End' (set to true) is required", at);
    }
  }

  private void resultPath(JsonNode state, String at) {
    JsonNode value = state.get("ResultPath");
    if (value != null && !value.isNull()
        && !(value.isTextual() && PathSyntax.isReferencePath(value.asText()))) {
      findings.schema(
          "The value for the field 'ResultPath' must be a valid JSONPath", Findings.at(at, "ResultPath"));
    }
  }

  private void template(JsonNode state, String field, String at, QueryLanguage language) {
    if (language == QueryLanguage.JSONPATH) {
      Fields.payloadTemplate(state.get(field), Findings.at(at, field), context);
    }
  }

  private void task(JsonNode state, String at, QueryLanguage language) {
    JsonNode resource = state.get("Resource");
    if (resource == null) {
      findings.schema("These fields are required: [Resource]", at);
    } else if (!resource.isTextual()) {
      findings.schema("Field 'Resource' must be a string", Findings.at(at, "Resource"));
    } else {
      TaskResourceCheck.check(resource.asText(), Findings.at(at, "Resource"), context.express, findings);
    }
    template(state, "Parameters", at, language);
    template(state, "ResultSelector", at, language);
    Fields.integer(state, "TimeoutSeconds", 1, Fields.MAX_SECONDS, language, at, findings);
    Fields.integer(state, "HeartbeatSeconds", 1, Fields.MAX_SECONDS, language, at, findings);
    Fields.exclusive(state, "TimeoutSeconds", "TimeoutSecondsPath", at, findings);
    Fields.exclusive(state, "HeartbeatSeconds", "HeartbeatSecondsPath", at, findings);
    if (language == QueryLanguage.JSONPATH) {
      Fields.path(state, "TimeoutSecondsPath", false, at, findings);
      Fields.path(state, "HeartbeatSecondsPath", false, at, findings);
    }
    JsonNode timeout = state.get("TimeoutSeconds");
    JsonNode heartbeat = state.get("HeartbeatSeconds");
    if (timeout != null && heartbeat != null && timeout.isIntegralNumber()
        && heartbeat.isIntegralNumber() && heartbeat.asLong() >= timeout.asLong()) {
      findings.schema(
          "Field 'HeartbeatSeconds' must be smaller than 'TimeoutSeconds'",
          Findings.at(at, "HeartbeatSeconds"));
    }
    credentials(state.get("Credentials"), Findings.at(at, "Credentials"), language);
    errorHandling(state, at, language);
  }

  private void credentials(JsonNode credentials, String at, QueryLanguage language) {
    if (credentials == null) {
      return;
    }
    if (!credentials.isObject()) {
      findings.schema("Field 'Credentials' must be an object", at);
      return;
    }
    boolean hasRole =
        credentials.has("RoleArn")
            || (language == QueryLanguage.JSONPATH && credentials.has("RoleArn.$"));
    if (!hasRole) {
      findings.schema("The field 'RoleArn' is required but was missing", at);
    }
    if (language == QueryLanguage.JSONPATH) {
      Fields.payloadTemplate(credentials, at, context);
    }
  }

  private void errorHandling(JsonNode state, String at, QueryLanguage language) {
    if (state.has("Retry")) {
      ErrorHandlers.retry(state.get("Retry"), Findings.at(at, "Retry"), context);
    }
    if (state.has("Catch")) {
      ErrorHandlers.catchers(state.get("Catch"), Findings.at(at, "Catch"), language, context);
    }
  }

  private void choice(JsonNode state, String at, QueryLanguage language) {
    JsonNode choices = state.get("Choices");
    if (choices == null) {
      findings.schema("These fields are required: [Choices]", at);
    } else {
      ChoiceRules.check(choices, Findings.at(at, "Choices"), language, context);
    }
    Fields.string(state, "Default", at, findings);
  }

  private void waitState(JsonNode state, String at, QueryLanguage language) {
    int given = 0;
    for (String field : new String[] {"Seconds", "Timestamp", "SecondsPath", "TimestampPath"}) {
      given += state.has(field) ? 1 : 0;
    }
    if (given != 1) {
      findings.schema(
          "Exactly one of the fields 'Seconds', 'Timestamp', 'SecondsPath' or 'TimestampPath' "
              + "is required",
          at);
    }
    Fields.integer(state, "Seconds", 0, Fields.MAX_SECONDS, language, at, findings);
    JsonNode timestamp = state.get("Timestamp");
    if (timestamp != null
        && !(language == QueryLanguage.JSONATA && Fields.isJsonataExpression(timestamp))
        && !(timestamp.isTextual() && Rfc3339.isTimestamp(timestamp.asText()))) {
      findings.schema("String does not match RFC3339 timestamp", Findings.at(at, "Timestamp"));
    }
    if (language == QueryLanguage.JSONPATH) {
      Fields.path(state, "SecondsPath", false, at, findings);
      Fields.path(state, "TimestampPath", false, at, findings);
    }
  }

  private void fail(JsonNode state, String at, QueryLanguage language) {
    Fields.string(state, "Error", at, findings);
    Fields.string(state, "Cause", at, findings);
    Fields.exclusive(state, "Error", "ErrorPath", at, findings);
    Fields.exclusive(state, "Cause", "CausePath", at, findings);
    if (language == QueryLanguage.JSONPATH) {
      for (String field : new String[] {"ErrorPath", "CausePath"}) {
        if (state.has(field) && !Fields.isPathOrIntrinsic(state.get(field), context)) {
          findings.schema(
              "The value for the field '" + field
                  + "' must be a valid JSONPath or a valid intrinsic function call",
              Findings.at(at, field));
        }
      }
    }
  }

  private void parallel(JsonNode state, String at, QueryLanguage language) {
    template(state, "Parameters", at, language);
    template(state, "ResultSelector", at, language);
    JsonNode branches = state.get("Branches");
    if (branches == null) {
      findings.schema("These fields are required: [Branches]", at);
    } else if (!branches.isArray() || branches.isEmpty()) {
      findings.schema("Field 'Branches' must be a non-empty array", Findings.at(at, "Branches"));
    } else {
      for (int i = 0; i < branches.size(); i++) {
        machines.checkNested(
            branches.get(i), Findings.at(Findings.at(at, "Branches"), String.valueOf(i)),
            SUB_MACHINE_FIELDS);
      }
    }
    errorHandling(state, at, language);
  }

  private void map(JsonNode state, String at, QueryLanguage language) {
    boolean processor = state.has("ItemProcessor");
    boolean iterator = state.has("Iterator");
    if (!processor && !iterator) {
      findings.schema("These fields are required: [ItemProcessor]", at);
    } else if (processor && iterator) {
      findings.schema("Only one of the fields 'ItemProcessor' and 'Iterator' may be specified", at);
    }
    for (String field : new String[] {"ItemProcessor", "Iterator"}) {
      JsonNode machine = state.get(field);
      if (machine != null) {
        String where = Findings.at(at, field);
        machines.checkNested(machine, where, PROCESSOR_FIELDS);
        if (machine.isObject() && machine.has("ProcessorConfig")) {
          processorConfig(machine.get("ProcessorConfig"), Findings.at(where, "ProcessorConfig"));
        }
      }
    }
    template(state, "Parameters", at, language);
    template(state, "ResultSelector", at, language);
    if (language == QueryLanguage.JSONPATH) {
      template(state, "ItemSelector", at, language);
      for (String field : new String[] {"ItemsPath", "MaxConcurrencyPath",
          "ToleratedFailurePercentagePath", "ToleratedFailureCountPath"}) {
        Fields.path(state, field, false, at, findings);
      }
    } else {
      JsonNode items = state.get("Items");
      if (items != null && !items.isArray() && !Fields.isJsonataExpression(items)) {
        findings.schema(
            "Field 'Items' must be an array or a JSONata expression", Findings.at(at, "Items"));
      }
    }
    Fields.integer(state, "MaxConcurrency", 0, Integer.MAX_VALUE, language, at, findings);
    Fields.integer(state, "ToleratedFailureCount", 0, Integer.MAX_VALUE, language, at, findings);
    JsonNode percentage = state.get("ToleratedFailurePercentage");
    if (percentage != null
        && !(language == QueryLanguage.JSONATA && Fields.isJsonataExpression(percentage))
        && !(percentage.isNumber() && percentage.asDouble() >= 0 && percentage.asDouble() <= 100)) {
      findings.schema(
          "Field 'ToleratedFailurePercentage' must be a number between 0 and 100",
          Findings.at(at, "ToleratedFailurePercentage"));
    }
    Fields.exclusive(state, "MaxConcurrency", "MaxConcurrencyPath", at, findings);
    Fields.exclusive(state, "ToleratedFailureCount", "ToleratedFailureCountPath", at, findings);
    Fields.exclusive(state, "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", at, findings);
    JsonNode label = state.get("Label");
    if (label != null
        && !(label.isTextual() && label.asText().length() <= 40
            && label.asText().chars().noneMatch(Character::isWhitespace))) {
      findings.add("INVALID_LABEL_NAME", "Field 'Label' must be at most 40 characters without whitespace",
          Findings.at(at, "Label"));
    }
    for (String field : new String[] {"ItemReader", "ResultWriter"}) {
      distributedIo(state.get(field), field, Findings.at(at, field), language);
    }
    JsonNode batcher = state.get("ItemBatcher");
    if (batcher != null && !batcher.isObject()) {
      findings.schema("Field 'ItemBatcher' must be an object", Findings.at(at, "ItemBatcher"));
    } else if (batcher != null && language == QueryLanguage.JSONPATH) {
      Fields.payloadTemplate(batcher.get("BatchInput"), Findings.at(at, "ItemBatcher/BatchInput"), context);
    }
    errorHandling(state, at, language);
  }

  private void processorConfig(JsonNode config, String at) {
    if (!config.isObject()) {
      findings.schema("Field 'ProcessorConfig' must be an object", at);
      return;
    }
    JsonNode mode = config.get("Mode");
    if (mode != null && !Set.of("INLINE", "DISTRIBUTED").contains(mode.asText())) {
      findings.schema("Field 'Mode' must be one of [INLINE, DISTRIBUTED]", Findings.at(at, "Mode"));
    }
    JsonNode executionType = config.get("ExecutionType");
    if (executionType != null && !Set.of("STANDARD", "EXPRESS").contains(executionType.asText())) {
      findings.schema(
          "Field 'ExecutionType' must be one of [STANDARD, EXPRESS]", Findings.at(at, "ExecutionType"));
    }
  }

  private void distributedIo(JsonNode node, String field, String at, QueryLanguage language) {
    if (node == null) {
      return;
    }
    if (!node.isObject()) {
      findings.schema("Field '" + field + "' must be an object", at);
      return;
    }
    if (!node.has("Resource")) {
      findings.schema("These fields are required: [Resource]", at);
    }
    if (language == QueryLanguage.JSONPATH) {
      Fields.payloadTemplate(node.get("Parameters"), Findings.at(at, "Parameters"), context);
    }
  }
}
