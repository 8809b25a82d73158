// nestflow console: plain JavaScript over the Step Functions API (POST with X-Amz-Target), so the
// same page works on `nestflow serve` and, through `nestflow proxy`, on a deployed stack. The only
// other request is the graph drawing (GET /console/graph.svg), made where the layout library is.
"use strict";

const HISTORY_PAGE = 100;
const REFRESH_MS = 2000;
const TREE_LIMIT = 60;

let refreshTimer = null;

async function api(operation, body) {
  const response = await fetch("/", {
    method: "POST",
    headers: { "X-Amz-Target": "AWSStepFunctions." + operation, "Content-Type": "application/x-amz-json-1.0" },
    body: JSON.stringify(body || {}),
  });
  const text = await response.text();
  let json;
  try { json = text ? JSON.parse(text) : {}; } catch (e) { json = { message: text }; }
  if (!response.ok) {
    const type = (json.__type || "HTTP " + response.status).split("#").pop();
    const error = new Error(type + ": " + (json.message || json.Message || text));
    error.type = type;
    throw error;
  }
  return json;
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function link(route, text, attrs) {
  return el("a", Object.assign({ href: "#" + route }, attrs || {}), text);
}

function status(s) {
  return el("span", { class: "status " + s, "data-status": s }, s);
}

function date(value) {
  if (value === undefined || value === null) return "";
  const d = new Date(typeof value === "number" ? value * 1000 : value);
  return isNaN(d) ? String(value) : d.toISOString().replace("T", " ").replace("Z", "");
}

function arnName(arn) {
  return arn ? arn.split(":").slice(6).join(":") : "";
}

function machineOf(executionArn) {
  const p = executionArn.split(":");
  return p.slice(0, 5).join(":") + ":stateMachine:" + p[6];
}

function crumbs(...items) {
  const ol = document.getElementById("crumbs");
  ol.replaceChildren(...items.map((i) => el("li", {}, i)));
}

function live(text) {
  document.getElementById("live").textContent = text;
}

function show(...nodes) {
  const main = document.getElementById("main");
  main.replaceChildren(...nodes);
}

function failure(e) {
  return el("p", { class: "error", role: "alert" }, e.message || String(e));
}

// ---- routing --------------------------------------------------------------------------------

function route() {
  clearTimeout(refreshTimer);
  refreshTimer = null;
  live("");
  const hash = decodeURIComponent(location.hash.slice(1) || "/");
  const [, kind, ...rest] = hash.split("/");
  const arg = rest.join("/");
  const page = kind === "sm" ? machinePage(arg) : kind === "ex" ? executionPage(arg) : machinesPage();
  page.catch((e) => show(failure(e)));
}

window.addEventListener("hashchange", route);
window.addEventListener("DOMContentLoaded", route);

// ---- state machines ---------------------------------------------------------------------------

async function machinesPage() {
  crumbs(el("span", {}, "State machines"));
  const machines = [];
  let token;
  do {
    const page = await api("ListStateMachines", token ? { nextToken: token, maxResults: 1000 } : { maxResults: 1000 });
    machines.push(...page.stateMachines);
    token = page.nextToken;
  } while (token);
  document.title = "State machines · nestflow";
  show(
    el("h1", {}, "State machines"),
    machines.length === 0
      ? el("p", { class: "muted" }, "No state machines yet: create one with CreateStateMachine.")
      : el("table", { id: "machines" },
          el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Name"), el("th", { scope: "col" }, "Type"),
            el("th", { scope: "col" }, "Created"))),
          el("tbody", {}, machines.map((m) => el("tr", {},
            el("td", {}, link("/sm/" + m.stateMachineArn, m.name)), el("td", {}, m.type), el("td", {}, date(m.creationDate)))))));
}

async function machinePage(arn) {
  const machine = await api("DescribeStateMachine", { stateMachineArn: arn });
  document.title = machine.name + " · nestflow";
  crumbs(link("/", "State machines"), el("span", {}, machine.name));
  const executions = el("section", { "aria-labelledby": "executions-title" });
  const versions = el("section", { "aria-labelledby": "versions-title" });
  const graph = el("div", { class: "graph", id: "graph" }, "Drawing…");
  show(
    el("h1", {}, machine.name),
    el("dl", { class: "facts" },
      el("dt", {}, "ARN"), el("dd", {}, machine.stateMachineArn),
      el("dt", {}, "Type"), el("dd", {}, machine.type),
      el("dt", {}, "Created"), el("dd", {}, date(machine.creationDate))),
    el("div", { class: "columns" },
      el("div", {}, executions),
      el("div", {}, el("h2", {}, "Definition"), graph, versions)));
  drawGraph(graph, "stateMachine=" + encodeURIComponent(arn));
  if (machine.type === "STANDARD") executionList(executions, arn);
  else executions.append(el("p", { class: "muted" }, "Express executions are not listed (as on AWS)."));
  api("ListStateMachineVersions", { stateMachineArn: arn, maxResults: 1000 }).then((r) => {
    versions.append(el("h2", { id: "versions-title" }, "Versions"));
    if (!r.stateMachineVersions.length) versions.append(el("p", { class: "muted" }, "No published versions."));
    else versions.append(el("ul", {}, r.stateMachineVersions.map((v) =>
      el("li", {}, link("/sm/" + v.stateMachineVersionArn, "Version " + v.stateMachineVersionArn.split(":").pop()),
        " ", el("span", { class: "muted" }, date(v.creationDate))))));
  }).catch(() => {});
}

function executionList(section, machineArn) {
  const select = el("select", { id: "status-filter", "aria-label": "Status" },
    ["", "RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"].map((s) => el("option", { value: s }, s || "any status")));
  const name = el("input", { id: "name-filter", type: "search", placeholder: "name contains", "aria-label": "Name contains" });
  const body = el("tbody");
  const prev = el("button", { id: "executions-prev", type: "button", disabled: true }, "◀ Previous");
  const next = el("button", { id: "executions-next", type: "button", disabled: true }, "Next ▶");
  const where = el("span", { class: "muted" });
  const tokens = [null];
  let index = 0;
  async function load() {
    const request = { stateMachineArn: machineArn, maxResults: 25 };
    if (select.value) request.statusFilter = select.value;
    if (tokens[index]) request.nextToken = tokens[index];
    const page = await api("ListExecutions", request);
    const wanted = name.value.trim().toLowerCase();
    const rows = page.executions.filter((e) => !wanted || e.name.toLowerCase().includes(wanted));
    tokens[index + 1] = page.nextToken || null;
    body.replaceChildren(...(rows.length ? rows.map((e) => el("tr", {},
      el("td", {}, link("/ex/" + e.executionArn, e.name)), el("td", {}, status(e.status)),
      el("td", {}, date(e.startDate)), el("td", {}, date(e.stopDate))))
      : [el("tr", {}, el("td", { colspan: 4, class: "muted" }, "No executions on this page match."))]));
    prev.disabled = index === 0;
    next.disabled = !page.nextToken;
    where.textContent = "page " + (index + 1);
  }
  const reload = () => { tokens.length = 1; index = 0; load().catch((e) => section.append(failure(e))); };
  select.addEventListener("change", reload);
  name.addEventListener("input", reload);
  prev.addEventListener("click", () => { index--; load(); });
  next.addEventListener("click", () => { index++; load(); });
  section.append(el("h2", { id: "executions-title" }, "Executions"),
    el("div", { class: "filters" }, select, name),
    el("table", { id: "executions" }, el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Name"),
      el("th", { scope: "col" }, "Status"), el("th", { scope: "col" }, "Started"), el("th", { scope: "col" }, "Stopped"))), body),
    el("div", { class: "pager" }, prev, where, next));
  reload();
}

// ---- graph ------------------------------------------------------------------------------------

async function drawGraph(container, query) {
  try {
    const response = await fetch("/console/graph.svg?" + query, { cache: "no-store" });
    const text = await response.text();
    if (!response.ok) throw new Error(text);
    container.innerHTML = text;
    container.querySelectorAll("g.state").forEach((g) => {
      g.setAttribute("role", "img");
      g.setAttribute("aria-label", g.querySelector("title").textContent);
    });
  } catch (e) {
    container.replaceChildren(failure(e));
  }
}

// ---- one execution --------------------------------------------------------------------------

async function executionPage(arn) {
  const ex = await api("DescribeExecution", { executionArn: arn });
  document.title = ex.name + " · nestflow";
  crumbs(link("/", "State machines"), link("/sm/" + ex.stateMachineArn, arnName(ex.stateMachineArn)),
    el("span", {}, ex.name));
  const graph = el("div", { class: "graph", id: "graph" }, "Drawing…");
  const facts = el("dl", { class: "facts", id: "facts" });
  const actions = el("section", { "aria-labelledby": "actions-title" });
  const tree = el("section", { id: "tree", "aria-labelledby": "tree-title" });
  const maps = el("section", { id: "map-runs" });
  const history = el("section", { id: "history", "aria-labelledby": "history-title" });
  const statePanel = el("section", { id: "state-panel", "aria-live": "polite" });
  show(el("h1", {}, "Execution ", ex.name, " ", el("span", { id: "execution-status" }, status(ex.status))),
    facts,
    el("div", { class: "columns" },
      el("div", {},
        el("h2", {}, "Graph"),
        el("p", { class: "muted" }, "Select a state (click, or Tab to it and press Enter) to see its input and output."),
        el("p", { class: "legend" }, "Each state says its status in words and marks: ✓ succeeded, ▶ running (hatched),",
          " ! caught (dash-dot border), ✗ failed (hatched), – cancelled, not reached (dashed border)."),
        graph, statePanel),
      el("div", {}, actions, tree, maps)),
    history);
  describe(facts, ex);
  drawGraph(graph, "execution=" + encodeURIComponent(arn));
  let events = await allEvents(arn);
  const select = (target) => {
    const g = target.closest && target.closest("g.state");
    if (g) showState(statePanel, g.dataset.state, events);
  };
  graph.addEventListener("click", (e) => select(e.target));
  graph.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); select(e.target); } });
  executionActions(actions, ex, events);
  executionTree(tree, ex, events);
  mapIterations(maps, events);
  historyTable(history, arn, events);
  if (ex.status === "RUNNING") {
    const refresh = async () => {
      if (!location.hash.includes(encodeURIComponent(arn)) && decodeURIComponent(location.hash.slice(1)) !== "/ex/" + arn) return;
      try {
        const now = await api("DescribeExecution", { executionArn: arn });
        live("refreshed " + new Date().toLocaleTimeString());
        if (now.status !== "RUNNING") { route(); return; }
        drawGraph(graph, "execution=" + encodeURIComponent(arn));
        const latest = await allEvents(arn);
        events = latest;
        executionTree(tree, now, latest);
        mapIterations(maps, latest);
        history.dispatchEvent(new CustomEvent("grown", { detail: latest }));
      } catch (e) {
        live("refresh failed: " + e.message);
      }
      refreshTimer = setTimeout(refresh, REFRESH_MS);
    };
    refreshTimer = setTimeout(refresh, REFRESH_MS);
    live("live: refreshing every " + REFRESH_MS / 1000 + " s while running");
  }
}

/** A state's runs: each entry's input, each exit's output, and the failures in between. */
function showState(panel, name, events) {
  const owner = owners(events);
  const rows = events.filter((e) => owner.get(e.id) === name
    && (/State(Entered|Exited)$/.test(e.type) || /(Failed|TimedOut|Aborted)$/.test(e.type)));
  panel.replaceChildren(el("h3", { id: "state-panel-title" }, "State ", name),
    rows.length === 0 ? el("p", { class: "muted" }, "Not reached in this execution.")
      : el("table", { class: "state-runs" },
          el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Event"), el("th", { scope: "col" }, "Type"),
            el("th", { scope: "col" }, "Input, output or error"))),
          el("tbody", {}, rows.slice(-50).map((e) => {
            const d = details(e);
            const payload = d.input !== undefined ? d.input : d.output !== undefined ? d.output
              : (d.error || "") + (d.cause ? ": " + d.cause : "");
            return el("tr", { "data-event": e.id }, el("td", { class: "num" }, e.id), el("td", {}, e.type),
              el("td", {}, el("pre", { class: "json" }, pretty(payload))));
          }))),
    rows.length > 50 ? el("p", { class: "muted" }, "The last 50 of " + rows.length + " events.") : "");
  panel.scrollIntoView({ block: "nearest" });
}

function describe(facts, ex) {
  let parent = null;
  try { parent = JSON.parse(ex.input || "{}").AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID; } catch (e) { /* not JSON */ }
  const rows = [["ARN", ex.executionArn], ["State machine", link("/sm/" + ex.stateMachineArn, ex.stateMachineArn)],
    ["Started", date(ex.startDate)], ["Stopped", date(ex.stopDate)]];
  if (parent) rows.push(["Started by", link("/ex/" + parent, arnName(parent), { id: "parent-link" })]);
  if (ex.error) rows.push(["Error", ex.error]);
  if (ex.cause) rows.push(["Cause", ex.cause]);
  rows.push(["Input", el("details", {}, el("summary", {}, "show input"), el("pre", { class: "json" }, pretty(ex.input)))]);
  if (ex.output !== undefined) rows.push(["Output", el("details", {}, el("summary", {}, "show output"), el("pre", { class: "json" }, pretty(ex.output)))]);
  facts.replaceChildren(...rows.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
}

function pretty(text) {
  if (text === undefined || text === null) return "";
  try { return JSON.stringify(typeof text === "string" ? JSON.parse(text) : text, null, 2); } catch (e) { return String(text); }
}

async function allEvents(arn) {
  const events = [];
  let token;
  do {
    const page = await api("GetExecutionHistory", token ? { executionArn: arn, maxResults: 1000, nextToken: token }
      : { executionArn: arn, maxResults: 1000 });
    events.push(...page.events);
    token = page.nextToken;
  } while (token);
  return events;
}

function details(event) {
  for (const [k, v] of Object.entries(event)) if (k.endsWith("EventDetails")) return v;
  return {};
}

/** Open callback tasks: their TaskScheduled events, with a token found in their parameters when one is there. */
function openCallbacks(events) {
  const closed = new Set();
  const open = [];
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    // walking back from an answer: the task's Submitted and Started events lead to its Scheduled one
    if (/^Task(Succeeded|Failed|TimedOut)$/.test(e.type)) closed.add(e.previousEventId);
    if (/^Task(Started|Submitted)$/.test(e.type) && closed.has(e.id)) closed.add(e.previousEventId);
    if (e.type === "TaskScheduled" && /waitForTaskToken/.test(details(e).resource || "")) {
      if (closed.has(e.id)) continue;
      let token = "";
      const walk = (v, key) => {
        if (token) return;
        if (typeof v === "string" && /token/i.test(key || "") && v.length > 20) token = v;
        else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, k);
      };
      try { walk(JSON.parse(details(e).parameters || "{}")); } catch (err) { /* not JSON */ }
      open.push({ event: e, token });
    }
  }
  return open;
}

function executionActions(section, ex, events) {
  section.append(el("h2", { id: "actions-title" }, "Actions"));
  if (ex.status !== "RUNNING") {
    section.append(el("p", { class: "muted" }, "The execution has ended: nothing to stop or answer."));
    return;
  }
  const message = el("p", { role: "status", id: "action-result" });
  const stop = el("button", { type: "button", class: "danger", id: "stop" }, "Stop execution");
  stop.addEventListener("click", async () => {
    if (!confirm("Stop " + ex.name + "?")) return;
    try {
      await api("StopExecution", { executionArn: ex.executionArn, error: "Console.Stopped", cause: "Stopped from the nestflow console" });
      message.textContent = "Stopped.";
      route();
    } catch (e) { message.textContent = e.message; }
  });
  const token = el("input", { id: "task-token", type: "text", size: 40, "aria-label": "Task token" });
  const output = el("textarea", { id: "task-output", rows: 3, cols: 40, "aria-label": "Task output (JSON)" }, "{}");
  const send = el("button", { type: "button", id: "send-success" }, "Send task success");
  send.addEventListener("click", async () => {
    try {
      await api("SendTaskSuccess", { taskToken: token.value.trim(), output: output.value });
      message.textContent = "Task success sent.";
    } catch (e) { message.textContent = e.message; }
  });
  const open = openCallbacks(events);
  if (open.length && open[0].token) token.value = open[0].token;
  if (open.length) message.textContent = open.length + " callback task(s) waiting for a token.";
  section.append(el("div", { class: "actions" }, stop),
    el("h3", {}, "Answer a callback task"),
    el("div", { class: "actions" }, el("label", { for: "task-token" }, "Task token"), token),
    el("div", { class: "actions" }, el("label", { for: "task-output" }, "Output"), output, send),
    message);
}

// ---- parents and children -----------------------------------------------------------------

function childrenOf(events) {
  const children = [];
  const seen = new Set();
  for (const e of events) {
    const d = details(e);
    if (d.resourceType !== "states" || !/^startExecution/.test(d.resource || "") || !d.output) continue;
    if (!/^Task(Submitted|Succeeded|Failed)$/.test(e.type)) continue;
    let out;
    try { out = JSON.parse(d.output); } catch (err) { continue; }
    const arn = out.ExecutionArn;
    if (arn && !seen.has(arn)) { seen.add(arn); children.push(arn); }
  }
  return children;
}

async function executionTree(section, ex, events) {
  // up: the chain of parents; down: children found in each history, breadth first, bounded
  const chain = [];
  let parent = null;
  try { parent = JSON.parse(ex.input || "{}").AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID; } catch (e) { /* not JSON */ }
  while (parent && chain.length < 10) {
    let p;
    try { p = await api("DescribeExecution", { executionArn: parent }); } catch (e) { chain.unshift({ executionArn: parent, name: arnName(parent), status: "?" }); break; }
    chain.unshift(p);
    try { parent = JSON.parse(p.input || "{}").AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID; } catch (e) { parent = null; }
  }
  let budget = TREE_LIMIT;
  async function node(execution, history, depth) {
    const here = execution.executionArn === ex.executionArn;
    const label = here ? el("span", { class: "here", "aria-current": "page" }, execution.name)
      : link("/ex/" + execution.executionArn, execution.name, { class: "tree-link" });
    const li = el("li", { "data-execution": execution.executionArn }, label, " ",
      el("span", { class: "muted" }, arnName(execution.stateMachineArn)), " ", status(execution.status));
    if (depth > 4) return li;
    const kids = childrenOf(history || []);
    if (!kids.length) return li;
    const ul = el("ul", { class: "tree" });
    for (const arn of kids) {
      if (budget-- <= 0) { ul.append(el("li", { class: "muted" }, "… more children not shown")); break; }
      try {
        const child = await api("DescribeExecution", { executionArn: arn });
        ul.append(await node(child, await allEvents(arn), depth + 1));
      } catch (e) {
        ul.append(el("li", {}, arnName(arn), " ", el("span", { class: "muted" }, e.message)));
      }
    }
    li.append(ul);
    return li;
  }
  // the whole family from its topmost ancestor, this execution marked, so siblings show too
  const root = chain.length ? chain[0] : ex;
  let tree;
  if (root.status === "?") {
    tree = await node(ex, events, 0);
  } else {
    tree = await node(root, root === ex ? events : await allEvents(root.executionArn), 0);
  }
  section.replaceChildren(el("h2", { id: "tree-title" }, "Parent and child executions"),
    chain.length || tree.querySelector("ul") ? el("ul", { class: "tree", role: "tree" }, tree)
      : el("p", { class: "muted" }, "No parent and no child executions."));
}

function mapIterations(section, events) {
  const maps = new Map();
  for (const e of events) {
    const m = /^MapIteration(Started|Succeeded|Failed|Aborted)$/.exec(e.type);
    if (!m) continue;
    const d = details(e);
    if (!maps.has(d.name)) maps.set(d.name, new Map());
    maps.get(d.name).set(d.index, m[1] === "Started" ? "RUNNING" : m[1] === "Succeeded" ? "SUCCEEDED" : m[1] === "Failed" ? "FAILED" : "ABORTED");
  }
  if (!maps.size) { section.replaceChildren(); return; }
  section.replaceChildren(el("h2", {}, "Map iterations"), ...[...maps.entries()].map(([name, its]) => {
    const counts = {};
    for (const s of its.values()) counts[s] = (counts[s] || 0) + 1;
    const shown = [...its.entries()].slice(0, 200);
    return el("div", { class: "map-run", "data-map": name },
      el("h3", {}, name, " ", el("span", { class: "muted" }, Object.entries(counts).map(([s, n]) => n + " " + s.toLowerCase()).join(", "))),
      el("div", { class: "iterations" }, shown.map(([i, s]) => el("span", { class: "iteration status " + s, title: "iteration " + i + ": " + s }, "#" + i))),
      its.size > shown.length ? el("p", { class: "muted" }, (its.size - shown.length) + " more iterations") : null);
  }));
}

// ---- history ----------------------------------------------------------------------------------

/**
 * Each event's state: its own name for an entry or exit; else the nearest state still open before it
 * in its branch (following previousEventId back, skipping states that had already exited), of the
 * event's own type for Map and Parallel events, so an iteration's inner state never claims them.
 */
function owners(events) {
  const byId = new Map(events.map((e) => [e.id, e]));
  const owner = new Map();
  for (const e of events) {
    const d = details(e);
    if (/State(Entered|Exited)$/.test(e.type)) { owner.set(e.id, d.name); continue; }
    const family = /^Map(State|Iteration|Run)/.test(e.type) ? "MapStateEntered"
      : /^ParallelState/.test(e.type) ? "ParallelStateEntered" : null;
    const closed = new Map();
    let p = byId.get(e.previousEventId);
    let found;
    for (let guard = 0; p && guard < 20000; guard++) {
      const pd = details(p);
      if (/StateExited$/.test(p.type)) closed.set(pd.name, (closed.get(pd.name) || 0) + 1);
      else if (/StateEntered$/.test(p.type)) {
        if (closed.get(pd.name) > 0) closed.set(pd.name, closed.get(pd.name) - 1);
        else if (!family || p.type === family) { found = pd.name; break; }
      }
      p = byId.get(p.previousEventId);
    }
    owner.set(e.id, found);
  }
  return owner;
}

/** A few words about an event: its error, resource, index or payload size. */
function summary(e) {
  const d = details(e);
  const parts = [];
  if (d.error) parts.push(d.error + (d.cause ? ": " + d.cause : ""));
  if (d.resource) parts.push((d.resourceType ? d.resourceType + ":" : "") + d.resource);
  if (d.index !== undefined) parts.push("iteration " + d.index);
  if (d.output !== undefined) parts.push("output " + String(d.output).length + " chars");
  else if (d.input !== undefined) parts.push("input " + String(d.input).length + " chars");
  const text = parts.join(" · ");
  return text.length > 120 ? text.slice(0, 119) + "…" : text;
}

function historyTable(section, arn, events) {
  let total = events.length;
  let owner = owners(events);
  const started = events.length ? new Date(typeof events[0].timestamp === "number" ? events[0].timestamp * 1000 : events[0].timestamp) : null;
  const body = el("tbody");
  const prev = el("button", { type: "button", id: "history-prev", disabled: true }, "◀ Previous");
  const next = el("button", { type: "button", id: "history-next", disabled: true }, "Next ▶");
  const where = el("span", { id: "history-page", class: "muted" });
  const tokens = [null];
  let index = 0;
  async function load() {
    const request = { executionArn: arn, maxResults: HISTORY_PAGE };
    if (tokens[index]) request.nextToken = tokens[index];
    const page = await api("GetExecutionHistory", request);
    tokens[index + 1] = page.nextToken || null;
    body.replaceChildren(...page.events.map(row));
    prev.disabled = index === 0;
    next.disabled = !page.nextToken;
    const first = page.events.length ? page.events[0].id : 0;
    const last = page.events.length ? page.events[page.events.length - 1].id : 0;
    where.textContent = "page " + (index + 1) + " of " + Math.max(1, Math.ceil(total / HISTORY_PAGE))
      + " · events " + first + "–" + last + " of " + total;
  }
  function elapsed(e) {
    if (!started) return "";
    const at = new Date(typeof e.timestamp === "number" ? e.timestamp * 1000 : e.timestamp);
    const ms = at - started;
    return isNaN(ms) ? "" : ms < 1000 ? ms + " ms" : (ms / 1000).toFixed(ms < 10000 ? 2 : 0) + " s";
  }
  function row(e) {
    const json = el("pre", { class: "json", hidden: true, id: "event-json-" + e.id }, JSON.stringify(e, null, 2));
    const toggle = el("button", { type: "button", class: "expand", "aria-expanded": "false", "aria-controls": json.id,
      "aria-label": "Show event " + e.id + " as JSON" }, "▸");
    toggle.addEventListener("click", () => {
      const open = json.hidden;
      json.hidden = !open;
      toggle.setAttribute("aria-expanded", String(open));
      toggle.textContent = open ? "▾" : "▸";
    });
    return el("tr", { "data-event": e.id },
      el("td", { class: "num" }, e.id), el("td", {}, toggle, " ", e.type), el("td", {}, owner.get(e.id) || ""),
      el("td", { class: "num" }, elapsed(e)), el("td", {}, date(e.timestamp)),
      el("td", {}, el("span", { class: "muted" }, summary(e)), json));
  }
  prev.addEventListener("click", () => { index--; load(); });
  next.addEventListener("click", () => { index++; load(); });
  // live refresh: the newest events show on the last page, so only that page reloads
  section.addEventListener("grown", (ev) => { total = ev.detail.length; owner = owners(ev.detail); if (next.disabled) load(); });
  section.append(el("h2", { id: "history-title" }, "Event history"),
    el("div", { class: "pager" }, prev, where, next),
    el("table", { id: "events" }, el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "ID"),
      el("th", { scope: "col" }, "Type"), el("th", { scope: "col" }, "State"), el("th", { scope: "col" }, "Elapsed"),
      el("th", { scope: "col" }, "Time"), el("th", { scope: "col" }, "Details"))), body));
  load();
}
