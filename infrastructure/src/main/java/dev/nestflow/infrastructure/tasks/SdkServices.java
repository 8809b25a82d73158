package dev.nestflow.infrastructure.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Real AWS service calls behind the {@link AwsServices} port: each call is one SigV4-signed HTTP
 * request through the AWS SDK's HTTP client (url-connection) and signer, written in the service's
 * protocol ({@link ServiceModel}): AWS JSON (DynamoDB, SQS, EventBridge, Step Functions, ...), AWS
 * query (SNS, see {@link QueryProtocol}) or S3's REST-XML ({@link S3Protocol}).
 *
 * <p>Why not one SDK client per service: the JSON shapes Step Functions' integrations take and
 * return are the services' wire shapes, so no model classes are needed to translate them, and the
 * Lambda jar stays small (no SNS, EventBridge or S3 modules) with nothing built per service before a
 * workflow's first call. One call is one attempt: retries are the Task's Retry.
 */
public final class SdkServices implements AwsServices {
  private final SdkHttpClient http;
  private final IdentityProvider<? extends AwsCredentialsIdentity> credentials;
  private final ServiceEndpoints endpoints;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
  private final Map<String, Boolean> resolvable = new ConcurrentHashMap<>();

  public SdkServices(SdkHttpClient http, IdentityProvider<? extends AwsCredentialsIdentity> credentials,
      ServiceEndpoints endpoints) {
    this.http = http;
    this.credentials = credentials;
    this.endpoints = endpoints;
  }

  @Override
  public ObjectNode call(String service, String action, JsonNode request) {
    ServiceModel model = ServiceModel.byEndpointPrefix(service);
    if (model == null) {
      model = ServiceModel.of(service);
    }
    if (model == null) {
      throw ServiceException.clientSide("nestflow does not know how to call the service '" + service + "'");
    }
    JsonNode p = request == null ? Json.object() : request;
    ServiceConstraints.check(model.endpointPrefix(), action, p);
    URI endpoint = endpoints.endpoint(model);
    return switch (model.protocol()) {
      case JSON_1_0, JSON_1_1 -> json(model, endpoint, action, p);
      case QUERY -> QueryProtocol.call(this, model, endpoint, action, p);
      case S3 -> S3Protocol.call(this, model, endpoint, endpoints.configured(model) != null, action, p);
    };
  }

  private ObjectNode json(ServiceModel model, URI endpoint, String action, JsonNode p) {
    if ("sqs".equals(model.sdkName()) && p.has("QueueUrl")) {
      checkQueueHost(p.path("QueueUrl").asText(""), endpoint);
    }
    byte[] body = Json.write(p).getBytes(StandardCharsets.UTF_8);
    SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
        .encodedPath(path(endpoint, "/"))
        .putHeader("Content-Type", model.protocol() == ServiceModel.Protocol.JSON_1_0
            ? "application/x-amz-json-1.0" : "application/x-amz-json-1.1")
        .putHeader("X-Amz-Target", model.target() + "." + action)
        .build();
    Response r = send(model, request, body);
    if (!r.http().isSuccessful()) {
      JsonNode error = parseOrEmpty(r.text());
      String type = error.path("__type").asText(r.http().firstMatchingHeader("x-amzn-ErrorType").orElse(""));
      String code = type.substring(type.indexOf('#') + 1);
      int colon = code.indexOf(':');
      code = colon >= 0 ? code.substring(0, colon) : code;
      // SQS's JSON protocol keeps the query protocol's code in a header; the SDK v1 reports that one
      String legacy = r.http().firstMatchingHeader("x-amzn-query-error").map(h -> h.split(";")[0]).orElse(code);
      String message = error.has("message") ? error.get("message").asText() : error.path("Message").asText("");
      String modeled = model.modeledName(code);
      throw ServiceException.service(legacy, modeled != null ? modeled : model.modeledName(legacy), r.http().statusCode(),
          message);
    }
    JsonNode parsed = parseOrEmpty(r.text());
    ObjectNode response = parsed instanceof ObjectNode o ? o : Json.object();
    if ("dynamodb".equals(model.sdkName()) && !unitsAsked(p)) {
      // DynamoDB reports ConsumedCapacity only when ReturnConsumedCapacity asks for it; an emulator
      // that always sends it (moto on UpdateItem) is held to the API's contract
      response.remove("ConsumedCapacity");
    }
    return response;
  }

  private static boolean unitsAsked(JsonNode request) {
    String asked = request.path("ReturnConsumedCapacity").asText("NONE");
    return !"NONE".equals(asked);
  }

  /**
   * SQS's optimized integration (AWS SDK for Java v1) sends to the queue URL's own host: a queue URL
   * whose host does not resolve never reaches the service.
   */
  private void checkQueueHost(String queueUrl, URI endpoint) {
    String host;
    try {
      host = URI.create(queueUrl).getHost();
    } catch (IllegalArgumentException e) {
      host = null;
    }
    String name = host == null ? queueUrl : host;
    boolean known = host != null && (host.endsWith(".amazonaws.com") || host.equals(endpoint.getHost())
        || resolvable.computeIfAbsent(host, h -> {
      try {
        InetAddress.getByName(h);
        return true;
      } catch (UnknownHostException e) {
        return false;
      }
    }));
    if (!known) {
      throw ServiceException.clientSide("Unable to execute HTTP request: " + name + ": Name or service not known");
    }
  }

  /** A response: status and headers, and the body as text. */
  record Response(SdkHttpResponse http, String text) {}

  /** Signs and sends one request; a request that does not reach the service throws a client-side exception. */
  Response send(ServiceModel model, SdkHttpFullRequest request, byte[] payload) {
    AwsCredentialsIdentity identity;
    try {
      identity = credentials.resolveIdentity().join();
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw ServiceException.clientSide("Unable to load credentials: " + cause.getMessage());
    }
    ContentStreamProvider body = ContentStreamProvider.fromByteArrayUnsafe(payload);
    // a GET or DELETE carries no body: given one, the url-connection client would send a POST
    boolean bodyless = request.method() == SdkHttpMethod.GET || request.method() == SdkHttpMethod.DELETE;
    SdkHttpFullRequest.Builder headers = request.toBuilder().putHeader("x-amz-content-sha256", sha256(payload));
    if (!bodyless) {
      headers.putHeader("Content-Length", Integer.toString(payload.length));
    }
    SdkHttpFullRequest withLength = headers.build();
    try {
      SignedRequest signed = signer.sign(r -> r.identity(identity).request(withLength).payload(bodyless ? null : body)
          .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, model.signingName())
          .putProperty(AwsV4HttpSigner.REGION_NAME, endpoints.region()));
      HttpExecuteRequest.Builder execute = HttpExecuteRequest.builder().request(signed.request());
      if (!bodyless) {
        execute.contentStreamProvider(signed.payload().orElse(body));
      }
      HttpExecuteResponse response = http.prepareRequest(execute.build()).call();
      byte[] bytes = new byte[0];
      if (response.responseBody().isPresent()) {
        try (InputStream in = response.responseBody().get()) {
          bytes = in.readAllBytes();
        }
      }
      return new Response(response.httpResponse(), new String(bytes, StandardCharsets.UTF_8));
    } catch (IOException | UncheckedIOException e) {
      throw ServiceException.clientSide("Unable to execute HTTP request: " + e.getMessage());
    }
  }

  /** The endpoint's own path (an emulator mounted below a prefix) followed by {@code path}. */
  static String path(URI endpoint, String path) {
    String base = endpoint.getRawPath() == null || endpoint.getRawPath().equals("/") ? "" : endpoint.getRawPath();
    return base + path;
  }

  static String urlEncode(String s) {
    return SdkHttpUtils.urlEncode(s);
  }

  private static JsonNode parseOrEmpty(String text) {
    if (text == null || text.isBlank()) {
      return Json.object();
    }
    try {
      return Json.parse(text);
    } catch (Json.JsonSyntaxException e) {
      return Json.object();
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
