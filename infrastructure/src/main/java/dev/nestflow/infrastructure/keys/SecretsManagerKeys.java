package dev.nestflow.infrastructure.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The functions' key in AWS Secrets Manager: the secret's {@code AWSCURRENT} version is the current
 * key, and a key id is the secret's version id, so a token or message made before a rotation names
 * the version that checks it ({@code AWSPREVIOUS}, or any version the secret still keeps).
 *
 * <p>One operation, GetSecretValue (AWS JSON 1.1), as one SigV4-signed HTTP call through the
 * engine's HTTP client: the generated Secrets Manager client would add its model classes to the
 * Lambda jar and to the cold start for a single call. The secret is its {@code SecretString}
 * (UTF-8) or {@code SecretBinary}, at least 16 bytes.
 */
public final class SecretsManagerKeys implements KeySource {
  static final String SIGNING_NAME = "secretsmanager";
  private static final String CURRENT = "AWSCURRENT";

  private final SdkHttpClient http;
  private final IdentityProvider<? extends AwsCredentialsIdentity> credentials;
  private final String region;
  private final URI endpoint;
  private final String secretId;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

  /**
   * @param secretId the secret's ARN or name
   * @param endpoint an endpoint override (emulators, tests), or null for the region's
   */
  public SecretsManagerKeys(SdkHttpClient http, IdentityProvider<? extends AwsCredentialsIdentity> credentials,
      Region region, URI endpoint, String secretId) {
    this.http = http;
    this.credentials = credentials;
    this.region = region.id();
    String domain = region.metadata() != null ? region.metadata().domain() : "amazonaws.com";
    this.endpoint = endpoint != null ? endpoint : URI.create("https://" + SIGNING_NAME + "." + region.id() + "." + domain);
    this.secretId = secretId;
  }

  @Override
  public Key current() {
    ObjectNode request = Json.object();
    request.put("SecretId", secretId);
    request.put("VersionStage", CURRENT);
    return key(call(request)).orElseThrow(() -> new IllegalStateException("secret " + secretId + " has no current version"));
  }

  @Override
  public Optional<Key> byId(String id) {
    // a version id is 32 to 64 characters; anything else names no version and costs no call
    if (id == null || !id.matches("[A-Za-z0-9-]{32,64}")) {
      return Optional.empty();
    }
    ObjectNode request = Json.object();
    request.put("SecretId", secretId);
    request.put("VersionId", id);
    return key(call(request));
  }

  private static Optional<Key> key(JsonNode answer) {
    if (answer == null) {
      return Optional.empty();
    }
    JsonNode text = answer.get("SecretString");
    byte[] secret = text != null && !text.isNull()
        ? text.asText().getBytes(StandardCharsets.UTF_8)
        : Base64.getDecoder().decode(answer.path("SecretBinary").asText(""));
    return Optional.of(new Key(answer.path("VersionId").asText(), secret));
  }

  /** The answer of GetSecretValue; null when the version does not exist; throws on any other failure. */
  private JsonNode call(ObjectNode requestBody) {
    byte[] payload = Json.write(requestBody).getBytes(StandardCharsets.UTF_8);
    String basePath = endpoint.getRawPath() == null || endpoint.getRawPath().equals("/") ? "" : endpoint.getRawPath();
    SdkHttpFullRequest request = SdkHttpFullRequest.builder()
        .method(SdkHttpMethod.POST)
        .uri(endpoint)
        .encodedPath(basePath + "/")
        .putHeader("X-Amz-Target", "secretsmanager.GetSecretValue")
        .putHeader("Content-Type", "application/x-amz-json-1.1")
        .putHeader("Content-Length", Integer.toString(payload.length))
        .build();
    ContentStreamProvider body = ContentStreamProvider.fromByteArrayUnsafe(payload);
    AwsCredentialsIdentity identity = credentials.resolveIdentity().join();
    SignedRequest signed = signer.sign(r -> r.identity(identity)
        .request(request)
        .payload(body)
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
        .putProperty(AwsV4HttpSigner.REGION_NAME, region));
    try {
      HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
          .request(signed.request())
          .contentStreamProvider(signed.payload().orElse(body))
          .build()).call();
      byte[] bytes;
      if (response.responseBody().isEmpty()) {
        bytes = new byte[0];
      } else {
        try (InputStream in = response.responseBody().get()) {
          bytes = in.readAllBytes();
        }
      }
      String text = new String(bytes, StandardCharsets.UTF_8);
      if (response.httpResponse().isSuccessful()) {
        return Json.parse(text);
      }
      String type = response.httpResponse().firstMatchingHeader("x-amzn-ErrorType").orElse("");
      if (type.isEmpty() && text.startsWith("{")) {
        type = Json.parse(text).path("__type").asText("");
      }
      if (type.contains("ResourceNotFoundException")) {
        return null;
      }
      throw new IllegalStateException("GetSecretValue of " + secretId + " failed: HTTP "
          + response.httpResponse().statusCode() + " " + text);
    } catch (IOException e) {
      throw new UncheckedIOException("GetSecretValue of " + secretId + " failed", e);
    }
  }
}
