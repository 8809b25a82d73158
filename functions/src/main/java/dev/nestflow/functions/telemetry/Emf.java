package dev.nestflow.functions.telemetry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One CloudWatch Embedded Metric Format record: a log line that CloudWatch Logs turns into metrics
 * (no PutMetricData call, nothing on the cold path). Metric names follow AWS/States
 * (ExecutionsSucceeded, LambdaFunctionsFailed ...) under nestflow's own namespace, since custom
 * metrics may not use an {@code AWS/} namespace.
 */
public final class Emf {
  public static final String DEFAULT_NAMESPACE = "nestflow/States";

  private final String namespace;
  private final Map<String, String> dimensions = new LinkedHashMap<>();
  private final Map<String, double[]> values = new LinkedHashMap<>();
  private final Map<String, String> units = new LinkedHashMap<>();

  public Emf(String namespace) {
    this.namespace = namespace;
  }

  public Emf dimension(String name, String value) {
    if (value != null) {
      dimensions.put(name, value);
    }
    return this;
  }

  /** Adds {@code value} to a Count metric. */
  public Emf count(String name, double value) {
    values.computeIfAbsent(name, n -> new double[1])[0] += value;
    units.put(name, "Count");
    return this;
  }

  public Emf milliseconds(String name, double value) {
    values.computeIfAbsent(name, n -> new double[1])[0] = value;
    units.put(name, "Milliseconds");
    return this;
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  public String line(long timestampMillis) {
    ObjectNode root = Json.object();
    ObjectNode aws = root.putObject("_aws");
    aws.put("Timestamp", timestampMillis);
    ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
    directive.put("Namespace", namespace);
    ArrayNode set = directive.putArray("Dimensions").addArray();
    dimensions.keySet().forEach(set::add);
    ArrayNode metrics = directive.putArray("Metrics");
    values.keySet().forEach(name -> metrics.addObject().put("Name", name).put("Unit", units.get(name)));
    dimensions.forEach(root::put);
    values.forEach((name, v) -> root.put(name, v[0]));
    return Json.write(root);
  }
}
