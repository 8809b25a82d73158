package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.runtime.ApiException;
import java.util.Map;

/** TagResource: adds or replaces tags (at most 50 per resource). */
final class TagResource implements Operation {
  static final int MAX_TAGS = 50;

  private final ApiContext ctx;

  TagResource(ApiContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ObjectNode invoke(ApiRequest r) {
    String arn = r.required("resourceArn", 1, 256);
    if (!r.has("tags")) {
      throw ApiErrors.validationNull("tags");
    }
    Map<String, String> tags = Tags.parse(r.list("tags"));
    TaggedResources.check(ctx, arn);
    Map<String, String> all = Tags.of(ctx, arn);
    all.putAll(tags);
    if (all.size() > MAX_TAGS) {
      throw new ApiException("TooManyTags", "Too many tags: a resource can have at most " + MAX_TAGS + " tags");
    }
    Tags.write(ctx, arn, all);
    return Json.object();
  }
}
