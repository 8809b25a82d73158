package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.util.Map;

/** UntagResource: removes the named tags (names not present are ignored). */
final class UntagResource implements Operation {
  private final ApiContext ctx;

  UntagResource(ApiContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ObjectNode invoke(ApiRequest r) {
    String arn = r.required("resourceArn", 1, 256);
    if (!r.has("tagKeys")) {
      throw ApiErrors.validationNull("tagKeys");
    }
    var keys = r.list("tagKeys");
    TaggedResources.check(ctx, arn);
    Map<String, String> all = Tags.of(ctx, arn);
    for (JsonNode key : keys) {
      all.remove(key.asText());
    }
    Tags.write(ctx, arn, all);
    return Json.object();
  }
}
