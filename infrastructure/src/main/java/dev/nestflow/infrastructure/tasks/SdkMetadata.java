package dev.nestflow.infrastructure.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code SdkHttpMetadata} and {@code SdkResponseMetadata} members that Step Functions' optimized
 * integrations (written on the AWS SDK for Java v1) add to a service's response: every HTTP header
 * once as a list ({@code AllHttpHeaders}) and once as a string ({@code HttpHeaders}), the status
 * code, and the request id.
 */
final class SdkMetadata {
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private SdkMetadata() {}

  static String httpDate(Instant at) {
    return HTTP_DATE.format(at);
  }

  static int length(String body) {
    return body.getBytes(StandardCharsets.UTF_8).length;
  }

  /** Adds both metadata members to {@code response} for these headers (in the service's order). */
  static ObjectNode add(ObjectNode response, Map<String, String> headers, String requestId) {
    ObjectNode http = response.putObject("SdkHttpMetadata");
    ObjectNode all = http.putObject("AllHttpHeaders");
    headers.forEach((name, value) -> all.putArray(name).add(value));
    ObjectNode single = http.putObject("HttpHeaders");
    headers.keySet().stream().sorted(String.CASE_INSENSITIVE_ORDER).forEach(name -> single.put(name, headers.get(name)));
    http.put("HttpStatusCode", 200);
    response.putObject("SdkResponseMetadata").put("RequestId", requestId);
    return response;
  }

  /** Headers of an AWS JSON 1.0 service (SQS, Step Functions) answering with {@code body}. */
  static Map<String, String> jsonHeaders(String requestId, String body, Instant at) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("x-amzn-RequestId", requestId);
    h.put("connection", "keep-alive");
    h.put("Content-Length", String.valueOf(length(body)));
    h.put("Date", httpDate(at));
    h.put("Content-Type", "application/x-amz-json-1.0");
    return h;
  }
}
