package dev.nestflow.infrastructure.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.interpreter.TaskResource;
import dev.nestflow.core.json.Json;

/**
 * What the optimized integrations for one service action with an optional {@code .waitForTaskToken}
 * (SQS sendMessage, SNS publish) share: which resources they take, how their response answers the
 * task, and how a message parameter becomes text.
 */
final class ServiceActions {
  private ServiceActions() {}

  /** Whether {@code resource} is {@code arn:aws:states:::<service>:<action>[.waitForTaskToken]}. */
  static boolean names(String resource, String service, String action) {
    TaskResource r = TaskResource.parse(resource);
    return r.kind() == TaskResource.Kind.SERVICE && service.equals(r.resourceType())
        && (r.resourceName().equals(action) || r.resourceName().equals(action + ".waitForTaskToken"));
  }

  /** The task's answer: the response, or (with {@code .waitForTaskToken}) the response submitted while the task waits. */
  static TaskOutcome answer(TaskRequest request, ObjectNode response) {
    boolean callback = TaskResource.parse(request.resource()).pattern() == TaskResource.Pattern.CALLBACK;
    return callback ? new TaskOutcome.Pending(response) : new TaskOutcome.Succeeded(response);
  }

  /** A message parameter as text: strings as they are, other JSON values as their JSON text, absent or null as null. */
  static String messageText(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    return Json.text(value);
  }
}
