package dev.nestflow.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.cli.graph.ApiCalls;
import dev.nestflow.cli.serve.LocalService;
import dev.nestflow.console.web.SfnCalls;
import dev.nestflow.core.json.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web console in a real (headless) browser, over {@code serve}: README's nested example (the
 * pack-line children's one-hour Wait cut to one second, since serve runs on the real clock), the
 * parent's graph with every state's status, the links to a child and back, a history of more than
 * 10,000 events paged, and keyboard use. Screenshots go to target/console-screenshots, or to the
 * folder {@code nestflow.screenshots} names (docs/ when refreshing README's pictures).
 */
class ConsoleBrowserTest {
  private static final Path EXAMPLES = Path.of("..", "examples", "nested");
  private static final Duration WAIT = Duration.ofSeconds(60);

  static LocalService service;
  static SfnCalls api;
  static String base;
  static Path shots;

  @BeforeAll
  static void serve() throws Exception {
    service = LocalService.start(LocalService.Options.defaults().withPort(0), line -> {});
    base = "http://127.0.0.1:" + service.port() + "/";
    api = ApiCalls.http(URI.create(base));
    shots = Path.of(System.getProperty("nestflow.screenshots", "target/console-screenshots"));
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static String create(String name, String definition) {
    ObjectNode r = Json.object();
    r.put("name", name).put("roleArn", "arn:aws:iam::123456789012:role/local").put("definition", definition);
    return api.call("CreateStateMachine", r).path("stateMachineArn").asText();
  }

  private static String start(String machine, String name, String input) {
    ObjectNode r = ApiCalls.request("stateMachineArn", machine);
    r.put("name", name).put("input", input);
    return api.call("StartExecution", r).path("executionArn").asText();
  }

  private static JsonNode history(String arn) {
    ObjectNode r = ApiCalls.request("executionArn", arn);
    r.put("maxResults", 1000);
    return api.call("GetExecutionHistory", r).path("events");
  }

  private static void until(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT.toMillis();
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("never happened: " + what);
      }
      Thread.sleep(100);
    }
  }

  private static String status(String arn) {
    return api.call("DescribeExecution", ApiCalls.request("executionArn", arn)).path("status").asText();
  }

  private static boolean has(JsonNode events, String type, String state) {
    for (JsonNode e : events) {
      if (e.path("type").asText().equals(type) && (state == null || e.toString().contains("\"name\":\"" + state + "\""))) {
        return true;
      }
    }
    return false;
  }

  private static String page(String route, String arn) {
    return base + "#/" + route + "/" + URLEncoder.encode(arn, StandardCharsets.UTF_8);
  }

  private static String graphStatus(Chromium browser, String state) throws Exception {
    return browser.eval("(document.querySelector('#graph g.state[data-state=\"" + state + "\"]') || {}).dataset?.status || ''").asText();
  }

  @Test
  void theNestedExampleShowsItsGraphByStatusItsChildrenAsLinksAndItsHistory() throws Exception {
    create("order", Files.readString(EXAMPLES.resolve("order.asl.json")));
    create("PackLine", Files.readString(EXAMPLES.resolve("pack-line.asl.json")).replace("\"Seconds\": 3600", "\"Seconds\": 1"));
    create("Notify", Files.readString(EXAMPLES.resolve("notify.asl.json")));
    String order = start("arn:aws:states:us-east-1:123456789012:stateMachine:order", "A-1001",
        Files.readString(EXAMPLES.resolve("order-input.json")));
    until("the order reaches AwaitApproval", () -> has(history(order), "TaskStateEntered", "AwaitApproval"));
    until("AwaitApproval is sent or failed", () -> has(history(order), "TaskStarted", null) && (has(history(order), "TaskSubmitted", null)
        || !status(order).equals("RUNNING") || history(order).toString().contains("waitForTaskToken\"")));

    try (Chromium browser = Chromium.start(1400, 1000)) {
      browser.open(page("ex", order));
      browser.waitFor("document.querySelector('#graph g.state[data-state=\"PackLines\"]')", WAIT);
      browser.waitFor("document.querySelectorAll('#tree a.tree-link').length >= 3", WAIT);
      // every state of the graph (the Map's inner state too) says its status, in a word as well
      JsonNode states = browser.eval("[...document.querySelectorAll('#graph g.state')].map(g => [g.dataset.state, g.dataset.status,"
          + " g.querySelector('.state-sub').textContent])");
      Map<String, String> byName = new HashMap<>();
      for (JsonNode s : states) {
        byName.put(s.get(0).asText(), s.get(1).asText());
        assertThat(s.get(2).asText()).as(s.get(0).asText()).contains(s.get(1).asText().replace('-', ' '));
      }
      assertThat(byName).containsOnlyKeys("PackLines", "PackLine", "AwaitApproval", "IsApproved", "Rejected", "Notify", "Done");
      assertThat(byName).containsEntry("PackLines", "succeeded").containsEntry("PackLine", "succeeded");
      boolean waiting = byName.get("AwaitApproval").equals("running");
      if (!waiting) {
        // serve without an SQS integration: the callback's send fails, and the graph says where
        assertThat(byName).containsEntry("AwaitApproval", "failed").containsEntry("IsApproved", "not-reached");
      } else {
        // answer the manager's approval from the page: the token is found in the callback's parameters
        browser.waitFor("document.getElementById('task-token') && document.getElementById('task-token').value.length > 20", WAIT);
        browser.eval("document.getElementById('task-output').value = " + Json.write(Json.MAPPER.getNodeFactory().textNode(
            Files.readString(EXAMPLES.resolve("approval.json")))) + "; document.getElementById('send-success').click(); true");
        until("the order succeeds", () -> status(order).equals("SUCCEEDED"));
        browser.waitFor("document.querySelector('#execution-status .status.SUCCEEDED')", WAIT);
        browser.waitFor("document.querySelector('#graph g.state[data-state=\"Done\"][data-status=\"succeeded\"]')", WAIT);
        assertThat(graphStatus(browser, "Notify")).isEqualTo("succeeded");
        assertThat(graphStatus(browser, "Rejected")).isEqualTo("not-reached");
        browser.waitFor("document.querySelectorAll('#tree a.tree-link').length >= 4", WAIT);
      }
      browser.waitFor("document.querySelector('#events tbody tr')", WAIT);
      // each event names its state: a Map's own events the Map, its iteration's task events the task
      JsonNode rows = browser.eval("[...document.querySelectorAll('#events tbody tr')].map(r => [r.children[1].textContent.replace(/^. /, ''),"
          + " r.children[2].textContent])");
      for (JsonNode row : rows) {
        String type = row.get(0).asText();
        if (type.startsWith("MapState") || type.startsWith("MapIteration")) {
          assertThat(row.get(1).asText()).as(type).isEqualTo("PackLines");
        } else if (type.startsWith("Task") && !row.get(1).asText().equals("AwaitApproval")) {
          assertThat(row.get(1).asText()).as(type).isIn("PackLine", "Notify");
        }
      }
      assertThat(browser.eval("document.querySelector('#map-runs').innerText").asText()).contains("PackLines").contains("3 succeeded");
      browser.screenshot(shots.resolve("console-execution.png"));

      // down to a child with the keyboard (focus its link, Enter), and back up through "Started by"
      String child = browser.eval("document.querySelector('#tree a.tree-link').textContent").asText();
      browser.eval("document.querySelector('#tree a.tree-link').focus(); true");
      browser.press("Enter", 13);
      browser.waitFor("document.querySelector('h1') && document.querySelector('h1').textContent.includes('" + child + "')", WAIT);
      browser.waitFor("document.querySelector('#graph g.state[data-state=\"Label\"][data-status=\"succeeded\"]')", WAIT);
      browser.waitFor("document.querySelector('#tree li[data-execution=\"" + order + "\"] > a')", WAIT);
      assertThat(graphStatus(browser, "Pick")).isEqualTo("succeeded");
      // a state of the graph opens with the keyboard: its input and output
      browser.eval("document.querySelector('#graph g.state[data-state=\"Label\"]').focus(); true");
      browser.press("Enter", 13);
      browser.waitFor("document.getElementById('state-panel-title')", WAIT);
      String panel = browser.eval("document.getElementById('state-panel').innerText").asText();
      assertThat(panel).contains("State Label").contains("PassStateEntered").contains("PassStateExited").contains("\"parcel\"").doesNotContain("null");
      browser.screenshot(shots.resolve("console-child.png"));
      browser.eval("document.getElementById('parent-link').click(); true");
      browser.waitFor("document.querySelector('h1') && document.querySelector('h1').textContent.includes('A-1001')", WAIT);
      browser.waitFor("document.querySelector('#graph g.state[data-state=\"PackLines\"]')", WAIT);

      // the state machine's page: its executions, filtered by status
      browser.open(page("sm", "arn:aws:states:us-east-1:123456789012:stateMachine:PackLine"));
      browser.waitFor("document.querySelectorAll('#executions tbody tr a').length === 3", WAIT);
      browser.eval("{ const s = document.getElementById('status-filter'); s.value = 'FAILED'; s.dispatchEvent(new Event('change')); } true");
      browser.waitFor("document.querySelector('#executions tbody').innerText.includes('No executions')", WAIT);
      browser.eval("{ const s = document.getElementById('status-filter'); s.value = ''; s.dispatchEvent(new Event('change')); } true");
      browser.waitFor("document.querySelectorAll('#executions tbody tr a').length === 3", WAIT);
      browser.waitFor("document.querySelector('#graph g.state[data-state=\"Pick\"]')", WAIT);
      browser.screenshot(shots.resolve("console-state-machine.png"));

      browser.open(base);
      browser.waitFor("document.querySelectorAll('#machines tbody tr').length >= 3", WAIT);
      // the first Tab reaches the skip link: the page is usable without a mouse
      browser.press("Tab", 9);
      assertThat(browser.eval("document.activeElement.className").asText()).isEqualTo("skip");
    }
  }

  @Test
  void aHistoryOfMoreThanTenThousandEventsIsPagedAndEachEventOpensAsJson() throws Exception {
    String machine = create("Counter", """
        {"StartAt":"Init","States":{
          "Init":{"Type":"Pass","Result":0,"ResultPath":"$.n","Next":"More?"},
          "More?":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericLessThan":2600,"Next":"Count"}],"Default":"Done"},
          "Count":{"Type":"Pass","Parameters":{"n.$":"States.MathAdd($.n, 1)"},"Next":"More?"},
          "Done":{"Type":"Succeed"}}}""");
    String arn = start(machine, "long", "{}");
    until("the counter ends", () -> !status(arn).equals("RUNNING"));
    assertThat(status(arn)).isEqualTo("SUCCEEDED");
    int total = dev.nestflow.console.web.ExecutionGraph.history(api, arn).size();
    assertThat(total).isGreaterThan(10_000);
    String pages = " of " + (total + 99) / 100;

    try (Chromium browser = Chromium.start(1400, 1000)) {
      browser.open(page("ex", arn));
      browser.waitFor("document.getElementById('history-page') && document.getElementById('history-page').textContent.includes('" + pages + "')", WAIT);
      assertThat(browser.eval("document.querySelectorAll('#events tbody tr').length").asInt()).isEqualTo(100);
      for (int i = 0; i < 3; i++) {
        browser.eval("document.getElementById('history-next').click(); true");
        String expected = "page " + (i + 2) + pages;
        browser.waitFor("document.getElementById('history-page').textContent.startsWith('" + expected + "')", WAIT);
      }
      assertThat(browser.eval("document.getElementById('history-page').textContent").asText()).contains("events 301–400 of " + total);
      browser.eval("document.getElementById('history-prev').click(); true");
      browser.waitFor("document.getElementById('history-page').textContent.startsWith('page 3" + pages + "')", WAIT);
      // open event 250 with the keyboard: its JSON shows, and it is that event
      browser.eval("document.querySelector('tr[data-event=\"250\"] button.expand').focus(); true");
      browser.press("Enter", 13);
      browser.waitFor("!document.getElementById('event-json-250').hidden", WAIT);
      JsonNode shown = Json.parse(browser.eval("document.getElementById('event-json-250').textContent").asText());
      assertThat(shown.path("id").asInt()).isEqualTo(250);
      assertThat(browser.eval("document.querySelector('tr[data-event=\"250\"] button.expand').getAttribute('aria-expanded')").asText())
          .isEqualTo("true");
      assertThat(graphStatusOf(browser, "Count")).isEqualTo("succeeded");
      browser.eval("document.querySelector('tr[data-event=\"250\"]').scrollIntoView({block: 'center'}); true");
      browser.screenshot(shots.resolve("console-history.png"), false);
    }
  }

  @Test
  void aRunningExecutionRefreshesItselfAndIsStoppedOrAnsweredFromThePage() throws Exception {
    ObjectNode activity = Json.object();
    activity.put("name", "approve");
    String activityArn = api.call("CreateActivity", activity).path("activityArn").asText();
    String asks = create("Asks", """
        {"StartAt":"Approve","States":{"Approve":{"Type":"Task","Resource":"%s","End":true}}}""".formatted(activityArn));

    try (Chromium browser = Chromium.start(1400, 1000)) {
      // live refresh: the page follows the execution to its end without a reload (a worker answers meanwhile)
      ObjectNode held = Json.object();
      held.put("name", "hold");
      String holdArn = api.call("CreateActivity", held).path("activityArn").asText();
      String slow = create("Slow", """
          {"StartAt":"Hold","States":{"Hold":{"Type":"Task","Resource":"%s","Next":"Done"},"Done":{"Type":"Pass","End":true}}}"""
          .formatted(holdArn));
      String holding = start(slow, "holding", "{}");
      browser.open(page("ex", holding));
      browser.waitFor("document.querySelector('#graph g.state[data-state=\"Hold\"][data-status=\"running\"]')", WAIT);
      assertThat(browser.eval("document.getElementById('live').textContent").asText()).contains("refreshing");
      browser.eval("window.marker = 'same page'; true");
      ObjectNode answer = Json.object();
      answer.put("taskToken", api.call("GetActivityTask", ApiCalls.request("activityArn", holdArn)).path("taskToken").asText());
      answer.put("output", "{}");
      api.call("SendTaskSuccess", answer);
      browser.waitFor("document.querySelector('#execution-status .status.SUCCEEDED')", WAIT);
      browser.waitFor("document.querySelector('#graph g.state[data-state=\"Done\"][data-status=\"succeeded\"]')", WAIT);
      assertThat(browser.eval("window.marker").asText()).isEqualTo("same page");

      // Stop from the page
      String stopped = start(create("Sleepy", """
          {"StartAt":"Nap","States":{"Nap":{"Type":"Wait","Seconds":600,"End":true}}}"""), "sleepy", "{}");
      browser.open(page("ex", stopped));
      browser.waitFor("document.getElementById('stop')", WAIT);
      browser.eval("window.confirm = () => true; document.getElementById('stop').click(); true");
      until("the execution is stopped", () -> status(stopped).equals("ABORTED"));
      browser.waitFor("document.querySelector('#execution-status .status.ABORTED')", WAIT);
      browser.waitFor("document.querySelector('#graph g.state[data-state=\"Nap\"][data-status=\"cancelled\"]')", WAIT);

      // SendTaskSuccess from the page, with the token a worker got
      String asking = start(asks, "asking", "{}");
      browser.open(page("ex", asking));
      browser.waitFor("document.getElementById('send-success')", WAIT);
      String token = api.call("GetActivityTask", ApiCalls.request("activityArn", activityArn)).path("taskToken").asText();
      assertThat(token).isNotEmpty();
      browser.eval("document.getElementById('task-token').value = " + Json.write(Json.MAPPER.getNodeFactory().textNode(token))
          + "; document.getElementById('task-output').value = '{\"approved\": true}';"
          + " document.getElementById('send-success').click(); true");
      browser.waitFor("document.getElementById('action-result').textContent.includes('sent')", WAIT);
      until("the answered execution succeeds", () -> status(asking).equals("SUCCEEDED"));
      browser.waitFor("document.querySelector('#graph g.state[data-state=\"Approve\"][data-status=\"succeeded\"]')", WAIT);
    }
  }

  private static String graphStatusOf(Chromium browser, String state) throws Exception {
    browser.waitFor("document.querySelector('#graph g.state[data-state=\"" + state + "\"]')", WAIT);
    return graphStatus(browser, state);
  }
}
