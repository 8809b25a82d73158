package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;

/** CreateActivity: idempotent by name (the existing activity is returned, with tags added). */
final class CreateActivity implements Operation {
  private final ApiContext ctx;

  CreateActivity(ApiContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ObjectNode invoke(ApiRequest r) {
    String name = r.required("name", 1, 80);
    var tags = Tags.parse(r.list("tags"));
    r.object("encryptionConfiguration");
    ApiNames.check(name);
    String arn = ctx.arn("activity", name);
    ObjectNode activity = Json.object();
    activity.put("activityArn", arn);
    activity.put("name", name);
    activity.put("creationDate", ctx.now());
    ctx.commands().activities().createActivity(arn);
    if (!ctx.catalog().putIfAbsent(ApiCatalog.ACTIVITY, arn, activity)) {
      activity = ctx.catalog().get(ApiCatalog.ACTIVITY, arn).orElseThrow();
    }
    if (!tags.isEmpty()) {
      Tags.add(ctx, arn, tags);
    }
    ObjectNode out = Json.object();
    out.put("activityArn", arn);
    Dates.put(out, "creationDate", activity.path("creationDate").asLong());
    return out;
  }
}
