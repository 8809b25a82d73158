package dev.nestflow.cli.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium driven over the Chrome DevTools protocol (the JDK's WebSocket client; no
 * driver binary, no library): navigate, evaluate JavaScript in the page, press keys, take a PNG
 * screenshot. Without a chromium on the PATH the tests using it are skipped with a message, unless
 * {@code nestflow.chromium.required} is true or {@code CI} is {@code true}: then it is a failure.
 */
final class Chromium implements AutoCloseable {
  private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome", "chrome");

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  private Chromium(Process process, Path profile, WebSocket socket) {
    this.process = process;
    this.profile = profile;
    this.socket = socket;
  }

  /** Starts a fresh headless browser, or skips (fails under CI) the calling test when there is none. */
  static Chromium start(int width, int height) throws Exception {
    String binary = find();
    if (binary == null) {
      String message = "chromium is not installed (apt-get install chromium chromium-driver): browser tests skipped";
      if (Boolean.getBoolean("nestflow.chromium.required") || "true".equals(System.getenv("CI"))) {
        throw new AssertionError(message + ", but CI must run them");
      }
      Assumptions.abort(message);
    }
    Path profile = Files.createTempDirectory("nestflow-chromium");
    Process process = new ProcessBuilder(binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-extensions", "--hide-scrollbars", "--user-data-dir=" + profile, "--remote-debugging-port=0",
        "--remote-allow-origins=*", "--window-size=" + width + "," + height, "about:blank")
        .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
    Path portFile = profile.resolve("DevToolsActivePort");
    long deadline = System.currentTimeMillis() + 30_000;
    while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
      if (!process.isAlive() || System.currentTimeMillis() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException("chromium did not start: " + Files.readString(profile.resolve("chromium.log")));
      }
      Thread.sleep(50);
    }
    int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
    HttpClient http = HttpClient.newHttpClient();
    String pageSocket = null;
    while (pageSocket == null) {
      JsonNode targets = Json.parse(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
          HttpResponse.BodyHandlers.ofString()).body());
      for (JsonNode t : targets) {
        if ("page".equals(t.path("type").asText())) {
          pageSocket = t.path("webSocketDebuggerUrl").asText();
          break;
        }
      }
      if (pageSocket == null) {
        Thread.sleep(50);
      }
    }
    Listener listener = new Listener();
    WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), listener).get(10, TimeUnit.SECONDS);
    Chromium chromium = new Chromium(process, profile, socket);
    listener.owner = chromium;
    chromium.call("Page.enable", Json.object());
    chromium.call("Runtime.enable", Json.object());
    ObjectNode metrics = Json.object().put("width", width).put("height", height).put("deviceScaleFactor", 1).put("mobile", false);
    chromium.call("Emulation.setDeviceMetricsOverride", metrics);
    return chromium;
  }

  private static String find() {
    String given = System.getProperty("nestflow.chromium");
    if (given != null && !given.isBlank()) {
      return given;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : NAMES) {
        File f = new File(dir, name);
        if (f.canExecute()) {
          return f.getPath();
        }
      }
    }
    return null;
  }

  JsonNode call(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode message = Json.object().put("id", id).put("method", method);
    message.set("params", params);
    socket.sendText(Json.write(message), true).get(10, TimeUnit.SECONDS);
    JsonNode result = answer.get(60, TimeUnit.SECONDS);
    if (result.has("error")) {
      throw new IllegalStateException(method + ": " + result.get("error"));
    }
    return result.path("result");
  }

  void open(String url) throws Exception {
    call("Page.navigate", Json.object().put("url", url));
  }

  /** The value of a JavaScript expression in the page (promises awaited). */
  JsonNode eval(String expression) throws Exception {
    JsonNode r = call("Runtime.evaluate", Json.object().put("expression", expression).put("returnByValue", true)
        .put("awaitPromise", true));
    if (r.has("exceptionDetails")) {
      throw new IllegalStateException("in the page: " + r.get("exceptionDetails"));
    }
    return r.path("result").path("value");
  }

  /** Waits until the expression is truthy; fails with the page's text when it never is. */
  void waitFor(String expression, Duration timeout) throws Exception {
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    while (System.currentTimeMillis() < deadline) {
      try {
        if (eval("!!(" + expression + ")").asBoolean()) {
          return;
        }
      } catch (IllegalStateException notYet) {
        // the page is between documents
      }
      Thread.sleep(100);
    }
    throw new AssertionError("never true: " + expression + "\nthe page says:\n" + eval("document.body ? document.body.innerText : ''").asText());
  }

  /** Presses a key (Tab, Enter ...) as a keyboard would. */
  void press(String key, int keyCode) throws Exception {
    for (String type : new String[] {"rawKeyDown", "keyUp"}) {
      ObjectNode p = Json.object().put("type", type).put("key", key).put("code", key)
          .put("windowsVirtualKeyCode", keyCode).put("nativeVirtualKeyCode", keyCode);
      if (type.equals("rawKeyDown") && key.equals("Enter")) {
        call("Input.dispatchKeyEvent", Json.object().put("type", "char").put("text", "\r").put("key", key));
      }
      call("Input.dispatchKeyEvent", p);
    }
  }

  /** A PNG of the whole page (not just the window). */
  void screenshot(Path file) throws Exception {
    screenshot(file, true);
  }

  /** A PNG of the whole page, or of the window as scrolled. */
  void screenshot(Path file, boolean wholePage) throws Exception {
    JsonNode r = call("Page.captureScreenshot", Json.object().put("format", "png").put("captureBeyondViewport", wholePage));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, Base64.getDecoder().decode(r.path("data").asText()));
  }

  @Override
  public void close() throws Exception {
    socket.abort();
    // its helpers (renderer, network service) too: one still writing would race the profile's removal
    List<ProcessHandle> helpers = process.descendants().toList();
    process.destroy();
    helpers.forEach(ProcessHandle::destroy);
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    for (ProcessHandle helper : helpers) {
      helper.onExit().completeOnTimeout(helper, 5, TimeUnit.SECONDS).join();
    }
    try (var files = Files.walk(profile)) {
      List<Path> all = new ArrayList<>(files.toList());
      java.util.Collections.reverse(all);
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | java.io.UncheckedIOException ignored) {
      // a temporary profile left behind (a file that vanished while it was walked, say)
    }
  }

  private static final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();
    volatile Chromium owner;

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        JsonNode message = Json.parse(partial.toString());
        partial.setLength(0);
        if (message.has("id") && owner != null) {
          CompletableFuture<JsonNode> f = owner.pending.remove(message.get("id").asInt());
          if (f != null) {
            f.complete(message);
          }
        }
      }
      webSocket.request(1);
      return null;
    }
  }
}
