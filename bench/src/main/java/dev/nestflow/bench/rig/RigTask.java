package dev.nestflow.bench.rig;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rig's Lambda function, run by each worker as a local Java handler: sleeps {@code sleepMs}
 * (a task that takes time) and returns its input with {@code n} one higher when it has one (so a
 * chain of tasks shows in the output how many ran).
 */
public final class RigTask implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  @Override
  public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
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
}
