package dev.nestflow.infrastructure.objects;

/** A failed object store call, with S3's error code and message. */
public final class ObjectStoreException extends RuntimeException {
  public static final String NO_SUCH_BUCKET = "NoSuchBucket";
  public static final String NO_SUCH_KEY = "NoSuchKey";
  public static final String ACCESS_DENIED = "AccessDenied";
  /** nestflow's own code: the object is larger than the reader may read. */
  public static final String TOO_LARGE = "TooLarge";

  private final String code;

  public ObjectStoreException(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public ObjectStoreException(String code, String message, Throwable cause) {
    super(message, cause, false, false);
    this.code = code;
  }

  /** S3's error code, e.g. {@code NoSuchKey}. */
  public String code() {
    return code;
  }
}
