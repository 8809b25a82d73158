package dev.nestflow.bench.rig;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rig's Lambda function, run by each worker as a local Java handler: sleeps {@code sleepMs}
 * (a task that takes time) and returns its input with {@code n} one higher when it has one (so a
 * chain of tasks shows in the output how many ran). Each invocation appends a line to the file
 * named by {@value #INVOCATIONS} when set, so the rig can count invocations against attempts.
 */
public final class RigTask implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  static final String INVOCATIONS = "NESTFLOW_RIG_INVOCATIONS";
  private static final Object LOCK = new Object();

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
    record(input);
    Map<String, Object> out = new LinkedHashMap<>(input == null ? Map.of() : input);
    if (out.get("sleepMs") instanceof Number ms && ms.longValue() > 0) {
      try {
        Thread.sleep(ms.longValue());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    if (out.get("n") instanceof Number n) {
      out.put("n", n.longValue() + 1);
    }
    return out;
  }

  private static void record(Map<String, Object> input) {
    String file = System.getenv(INVOCATIONS);
    if (file == null) {
      return;
    }
    synchronized (LOCK) {
      try (FileOutputStream f = new FileOutputStream(file, true)) {
        f.write((String.valueOf(input) + "\n").getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
