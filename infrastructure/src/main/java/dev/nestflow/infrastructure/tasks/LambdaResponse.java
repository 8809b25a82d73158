package dev.nestflow.infrastructure.tasks;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Invoke returned.
 *
 * @param statusCode 200 (RequestResponse), 202 (Event), 204 (DryRun)
 * @param executedVersion the version that ran ({@code $LATEST}, {@code 3}), or null (Event, DryRun)
 * @param functionError {@code Unhandled} when the function raised an error (the payload is then the
 *     runtime's error document), else null
 * @param payload the response body, exactly as returned
 * @param logResult base64 log tail when asked for, else null
 * @param requestId the Lambda request id
 * @param headers the HTTP response headers in the order the service sent them
 */
public record LambdaResponse(
    int statusCode,
    String executedVersion,
    String functionError,
    byte[] payload,
    String logResult,
    String requestId,
    Map<String, List<String>> headers) {

  public LambdaResponse {
    payload = payload == null ? new byte[0] : payload.clone();
    Map<String, List<String>> copy = new LinkedHashMap<>();
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    headers = java.util.Collections.unmodifiableMap(copy);
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  public String payloadText() {
    return new String(payload, StandardCharsets.UTF_8);
  }

  public boolean failed() {
    return functionError != null;
  }
}
