package dev.nestflow.bench.rig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The few S3 calls the rig makes on moto_server (path-style, unsigned: moto checks that an
 * Authorization header is there, not its signature): the Distributed Map's items in, its results out.
 */
final class MotoS3 {
  private static final String AUTH = "AWS4-HMAC-SHA256 Credential=rig/20260101/us-east-1/s3/aws4_request, "
      + "SignedHeaders=host, Signature=0";
  private final URI endpoint;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  MotoS3(URI endpoint) {
    this.endpoint = endpoint;
  }

  void createBucket(String bucket) throws IOException {
    send(HttpRequest.newBuilder(endpoint.resolve("/" + bucket)).PUT(HttpRequest.BodyPublishers.noBody()), bucket);
  }

  void put(String bucket, String key, String body) throws IOException {
    send(HttpRequest.newBuilder(endpoint.resolve("/" + bucket + "/" + key)).PUT(HttpRequest.BodyPublishers.ofString(body)),
        bucket + "/" + key);
  }

  String get(String bucket, String key) throws IOException {
    return send(HttpRequest.newBuilder(endpoint.resolve("/" + bucket + "/" + key)).GET(), bucket + "/" + key);
  }

  private String send(HttpRequest.Builder request, String what) throws IOException {
    try {
      HttpResponse<String> r = client.send(request.header("Authorization", AUTH).timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() >= 300) {
        throw new IOException("S3 " + what + ": HTTP " + r.statusCode() + " " + r.body());
      }
      return r.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
