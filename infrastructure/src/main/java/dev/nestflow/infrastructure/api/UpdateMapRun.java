package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.runtime.ApiException;
import dev.nestflow.infrastructure.store.MapRunRecord;

/**
 * UpdateMapRun: a running map run's MaxConcurrency and tolerated failures. A larger concurrency
 * starts more children at the next tick; a smaller one lets running children end; a lower tolerance
 * can fail the run at once.
 */
final class UpdateMapRun implements Operation {
  private final ApiContext ctx;

  UpdateMapRun(ApiContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ObjectNode invoke(ApiRequest r) {
    String arn = r.required("mapRunArn", 1, 2000);
    Integer max = r.integer("maxConcurrency", 0, Integer.MAX_VALUE);
    Long count = longMember(r, "toleratedFailureCount");
    Double percentage = percentage(r);
    MapRunRecord run = MapRuns.find(ctx, arn);
    if (max == null && count == null && percentage == null) {
      throw new ApiException(ApiErrors.VALIDATION,
          "Must provide at least one of maxConcurrency, toleratedFailurePercentage or toleratedFailureCount");
    }
    if (!run.running() || !ctx.commands().updateMapRun(arn,
        max == null ? run.maxConcurrency() : max,
        count == null ? run.toleratedFailureCount() : count,
        percentage == null ? run.toleratedFailurePercentage() : percentage)) {
      throw new ApiException(ApiErrors.VALIDATION, "Map Run " + arn + " is not RUNNING and cannot be updated");
    }
    return Json.object();
  }

  private static Long longMember(ApiRequest r, String field) {
    JsonNode v = r.body().get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || v.asLong() < 0) {
      throw ApiErrors.validation(v.asText(), field, "Member must have value greater than or equal to 0");
    }
    return v.asLong();
  }

  private static Double percentage(ApiRequest r) {
    JsonNode v = r.body().get("toleratedFailurePercentage");
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 100) {
      throw ApiErrors.validation(v.asText(), "toleratedFailurePercentage",
          "Member must have value between 0 and 100");
    }
    return v.asDouble();
  }
}
