package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.validation.DefinitionValidator;
import dev.nestflow.core.validation.Diagnostic;
import dev.nestflow.core.validation.ValidationReport;
import java.util.List;

/** ValidateStateMachineDefinition: result OK or FAIL, the diagnostics, and whether they were cut short. */
final class ValidateStateMachineDefinition implements Operation {
  @Override
  public ObjectNode invoke(ApiRequest r) {
    String definition = r.required("definition", 1, StateMachines.MAX_DEFINITION);
    String type = r.oneOf("type", StateMachines.TYPES);
    String severity = r.oneOf("severity", List.of("ERROR", "WARNING"));
    Integer max = r.integer("maxResults", 0, 100);
    ValidationReport report =
        DefinitionValidator.validateForApi(definition, type == null ? "STANDARD" : type, severity, max);
    ObjectNode out = Json.object();
    out.put("result", report.result());
    ArrayNode diagnostics = out.putArray("diagnostics");
    for (Diagnostic d : report.diagnostics()) {
      ObjectNode item = diagnostics.addObject();
      item.put("severity", d.severity());
      item.put("code", d.code());
      item.put("message", d.message());
      if (d.location() != null) {
        item.put("location", d.location());
      }
    }
    out.put("truncated", report.truncated());
    return out;
  }
}
