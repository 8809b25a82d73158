package dev.nestflow.infrastructure.objects;

import dev.nestflow.core.items.ListedObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The object store on S3 through the SDK (URL-connection HTTP client, as every nestflow client).
 * The client is built on first use, so a Lambda that never runs a Distributed Map never pays for
 * it at cold start. A local endpoint (moto_server, MinIO) gets path-style addressing.
 */
public final class S3ObjectStore implements ObjectStore {
  private final Supplier<S3Client> clients;
  private volatile S3Client client;

  /** On the given client (tests pass one pointed at moto_server, path-style). */
  public S3ObjectStore(S3Client client) {
    this(() -> client);
  }

  /** On a client built on first use. */
  public S3ObjectStore(Supplier<S3Client> clients) {
    this.clients = clients;
  }

  /**
   * On the environment's region and credentials (Lambda's), the client built lazily; when
   * {@code AWS_ENDPOINT_URL_S3} (or {@code AWS_ENDPOINT_URL}) names a local endpoint, that one,
   * path-style.
   */
  public static S3ObjectStore fromEnvironment() {
    return new S3ObjectStore(() -> {
      String endpoint = System.getenv("AWS_ENDPOINT_URL_S3");
      if (endpoint == null || endpoint.isBlank()) {
        endpoint = System.getenv("AWS_ENDPOINT_URL");
      }
      S3ClientBuilder builder = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
      if (endpoint != null && !endpoint.isBlank()) {
        local(builder, URI.create(endpoint));
      }
      return builder.build();
    });
  }

  /**
   * At {@code endpoint} (an emulator, or S3 itself), path-style, in {@code region} with {@code
   * credentials}: a Distributed Map's items and results where the local runner's other service
   * tasks go ({@code --endpoint-url}).
   */
  public static S3ObjectStore at(URI endpoint, String region, software.amazon.awssdk.auth.credentials.AwsCredentialsProvider credentials) {
    return new S3ObjectStore(() -> local(S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
        .region(software.amazon.awssdk.regions.Region.of(region)).credentialsProvider(credentials), endpoint).build());
  }

  /**
   * Points a builder at a local S3 emulator: its endpoint, path-style addressing (no bucket
   * subdomains on localhost), and checksums only where S3 requires them (emulators differ on the rest).
   */
  public static S3ClientBuilder local(S3ClientBuilder builder, URI endpoint) {
    return builder.endpointOverride(endpoint)
        .forcePathStyle(true)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
  }

  @Override
  public ObjectListing list(String bucket, String prefix, String continuationToken) {
    ListObjectsV2Response page = call(bucket, prefix, () -> client().listObjectsV2(r -> {
      r.bucket(bucket);
      if (prefix != null && !prefix.isEmpty()) {
        r.prefix(prefix);
      }
      if (continuationToken != null) {
        r.continuationToken(continuationToken);
      }
    }));
    List<ListedObject> objects = page.contents().stream()
        .map(o -> new ListedObject(o.key(), o.eTag(), o.lastModified(), o.size() == null ? 0 : o.size(),
            o.storageClassAsString() == null ? "STANDARD" : o.storageClassAsString()))
        .toList();
    return new ObjectListing(objects, Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null);
  }

  @Override
  public InputStream open(String bucket, String key) {
    return call(bucket, key, () -> client().getObject(r -> r.bucket(bucket).key(key)));
  }

  @Override
  public byte[] get(String bucket, String key, long maxBytes) {
    try (ResponseInputStream<GetObjectResponse> in = call(bucket, key, () -> client().getObject(r -> r.bucket(bucket).key(key)))) {
      Long length = in.response().contentLength();
      if (length != null && length > maxBytes) {
        in.abort();
        throw ObjectStore.tooLarge(bucket, key, maxBytes);
      }
      byte[] body = in.readNBytes((int) Math.min(maxBytes, Integer.MAX_VALUE - 8) + 1);
      if (body.length > maxBytes) {
        in.abort();
        throw ObjectStore.tooLarge(bucket, key, maxBytes);
      }
      return body;
    } catch (IOException e) {
      throw new ObjectStoreException("ReadFailed", "Reading s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void put(String bucket, String key, byte[] body, String contentType) {
    call(bucket, key, () -> client().putObject(r -> r.bucket(bucket).key(key).contentType(contentType),
        RequestBody.fromBytes(body)));
  }

  private S3Client client() {
    S3Client c = client;
    if (c == null) {
      synchronized (this) {
        c = client;
        if (c == null) {
          c = clients.get();
          client = c;
        }
      }
    }
    return c;
  }

  /** Runs an S3 call, turning its failures into {@link ObjectStoreException}s with S3's error code. */
  private static <T> T call(String bucket, String keyOrPrefix, Supplier<T> request) {
    try {
      return request.get();
    } catch (S3Exception e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      if (code == null || code.isEmpty()) {
        code = e.statusCode() == 404 ? ObjectStoreException.NO_SUCH_KEY : "S3Error" + e.statusCode();
      }
      String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
      throw new ObjectStoreException(code, message + " (s3://" + bucket + "/" + keyOrPrefix + ")", e);
    } catch (SdkException | UncheckedIOException e) {
      throw new ObjectStoreException("ClientError", e.getMessage(), e);
    }
  }
}
