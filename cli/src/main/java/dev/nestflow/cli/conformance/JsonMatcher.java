package dev.nestflow.cli.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares an expected JSON value (from the corpus, with wildcards) to an actual one (already mapped
 * back to placeholders), following step 4 of the corpus README: object key order does not matter,
 * array order does, numbers compare by value, and
 *
 * <ul>
 *   <li>an expected string that is wholly one of {@link #ANY_VALUE} (or a value the recorder masked,
 *       see the case notes) matches any JSON value, and such a wildcard in quotes (the JSON text of
 *       a masked string) matches the JSON text of any string;
 *   <li>a placeholder the runner cannot produce ({@code <uuid:N>}, {@code <resource:N>},
 *       {@code <task_token:N>}, {@code a_task_token}, ...) matches any string, or any substring when
 *       embedded in a longer string;
 *   <li>members named in {@code ignoredKeys} (e.g. a Lambda runtime's {@code stackTrace}) are not
 *       compared.
 * </ul>
 */
public final class JsonMatcher {
  /** Whole-value wildcards of the README. */
  public static final Set<String> ANY_VALUE =
      Set.of(
          "start-date",
          "stop-date",
          "date",
          "content-length",
          "timestamp",
          "x-amzn-RequestId",
          // the recorder replaced the Lambda trace header's value by its name, as it did for the request id
          "X-Amzn-Trace-Id",
          // likewise DynamoDB's checksum header, and the request id under the lower-case name GetItem answers use
          "x-amz-crc32",
          "x-amzn-requestid",
          "RequestId",
          "task_token",
          "generated-uuid");

  private static final Pattern ANGLE_TOKEN = Pattern.compile("<<[^<>\\s\"]+>:\\d+>|<[^<>\\s\"]+>");

  private final Set<String> anyValue;
  private final Set<String> known;
  private final List<String> bareWildcards;
  private final Set<String> ignoredKeys;

  /**
   * @param extraAnyValue further whole-value wildcards (masked values, unmapped bare placeholders)
   * @param knownPlaceholders placeholders the runner produces itself; these must match exactly
   * @param bareWildcards bare (not angle-bracketed) placeholders that also match when embedded
   * @param ignoredKeys object members not compared
   */
  public JsonMatcher(
      Set<String> extraAnyValue,
      Set<String> knownPlaceholders,
      Set<String> bareWildcards,
      Set<String> ignoredKeys) {
    Set<String> any = new TreeSet<>(ANY_VALUE);
    any.addAll(extraAnyValue);
    this.anyValue = Set.copyOf(any);
    this.known = Set.copyOf(knownPlaceholders);
    List<String> bare = new ArrayList<>(bareWildcards);
    bare.removeAll(knownPlaceholders);
    bare.sort((a, b) -> Integer.compare(b.length(), a.length()));
    this.bareWildcards = List.copyOf(bare);
    this.ignoredKeys = Set.copyOf(ignoredKeys);
  }

  /** A matcher with only the README wildcards and no known placeholders. */
  public static JsonMatcher plain() {
    return new JsonMatcher(Set.of(), Set.of(), Set.of(), Set.of());
  }

  /** Null when the values match, else the first difference ("at $.a[2]: expected 1, got 2"). */
  public String difference(JsonNode expected, JsonNode actual) {
    return difference("$", expected, actual);
  }

  public boolean matches(JsonNode expected, JsonNode actual) {
    return difference(expected, actual) == null;
  }

  private String difference(String at, JsonNode expected, JsonNode actual) {
    JsonNode exp = expected == null ? Json.NODES.nullNode() : expected;
    JsonNode act = actual == null || actual.isMissingNode() ? Json.NODES.nullNode() : actual;
    if (exp.isTextual()) {
      String text = exp.asText();
      if (anyValue.contains(text)) {
        return null;
      }
      if (act.isTextual() && stringMatches(text, act.asText())) {
        return null;
      }
      if (act.isTextual() && sameJsonText(text, act.asText())) {
        return null;
      }
      if (act.isTextual() && maskedJsonString(text, act.asText())) {
        return null;
      }
      return mismatch(at, exp, act);
    }
    if (exp.isNumber()) {
      return act.isNumber() && exp.decimalValue().compareTo(act.decimalValue()) == 0
          ? null
          : mismatch(at, exp, act);
    }
    if (exp.isObject()) {
      if (!act.isObject()) {
        return mismatch(at, exp, act);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = exp.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (ignoredKeys.contains(e.getKey())) {
          continue;
        }
        String path = at + "." + e.getKey();
        if (!act.has(e.getKey())) {
          return "at " + path + ": missing (expected " + snippet(e.getValue()) + ")";
        }
        String diff = difference(path, e.getValue(), act.get(e.getKey()));
        if (diff != null) {
          return diff;
        }
      }
      for (Iterator<String> it = act.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!exp.has(name) && !ignoredKeys.contains(name)) {
          return "at " + at + "." + name + ": unexpected member " + snippet(act.get(name));
        }
      }
      return null;
    }
    if (exp.isArray()) {
      if (!act.isArray()) {
        return mismatch(at, exp, act);
      }
      int common = Math.min(exp.size(), act.size());
      for (int i = 0; i < common; i++) {
        String diff = difference(at + "[" + i + "]", exp.get(i), act.get(i));
        if (diff != null) {
          return diff;
        }
      }
      return exp.size() == act.size()
          ? null
          : "at " + at + ": expected " + exp.size() + " elements, got " + act.size();
    }
    return exp.equals(act) ? null : mismatch(at, exp, act);
  }

  /**
   * Two texts that are both JSON arrays or objects and equal as JSON values: AWS records execution
   * input exactly as the client sent it (a Python client writes {@code [1, 2]}), which is the same
   * value as our compact {@code [1,2]}.
   */
  private boolean sameJsonText(String expected, String actual) {
    String e = expected.strip();
    if (!(e.startsWith("[") || e.startsWith("{"))) {
      return false;
    }
    try {
      return difference("$", Json.parse(expected), Json.parse(actual)) == null;
    } catch (RuntimeException notJson) {
      return false;
    }
  }

  /**
   * A JSON text field (an assigned variable's value, say) that holds a string the recorder masked:
   * the recording keeps the quotes around the wildcard ({@code "\"date\""}), which matches the JSON
   * text of any string.
   */
  private boolean maskedJsonString(String expected, String actual) {
    return expected.length() > 2 && expected.startsWith("\"") && expected.endsWith("\"")
        && anyValue.contains(expected.substring(1, expected.length() - 1))
        && actual.length() >= 2 && actual.startsWith("\"") && actual.endsWith("\"");
  }

  /** Exact equality, except that placeholders the runner does not produce match any substring. */
  public boolean stringMatches(String expected, String actual) {
    if (expected.equals(actual)) {
      return true;
    }
    List<int[]> wildcards = wildcardSpans(expected);
    if (wildcards.isEmpty()) {
      return false;
    }
    StringBuilder regex = new StringBuilder();
    int from = 0;
    for (int[] span : wildcards) {
      regex.append(Pattern.quote(expected.substring(from, span[0]))).append("[\\s\\S]*?");
      from = span[1];
    }
    regex.append(Pattern.quote(expected.substring(from)));
    return Pattern.compile(regex.toString()).matcher(actual).matches();
  }

  private List<int[]> wildcardSpans(String expected) {
    List<int[]> spans = new ArrayList<>();
    Matcher m = ANGLE_TOKEN.matcher(expected);
    while (m.find()) {
      if (!known.contains(m.group())) {
        spans.add(new int[] {m.start(), m.end()});
      }
    }
    for (String bare : bareWildcards) {
      int i = expected.indexOf(bare);
      while (i >= 0) {
        int end = i + bare.length();
        if (!overlaps(spans, i, end)) {
          spans.add(new int[] {i, end});
        }
        i = expected.indexOf(bare, end);
      }
    }
    spans.sort((a, b) -> Integer.compare(a[0], b[0]));
    return spans;
  }

  private static boolean overlaps(List<int[]> spans, int start, int end) {
    for (int[] s : spans) {
      if (start < s[1] && s[0] < end) {
        return true;
      }
    }
    return false;
  }

  private static String mismatch(String at, JsonNode expected, JsonNode actual) {
    return "at " + at + ": expected " + snippet(expected) + ", got " + snippet(actual);
  }

  /** Compact JSON, shortened to keep report lines readable. */
  public static String snippet(JsonNode value) {
    String text = value == null ? "(none)" : Json.write(value);
    return text.length() <= 160 ? text : text.substring(0, 157) + "...";
  }
}
