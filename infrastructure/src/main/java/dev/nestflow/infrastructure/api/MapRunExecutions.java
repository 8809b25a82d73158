package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.store.ChildOutcome;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import dev.nestflow.infrastructure.store.MapRunRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * ListExecutions by {@code mapRunArn}: the map run's children, newest first. Standard children are
 * executions of their own; Express children keep no record but their outcome in the map run, from
 * which their entries are made (as AWS lists a map run's Express children although it keeps no
 * history of them).
 */
final class MapRunExecutions {
  private MapRunExecutions() {}

  private record Entry(String arn, String name, String status, long start, Long stop) {}

  static ObjectNode list(ApiContext ctx, String mapRunArn, String status, Integer max, String token) {
    MapRunRecord run = MapRuns.find(ctx, mapRunArn);
    List<Entry> all = new ArrayList<>();
    if (run.express()) {
      Map<Integer, ChildOutcome> outcomes = ctx.store().mapRuns().outcomes(mapRunArn);
      outcomes.forEach((index, o) -> {
        String name = UUID.nameUUIDFromBytes((mapRunArn + "#" + index).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        String id = UUID.nameUUIDFromBytes((mapRunArn + "#express#" + index).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        String arn = run.childStateMachineArn().replace(":stateMachine:", ":express:") + ":" + name + ":" + id;
        all.add(new Entry(arn, name, o.status(), o.startMillis(), o.stopMillis()));
      });
    } else {
      for (ExecutionRecord e : ctx.store().executions(run.childStateMachineArn())) {
        if (mapRunArn.equals(e.parentArn())) {
          all.add(new Entry(e.executionArn(), e.name(), e.status(), e.startMillis(), e.running() ? null : e.stopMillis()));
        }
      }
    }
    List<Entry> filtered = all.stream()
        .filter(e -> status == null || status.equals(e.status()))
        .sorted(Comparator.comparingLong(Entry::start).reversed().thenComparing(Entry::arn))
        .toList();
    var page = PageTokens.page(filtered, max, token, "ListExecutions " + mapRunArn + " " + status, ctx.now());
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("executions");
    for (Entry e : page.items()) {
      ObjectNode item = items.addObject();
      item.put("executionArn", e.arn());
      item.put("stateMachineArn", run.childStateMachineArn());
      item.put("name", e.name());
      item.put("status", e.status());
      Dates.put(item, "startDate", e.start());
      Dates.put(item, "stopDate", e.stop());
      item.put("mapRunArn", mapRunArn);
    }
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return out;
  }
}
