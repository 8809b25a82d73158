package dev.nestflow.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.api.SfnApi;
import dev.nestflow.testing.templates.SamTemplate;
import dev.nestflow.testing.templates.TemplateException;
import dev.nestflow.testing.templates.TemplateStateMachine;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code serve --template}: each state machine of the template created through the API, under its
 * logical id, as CreateStateMachine would (one already there from an earlier run over a kept
 * store gets the template's definition with UpdateStateMachine).
 */
final class TemplateMachines {
  private TemplateMachines() {}

  /** Creates them; returns their ARNs. A definition the API refuses is a TemplateException with the API's message. */
  static List<String> create(SfnApi api, SamTemplate template, String account) {
    return template.stateMachines().stream().map(m -> create(api, m, account, template)).toList();
  }

  private static String create(SfnApi api, TemplateStateMachine m, String account, SamTemplate template) {
    ObjectNode create = Json.object();
    create.put("name", m.logicalId());
    create.put("definition", m.definition());
    create.put("roleArn", "arn:aws:iam::" + account + ":role/nestflow-local");
    create.put("type", m.type());
    JsonNode created = call(api, "CreateStateMachine", create);
    if (created.has("stateMachineArn")) {
      return created.get("stateMachineArn").asText();
    }
    if (created.path("__type").asText().endsWith("StateMachineAlreadyExists")) {
      String arn = created.path("message").asText().replaceAll(".*'(arn:[^']+)'.*", "$1");
      ObjectNode update = Json.object();
      update.put("stateMachineArn", arn);
      update.put("definition", m.definition());
      JsonNode updated = call(api, "UpdateStateMachine", update);
      if (updated.has("updateDate")) {
        return arn;
      }
      created = updated;
    }
    throw new TemplateException(template.path() + ": state machine " + m.logicalId() + ": "
        + created.path("__type").asText().replaceAll(".*#", "") + ": " + created.path("message").asText());
  }

  private static JsonNode call(SfnApi api, String operation, ObjectNode body) {
    SfnApi.Response r = api.handle(SfnApi.TARGET_PREFIX + operation, Json.write(body).getBytes(StandardCharsets.UTF_8));
    return Json.parse(r.body());
  }
}
