package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;

/** ListTagsForResource. */
final class ListTagsForResource implements Operation {
  private final ApiContext ctx;

  ListTagsForResource(ApiContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ObjectNode invoke(ApiRequest r) {
    String arn = TaggedResources.check(ctx, r.required("resourceArn", 1, 256));
    ObjectNode out = Json.object();
    out.set("tags", Tags.toWire(Tags.of(ctx, arn)));
    return out;
  }
}
