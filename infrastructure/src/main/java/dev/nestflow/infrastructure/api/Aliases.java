package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.runtime.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * State machine aliases: a name for one or two published versions of one state machine, with the
 * share of new executions each receives ({@code routingConfiguration}, weights summing to 100). An
 * alias is filed in the catalog by its ARN ({@code stateMachine:<name>:<alias>}); StartExecution on
 * it picks a version by weight, and the execution remembers both the alias and the version.
 */
final class Aliases {
  private Aliases() {}

  /** AWS's pattern: at least one letter, underscore, dash or dot, so a name never reads as a version number. */
  private static final Pattern NAME = Pattern.compile("(?=.*[a-zA-Z_\\-.])[a-zA-Z0-9_\\-.]+");
  static final int MAX_PER_MACHINE = 100;

  record Route(String versionArn, int weight) {}

  static String checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw ApiErrors.validation(name, "name",
          "Member must satisfy regular expression pattern: ^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$");
    }
    return name;
  }

  /**
   * The {@code routingConfiguration} member: one or two versions, each published and existing, of
   * one state machine, with weights of 0..100 summing to 100; null when absent.
   */
  static List<Route> routing(ApiRequest r, ApiContext ctx) {
    if (!r.has("routingConfiguration")) {
      return null;
    }
    List<JsonNode> items = r.list("routingConfiguration");
    if (items.isEmpty() || items.size() > 2) {
      throw ApiErrors.validation("[" + items.size() + " items]", "routingConfiguration",
          "Member must have length less than or equal to 2 and greater than or equal to 1");
    }
    List<Route> routes = new ArrayList<>();
    int sum = 0;
    String machine = null;
    for (JsonNode item : items) {
      if (!item.isObject()) {
        throw ApiErrors.serialization("Start of structure or map expected at 'routingConfiguration'");
      }
      ApiRequest entry = new ApiRequest((ObjectNode) item);
      String version = entry.required("stateMachineVersionArn", 1, 256);
      Integer weight = entry.integer("weight", 0, 100);
      if (weight == null) {
        throw ApiErrors.validationNull("routingConfiguration.member.weight");
      }
      Arn arn = Arn.parse(version, "stateMachine", 2, 2);
      if (!arn.isVersion()) {
        throw ApiErrors.invalidArn("Invalid Arn resource: " + version);
      }
      if (machine != null && !machine.equals(arn.unqualifiedStateMachine())) {
        throw new ApiException(ApiErrors.VALIDATION, "Routing configuration must contain versions of the same state machine");
      }
      if (routes.stream().anyMatch(route -> route.versionArn().equals(version))) {
        throw new ApiException(ApiErrors.VALIDATION, "Routing configuration must contain distinct state machine version ARNs");
      }
      machine = arn.unqualifiedStateMachine();
      if (ctx.catalog().get(ApiCatalog.VERSION, version).isEmpty()) {
        throw notFound(version);
      }
      routes.add(new Route(version, weight));
      sum += weight;
    }
    if (sum != 100) {
      throw new ApiException(ApiErrors.VALIDATION, "Sum of routing configuration weights must be equal to 100");
    }
    return routes;
  }

  static ArrayNode toJson(List<Route> routes) {
    ArrayNode out = Json.array();
    for (Route route : routes) {
      out.addObject().put("stateMachineVersionArn", route.versionArn()).put("weight", route.weight());
    }
    return out;
  }

  static List<Route> routes(ObjectNode alias) {
    List<Route> out = new ArrayList<>();
    for (JsonNode item : alias.path("routingConfiguration")) {
      out.add(new Route(item.path("stateMachineVersionArn").asText(), item.path("weight").asInt()));
    }
    return out;
  }

  /** The alias filed under {@code aliasArn}, or ResourceNotFound. */
  static ObjectNode get(ApiContext ctx, String aliasArn) {
    Arn arn = Arn.parse(aliasArn, "stateMachine", 2, 2);
    if (arn.isVersion()) {
      throw ApiErrors.invalidArn("Invalid Arn resource: " + aliasArn);
    }
    return ctx.catalog().get(ApiCatalog.ALIAS, aliasArn).orElseThrow(() -> notFound(aliasArn));
  }

  /** The aliases of a state machine, by name. */
  static List<ObjectNode> of(ApiContext ctx, String machineArn) {
    return ctx.catalog().list(ApiCatalog.ALIAS).stream()
        .filter(a -> a.path("stateMachineAliasArn").asText().startsWith(machineArn + ":"))
        .toList();
  }

  /** The version a new execution through the alias runs: one of its routes, drawn by weight. */
  static String pickVersion(ObjectNode alias) {
    int draw = ThreadLocalRandom.current().nextInt(100);
    for (Route route : routes(alias)) {
      if (draw < route.weight()) {
        return route.versionArn();
      }
      draw -= route.weight();
    }
    throw new IllegalStateException("alias weights do not sum to 100: " + alias);
  }

  static ApiException notFound(String arn) {
    return new ApiException("ResourceNotFound", "Resource not found: '" + arn + "'");
  }
}
