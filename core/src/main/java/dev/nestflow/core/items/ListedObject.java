package dev.nestflow.core.items;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One object of a ListObjectsV2 page, and the item a Map reading with {@code s3:listObjectsV2}
 * gets for it: {@code {"Etag","Key","LastModified","Size","StorageClass"}}.
 *
 * @param etag the entity tag as S3 returns it, with its double quotes
 */
public record ListedObject(String key, String etag, Instant lastModified, long size, String storageClass) {

  /** The item as AWS hands it to an iteration. */
  public ObjectNode toItem() {
    throw new UnsupportedOperationException("not yet");
  }
}
