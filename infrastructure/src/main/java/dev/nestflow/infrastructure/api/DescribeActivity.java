package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;

/** DescribeActivity. */
final class DescribeActivity implements Operation {
  private final ApiContext ctx;

  DescribeActivity(ApiContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ObjectNode invoke(ApiRequest r) {
    String arn = r.required("activityArn", 1, 256);
    Arn.parse(arn, "activity", 1, 1);
    ObjectNode activity = ctx.catalog().get(ApiCatalog.ACTIVITY, arn).orElseThrow(() -> ApiErrors.activityDoesNotExist(arn));
    ObjectNode out = Json.object();
    out.put("activityArn", arn);
    out.put("name", activity.path("name").asText());
    Dates.put(out, "creationDate", activity.path("creationDate").asLong());
    return out;
  }
}
