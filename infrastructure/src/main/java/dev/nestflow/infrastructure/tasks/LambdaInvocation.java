package dev.nestflow.infrastructure.tasks;

import java.nio.charset.StandardCharsets;

/**
 * One Invoke call.
 *
 * @param functionName a name ({@code my-fn}), a name with qualifier ({@code my-fn:prod}), a partial
 *     ARN ({@code 123456789012:function:my-fn}) or a full ARN, optionally qualified
 * @param qualifier version or alias, or null
 * @param invocationType {@code RequestResponse} (null means the same), {@code Event} or {@code DryRun}
 * @param payload the request body, exactly as sent (empty: no payload)
 * @param clientContext base64 client context, or null
 * @param logType {@code Tail} to get the log tail back, or null
 */
public record LambdaInvocation(
    String functionName, String qualifier, String invocationType, byte[] payload, String clientContext, String logType) {

  public static final String REQUEST_RESPONSE = "RequestResponse";
  public static final String EVENT = "Event";
  public static final String DRY_RUN = "DryRun";

  public LambdaInvocation {
    payload = payload == null ? new byte[0] : payload.clone();
    invocationType = invocationType == null ? REQUEST_RESPONSE : invocationType;
  }

  /** A synchronous call of {@code functionName} with {@code payload} as the request body. */
  public static LambdaInvocation of(String functionName, String payload) {
    return new LambdaInvocation(
        functionName, null, REQUEST_RESPONSE, payload.getBytes(StandardCharsets.UTF_8), null, null);
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  public String payloadText() {
    return new String(payload, StandardCharsets.UTF_8);
  }
}
