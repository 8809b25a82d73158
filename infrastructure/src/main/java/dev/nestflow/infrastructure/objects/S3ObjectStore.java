package dev.nestflow.infrastructure.objects;

import java.io.InputStream;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;

/** The object store on S3 through the SDK; the client is built on first use (cold start). */
public final class S3ObjectStore implements ObjectStore {
  private final Supplier<S3Client> clients;

  /** On the given client (tests pass one pointed at moto_server, path-style). */
  public S3ObjectStore(S3Client client) {
    this(() -> client);
  }

  /** On a client built on first use. */
  public S3ObjectStore(Supplier<S3Client> clients) {
    this.clients = clients;
  }

  /** On the default region and credentials of the environment (Lambda), the client built lazily. */
  public static S3ObjectStore fromEnvironment() {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public ObjectListing list(String bucket, String prefix, String continuationToken) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public InputStream open(String bucket, String key) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public byte[] get(String bucket, String key, long maxBytes) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public void put(String bucket, String key, byte[] body, String contentType) {
    throw new UnsupportedOperationException("not yet");
  }
}
