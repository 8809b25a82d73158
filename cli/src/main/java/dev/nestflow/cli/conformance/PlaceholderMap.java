package dev.nestflow.cli.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real values a runner uses for a case's placeholders, both ways: {@link #toReal} replaces
 * placeholders in definitions and inputs, {@link #toPlaceholders} replaces real values in results by
 * the placeholders the recorder would have written.
 *
 * <p>Real values: account {@value #ACCOUNT}, region {@value #REGION}, partition {@code aws}; state
 * machine names {@code nfsmN} ({@code <ArnPart_Nidx>}), the execution {@code nfexec0}
 * ({@code <ExecArnPart_0idx>}), Lambda functions {@code lambda_func_nfNNNNNN} (see
 * {@link #functionName}), queues, tables, activities and topics named {@code nf-queue-N},
 * {@code nf-table-N}, {@code nf-activity-N}, {@code nf-topic-N}.
 * The state machine under test gets the smallest {@code <ArnPart_Nidx>} that the case does not use
 * for another state machine (children, or a machine that must not exist).
 */
public final class PlaceholderMap {
  public static final String ACCOUNT = "123456789012";
  public static final String REGION = "us-east-1";
  public static final String PARTITION = "aws";
  public static final String RECORDED_ACCOUNT = "111111111111";
  public static final String ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/nf-conformance-role";
  public static final String EXECUTION_NAME = "nfexec0";

  private static final Pattern ARN_PART = Pattern.compile("<ArnPart_(\\d+)idx>");
  private static final Pattern ANGLE_TOKEN = Pattern.compile("<[^<>\\s\"]+>");
  private static final String TIMESTAMP = "<timestamp>";

  private final Map<String, String> forward = new LinkedHashMap<>();
  private final Map<String, String> reverse = new LinkedHashMap<>();
  private final String stateMachineName;
  private Pattern forwardPattern;
  private Pattern reversePattern;

  private PlaceholderMap(String stateMachineName) {
    this.stateMachineName = stateMachineName;
  }

  /** The map for a case; {@code now} fixes the value of a {@code <timestamp>} input placeholder. */
  public static PlaceholderMap forCase(ConformanceCase c, Instant now) {
    Set<Integer> usedArnParts = new TreeSet<>();
    collectArnParts(c.definition(), usedArnParts);
    collectArnParts(c.definitionText(), usedArnParts);
    collectArnParts(c.input(), usedArnParts);
    collectArnParts(c.actors(), usedArnParts);
    for (Map.Entry<String, JsonNode> child : c.children().entrySet()) {
      collectArnParts(child.getKey(), usedArnParts);
      collectArnParts(child.getValue(), usedArnParts);
    }
    int own = 0;
    while (usedArnParts.contains(own)) {
      own++;
    }
    PlaceholderMap map = new PlaceholderMap(stateMachineName(own));
    map.both(RECORDED_ACCOUNT, ACCOUNT);
    map.both("<region>", REGION);
    map.forward.put("<partition>", PARTITION);
    map.reverse.put("arn:" + PARTITION + ":", "arn:<partition>:");
    String role = rolePlaceholder(c);
    if (role != null) {
      map.reverse.put(ROLE_ARN, role);
    }
    map.both(arnPart(own), stateMachineName(own));
    for (int n : usedArnParts) {
      map.both(arnPart(n), stateMachineName(n));
    }
    map.both("<ExecArnPart_0idx>", EXECUTION_NAME);
    int fn = 0;
    for (String lambda : c.lambdas().keySet()) {
      map.both(lambda, functionName(fn++));
    }
    int resourceIndex = 0;
    for (JsonNode resource : c.resources()) {
      map.addResource(resource, resourceIndex++);
    }
    if (mentions(c.input(), TIMESTAMP)) {
      map.both(TIMESTAMP, TimestampPlaceholder.value(c, now));
    }
    map.compile();
    return map;
  }

  private void addResource(JsonNode resource, int index) {
    String placeholder = resource.path("placeholder").asText();
    String kind = resource.path("kind").asText();
    if (placeholder.isEmpty() || forward.containsKey(placeholder)) {
      return;
    }
    if (placeholder.startsWith("arn:")) {
      // an ARN whose name part is a placeholder: map that token only (partition, region, account are known)
      Matcher m = ANGLE_TOKEN.matcher(placeholder);
      while (m.find()) {
        String token = m.group();
        if (!forward.containsKey(token)) {
          both(token, "nf-" + shortKind(kind) + "-" + index);
        }
      }
      return;
    }
    String name = "nf-" + shortKind(kind) + "-" + index;
    String real =
        switch (kind) {
          case "sqs_queue_url" -> "https://sqs." + REGION + ".amazonaws.com/" + ACCOUNT + "/" + name;
          case "activity_arn" -> "arn:aws:states:" + REGION + ":" + ACCOUNT + ":activity:" + name;
          case "sns_topic_arn" -> "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":" + name;
          default -> name;
        };
    both(placeholder, real);
  }

  private static String shortKind(String kind) {
    return switch (kind) {
      case "sqs_queue_url" -> "queue";
      case "dynamodb_table" -> "table";
      case "activity_arn" -> "activity";
      case "sns_topic_arn" -> "topic";
      default -> "resource";
    };
  }

  private void both(String placeholder, String real) {
    forward.put(placeholder, real);
    reverse.putIfAbsent(real, placeholder);
  }

  private void compile() {
    forwardPattern = alternation(forward.keySet());
    reversePattern = alternation(reverse.keySet());
  }

  /** Longest first, so that at any position the longest known value wins. */
  private static Pattern alternation(Set<String> values) {
    List<String> sorted = new ArrayList<>(values);
    sorted.sort(Comparator.comparingInt(String::length).reversed().thenComparing(s -> s));
    StringBuilder regex = new StringBuilder();
    for (String value : sorted) {
      if (regex.length() > 0) {
        regex.append('|');
      }
      regex.append(Pattern.quote(value));
    }
    return Pattern.compile(regex.toString());
  }

  public String stateMachineName() {
    return stateMachineName;
  }

  public String stateMachineArn() {
    return stateMachineArn(stateMachineName);
  }

  public static String stateMachineArn(String name) {
    return "arn:aws:states:" + REGION + ":" + ACCOUNT + ":stateMachine:" + name;
  }

  /**
   * The recorder wrote the role ARN as {@code snf_role_arn}, in a few (Express) recordings as {@code
   * sfn_role_arn}; where the recorded history shows the role as an ARN with a placeholder for its
   * name ({@code arn:<partition>:iam::111111111111:role/<resource:1>}), null: the role ARN is then
   * mapped like any other ARN.
   */
  private static String rolePlaceholder(ConformanceCase c) {
    if (c.hasHistory() && !c.history().isEmpty()) {
      JsonNode recorded = c.history().get(0).path("executionStartedEventDetails").path("roleArn");
      if (recorded.isTextual() && recorded.asText().startsWith("arn:")) {
        return null;
      }
    }
    String expected = c.expected() == null ? "" : Json.write(c.expected());
    return expected.contains("\"sfn_role_arn\"") ? "sfn_role_arn" : "snf_role_arn";
  }

  /** Placeholders this map knows how to produce; any other placeholder in an expectation is a wildcard. */
  public Set<String> knownPlaceholders() {
    Set<String> known = new TreeSet<>(forward.keySet());
    known.add("arn:<partition>:");
    known.add("snf_role_arn");
    return known;
  }

  /** Placeholders replaced by real values. */
  public String toReal(String text) {
    return replace(text, forwardPattern, forward);
  }

  /** Real values replaced by placeholders. */
  public String toPlaceholders(String text) {
    return replace(text, reversePattern, reverse);
  }

  /** A copy of the value with {@link #toReal} applied to every string (not to object keys). */
  public JsonNode toReal(JsonNode value) {
    return mapStrings(value, true);
  }

  /** A copy of the value with {@link #toPlaceholders} applied to every string (not to object keys). */
  public JsonNode toPlaceholders(JsonNode value) {
    return mapStrings(value, false);
  }

  private JsonNode mapStrings(JsonNode value, boolean toReal) {
    if (value == null) {
      return null;
    }
    if (value.isTextual()) {
      String text = value.asText();
      String mapped = toReal ? toReal(text) : toPlaceholders(text);
      return mapped.equals(text) ? value : Json.NODES.textNode(mapped);
    }
    if (value.isObject()) {
      ObjectNode copy = Json.object();
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        copy.set(e.getKey(), mapStrings(e.getValue(), toReal));
      }
      return copy;
    }
    if (value.isArray()) {
      ArrayNode copy = Json.array();
      value.forEach(e -> copy.add(mapStrings(e, toReal)));
      return copy;
    }
    return value;
  }

  private static String replace(String text, Pattern pattern, Map<String, String> table) {
    if (text == null || table.isEmpty()) {
      return text;
    }
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    do {
      m.appendReplacement(out, Matcher.quoteReplacement(table.get(m.group())));
    } while (m.find());
    m.appendTail(out);
    return out.toString();
  }

  private static String arnPart(int n) {
    return "<ArnPart_" + n + "idx>";
  }

  /**
   * The real name of the case's {@code n}th Lambda function: as long as the names the recording
   * used (the recorded tests name functions {@code lambda_func_} plus an 8-character id, 20
   * characters), because a response whose Payload contains the function's name (an identity
   * function given its own name) has a Content-Length that counts the name's bytes.
   */
  static String functionName(int n) {
    return "lambda_func_nf" + String.format("%06d", n);
  }

  private static String stateMachineName(int n) {
    return "nfsm" + n;
  }

  private static void collectArnParts(JsonNode node, Set<Integer> into) {
    if (node != null) {
      collectArnParts(Json.write(node), into);
    }
  }

  private static void collectArnParts(String text, Set<Integer> into) {
    if (text == null) {
      return;
    }
    Matcher m = ARN_PART.matcher(text);
    while (m.find()) {
      into.add(Integer.parseInt(m.group(1)));
    }
  }

  private static boolean mentions(JsonNode node, String token) {
    return node != null && Json.write(node).contains(token);
  }

  /**
   * The value of {@code <timestamp>} in wait-timestamp cases, read from the case's notes: "now plus
   * &lt;days&gt; days, formatted %Y-%m-%dT%H:%M:%S.000Z" (days = the parameter id), or "the current
   * UTC time ... formatted %Y-%m-%dT%H:%M:%S and followed by the parameter suffix" (suffix = the
   * parameter id, EMPTY meaning none).
   */
  static final class TimestampPlaceholder {
    private static final DateTimeFormatter SECONDS =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private TimestampPlaceholder() {}

    static String value(ConformanceCase c, Instant now) {
      String param = parameterId(c.id());
      if (c.noteContains("plus <days> days")) {
        long days = Long.parseLong(param);
        return SECONDS.format(now.plusSeconds(days * 86_400L)) + ".000Z";
      }
      String suffix = "EMPTY".equals(param) ? "" : param;
      return SECONDS.format(now) + suffix;
    }

    private static String parameterId(String id) {
      int cut = id.lastIndexOf("__");
      return cut < 0 ? "" : id.substring(cut + 2);
    }
  }
}
