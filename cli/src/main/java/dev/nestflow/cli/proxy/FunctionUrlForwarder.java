package dev.nestflow.cli.proxy;

import dev.nestflow.infrastructure.api.FunctionUrlSigning;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.regions.Region;

/**
 * Sends one Step Functions request to the Function URL, signed with the SDK's SigV4 signer for the
 * service {@code lambda} in the function's region with the caller's credentials (resolved for each
 * request, so refreshed credentials are picked up).
 */
final class FunctionUrlForwarder {
  /** The request headers that carry the call; everything else (the caller's own signature, Host) is dropped. */
  static final List<String> FORWARDED_REQUEST_HEADERS = List.of("Content-Type", "X-Amz-Target");
  /** Headers the JDK's client sets itself and refuses to be given. */
  private static final Set<String> SET_BY_CLIENT = Set.of("host", "content-length", "connection", "expect", "upgrade");
  /** A Function URL's invocation lasts at most 15 minutes (StartSyncExecution waits up to 5). */
  private static final Duration CALL_TIMEOUT = Duration.ofMinutes(16);

  /** The Function URL's answer. */
  record Answer(int status, Map<String, List<String>> headers, byte[] body) {}

  private final URI functionUrl;
  private final Region region;
  private final AwsCredentialsProvider credentials;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .build();

  FunctionUrlForwarder(URI functionUrl, Region region, AwsCredentialsProvider credentials) {
    this.functionUrl = functionUrl;
    this.region = region;
    this.credentials = credentials;
  }

  URI functionUrl() {
    return functionUrl;
  }

  Region region() {
    return region;
  }

  /** Signs and sends {@code body} with the given call headers (name to value) to the URL, at {@code path}. */
  Answer forward(String method, String path, Map<String, String> callHeaders, byte[] body)
      throws IOException, InterruptedException {
    SdkHttpRequest signed = sign(method, target(path), callHeaders, body);
    HttpRequest.Builder request = HttpRequest.newBuilder(signed.getUri())
        .timeout(CALL_TIMEOUT)
        .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    signed.forEachHeader((name, values) -> {
      if (!SET_BY_CLIENT.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(v -> request.header(name, v));
      }
    });
    HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(response.statusCode(), response.headers().map(), response.body());
  }

  /** The caller's credentials could not be resolved (no profile, expired SSO session...). */
  static final class NoCredentials extends RuntimeException {
    NoCredentials(RuntimeException cause) {
      super(cause.getMessage(), cause);
    }
  }

  SdkHttpRequest sign(String method, URI target, Map<String, String> callHeaders, byte[] body) {
    AwsCredentials identity;
    try {
      identity = credentials.resolveCredentials();
    } catch (SdkClientException e) {
      throw new NoCredentials(e);
    }
    SdkHttpFullRequest.Builder unsigned = SdkHttpFullRequest.builder()
        .method(SdkHttpMethod.fromValue(method))
        .uri(target);
    callHeaders.forEach(unsigned::putHeader);
    SdkHttpFullRequest request = unsigned.build();
    return signer.sign(r -> r
            .identity(identity)
            .request(request)
            .payload(ContentStreamProvider.fromByteArray(body))
            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, FunctionUrlSigning.SIGNING_NAME)
            .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()))
        .request();
  }

  /** The Function URL with the caller's path (clients post to {@code /}). */
  URI target(String path) {
    String base = functionUrl.toString().replaceAll("/+$", "");
    String rest = path == null || path.isEmpty() ? "/" : path;
    return URI.create(base + (rest.startsWith("/") ? rest : "/" + rest));
  }

  /** Keeps only {@link #FORWARDED_REQUEST_HEADERS} from what the caller sent. */
  static Map<String, String> callHeaders(Map<String, List<String>> received) {
    Map<String, String> kept = new LinkedHashMap<>();
    for (String wanted : FORWARDED_REQUEST_HEADERS) {
      received.forEach((name, values) -> {
        if (name != null && name.equalsIgnoreCase(wanted) && !values.isEmpty()) {
          kept.put(wanted, values.get(0));
        }
      });
    }
    return kept;
  }
}
