package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;

/** DeleteActivity: the activity and its tags are gone; deleting twice is not an error. */
final class DeleteActivity implements Operation {
  private final ApiContext ctx;

  DeleteActivity(ApiContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ObjectNode invoke(ApiRequest r) {
    String arn = r.required("activityArn", 1, 256);
    Arn.parse(arn, "activity", 1, 1);
    ctx.commands().activities().deleteActivity(arn);
    ctx.catalog().delete(ApiCatalog.TAGS, arn);
    ctx.catalog().delete(ApiCatalog.ACTIVITY, arn);
    return Json.object();
  }
}
