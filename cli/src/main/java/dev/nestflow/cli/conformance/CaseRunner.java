package dev.nestflow.cli.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.validation.Diagnostic;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one conformance case against an engine and compares the outcome with the recording: replaces
 * placeholders by real values, asks the engine (validate first for executions, then execute;
 * CreateStateMachine, StartExecution or ValidateStateMachineDefinition for the other kinds), maps
 * the result back to placeholders and compares result and history.
 */
public final class CaseRunner implements AutoCloseable {
  private static final Pattern MASKED = Pattern.compile("->\\s*([^,]+?)\\s*(?:,|$)");
  private static final Pattern ANGLE = Pattern.compile("<[^<>]+>");

  private final ConformanceEngine engine;
  private final Set<String> capabilities;
  private final Clock clock;
  private final Duration timeout;
  private ExecutorService worker;

  public CaseRunner(ConformanceEngine engine, Clock clock, Duration timeout) {
    this.engine = engine;
    this.capabilities = Set.copyOf(engine.capabilities());
    this.clock = clock;
    this.timeout = timeout;
    this.worker = newWorker();
  }

  public CaseRunner(ConformanceEngine engine) {
    this(engine, Clock.systemUTC(), Duration.ofSeconds(30));
  }

  public CaseOutcome run(ConformanceCase c) {
    String missing = CaseNeeds.firstMissing(CaseNeeds.of(c), capabilities);
    if (missing != null) {
      return CaseOutcome.skip(c.id(), "needs " + missing);
    }
    PlaceholderMap map = PlaceholderMap.forCase(c, clock.instant());
    try {
      return withTimeout(
          () ->
              switch (c.kind()) {
                case EXECUTION -> runExecution(c, map);
                case CREATE_REJECTED -> runCreateRejected(c, map);
                case START_REJECTED -> runStartRejected(c, map);
                case VALIDATE_DEFINITION -> runValidateDefinition(c, map);
              });
    } catch (TimeoutException e) {
      worker.shutdownNow();
      worker = newWorker();
      return CaseOutcome.fail(c.id(), "engine did not answer within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return CaseOutcome.fail(c.id(), "engine threw " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CaseOutcome.fail(c.id(), "interrupted");
    }
  }

  private CaseOutcome withTimeout(java.util.concurrent.Callable<CaseOutcome> task)
      throws TimeoutException, ExecutionException, InterruptedException {
    Future<CaseOutcome> future = worker.submit(task);
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw e;
    }
  }

  private CaseOutcome runExecution(ConformanceCase c, PlaceholderMap map) {
    String definition = definitionText(c, map);
    List<Diagnostic> diagnostics = engine.validate(definition, c.type());
    if (hasError(diagnostics)) {
      return CaseOutcome.fail(
          c.id(), "definition rejected: " + engine.invalidDefinitionMessage(diagnostics));
    }
    ExecutionResult raw = engine.execute(execution(c, map, definition));
    if (raw == null) {
      return CaseOutcome.fail(c.id(), "engine returned no result");
    }
    JsonMatcher matcher = matcherFor(c, map);
    ExecutionResult actual = toPlaceholders(raw, map);
    String resultDiff = new ResultComparator(matcher).difference(c.expected(), actual);
    CaseOutcome.HistoryVerdict historyVerdict = CaseOutcome.HistoryVerdict.NA;
    String historyDiff = null;
    if (c.hasHistory()) {
      historyDiff =
          new HistoryComparator(matcher)
              .difference(
                  c.history(),
                  normalisedHistory(c, raw.history(), map),
                  c.noteContains("normalised the events inside Parallel"));
      historyVerdict =
          historyDiff == null ? CaseOutcome.HistoryVerdict.PASS : CaseOutcome.HistoryVerdict.FAIL;
    }
    String detail =
        resultDiff == null ? historyDiff : historyDiff == null ? resultDiff : resultDiff + "; " + historyDiff;
    return new CaseOutcome(
        c.id(),
        resultDiff == null ? CaseOutcome.Verdict.PASS : CaseOutcome.Verdict.FAIL,
        historyVerdict,
        detail);
  }

  private CaseOutcome runCreateRejected(ConformanceCase c, PlaceholderMap map) {
    List<Diagnostic> diagnostics = engine.validate(definitionText(c, map), c.type());
    if (!hasError(diagnostics)) {
      return CaseOutcome.fail(c.id(), "definition accepted, expected InvalidDefinition");
    }
    String message = map.toPlaceholders(engine.invalidDefinitionMessage(diagnostics));
    return compareMessage(c, map, message);
  }

  private CaseOutcome runStartRejected(ConformanceCase c, PlaceholderMap map) {
    String inputText =
        c.inputText() != null ? map.toReal(c.inputText()) : Json.write(map.toReal(c.input()));
    Optional<String> rejection = engine.rejectInput(inputText, definitionText(c, map));
    if (rejection.isEmpty()) {
      return CaseOutcome.fail(c.id(), "input accepted, expected InvalidExecutionInput");
    }
    return compareMessage(c, map, map.toPlaceholders(rejection.get()));
  }

  private CaseOutcome compareMessage(ConformanceCase c, PlaceholderMap map, String message) {
    String expected = c.expected().path("message").asText();
    boolean same = matcherFor(c, map).stringMatches(expected, message);
    return same
        ? new CaseOutcome(c.id(), CaseOutcome.Verdict.PASS, CaseOutcome.HistoryVerdict.NA, null)
        : CaseOutcome.fail(
            c.id(),
            "message: expected "
                + JsonMatcher.snippet(Json.NODES.textNode(expected))
                + ", got "
                + JsonMatcher.snippet(Json.NODES.textNode(message)));
  }

  private CaseOutcome runValidateDefinition(ConformanceCase c, PlaceholderMap map) {
    ValidateResult result = engine.validateForApi(definitionText(c, map), c.type());
    String diff = ValidationComparator.difference(c.expected(), result);
    return diff == null
        ? new CaseOutcome(c.id(), CaseOutcome.Verdict.PASS, CaseOutcome.HistoryVerdict.NA, null)
        : CaseOutcome.fail(c.id(), diff);
  }

  /** What the engine is asked to run, every placeholder replaced by its real value. */
  static CaseExecution execution(ConformanceCase c, PlaceholderMap map, String definition) {
    Map<String, String> children = new LinkedHashMap<>();
    c.children().forEach((arn, def) -> children.put(map.toReal(arn), Json.write(map.toReal(def))));
    Map<String, JsonNode> lambdas = new LinkedHashMap<>();
    c.lambdas().forEach((name, spec) -> lambdas.put(map.toReal(name), map.toReal(spec)));
    List<JsonNode> resources = new ArrayList<>();
    for (JsonNode r : c.resources()) {
      // only the placeholder becomes real: a kind such as "activity_arn" can be a placeholder's text too
      ObjectNode real = r.deepCopy();
      if (r.path("placeholder").isTextual()) {
        real.put("placeholder", map.toReal(r.path("placeholder").asText()));
      }
      resources.add(real);
    }
    return new CaseExecution(
        c.id(),
        definition,
        c.type(),
        map.toReal(c.input()),
        map.stateMachineArn(),
        PlaceholderMap.EXECUTION_NAME,
        PlaceholderMap.ROLE_ARN,
        PlaceholderMap.REGION,
        PlaceholderMap.ACCOUNT,
        children,
        lambdas,
        resources,
        c.actors() == null ? null : map.toReal(c.actors()),
        c.requires(),
        List.copyOf(CaseNeeds.of(c)));
  }

  static String definitionText(ConformanceCase c, PlaceholderMap map) {
    if (c.definitionText() != null) {
      return map.toReal(c.definitionText());
    }
    return c.definition() == null ? "null" : Json.write(map.toReal(c.definition()));
  }

  /** The matcher for one case: the README wildcards plus what the case's notes and placeholders add. */
  static JsonMatcher matcherFor(ConformanceCase c, PlaceholderMap map) {
    Set<String> known = map.knownPlaceholders();
    Set<String> masked = new TreeSet<>();
    for (String note : c.notes()) {
      if (note.startsWith("recorder masked:")) {
        Matcher m = MASKED.matcher(note);
        while (m.find()) {
          masked.add(m.group(1));
        }
      }
    }
    Set<String> anyValue = new TreeSet<>(masked);
    Set<String> bare = new TreeSet<>();
    for (String placeholder : c.placeholders()) {
      if (known.contains(placeholder) || ANGLE.matcher(placeholder).find()) {
        continue;
      }
      anyValue.add(placeholder);
      bare.add(placeholder);
    }
    for (String value : masked) {
      if (!ANGLE.matcher(value).matches() && (value.contains("_") || value.contains("-"))) {
        bare.add(value);
      }
    }
    anyValue.removeAll(known);
    Set<String> ignored =
        c.noteContains("Lambda runtime's error payload") ? Set.of("stackTrace") : Set.of();
    return new JsonMatcher(anyValue, known, bare, ignored);
  }

  static ExecutionResult toPlaceholders(ExecutionResult raw, PlaceholderMap map) {
    return new ExecutionResult(
        raw.status(),
        map.toPlaceholders(raw.output()),
        map.toPlaceholders(raw.error()),
        map.toPlaceholders(raw.cause()),
        raw.history() == null ? List.of() : raw.history());
  }

  static List<JsonNode> normalisedHistory(ConformanceCase c, List<ObjectNode> history, PlaceholderMap map) {
    HistoryNormaliser normaliser =
        new HistoryNormaliser(c.noteContains("decoded JSON-text \"output\" fields"));
    List<JsonNode> events = new ArrayList<>();
    if (history != null) {
      for (ObjectNode event : history) {
        events.add(map.toPlaceholders(normaliser.normalise(event)));
      }
    }
    if (c.noteContains("reverseOrder=true")) {
      Collections.reverse(events);
    }
    return events;
  }

  private static boolean hasError(List<Diagnostic> diagnostics) {
    return diagnostics != null && diagnostics.stream().anyMatch(d -> "ERROR".equals(d.severity()));
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, "conformance-case");
          t.setDaemon(true);
          return t;
        });
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
