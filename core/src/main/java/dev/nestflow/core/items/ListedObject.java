package dev.nestflow.core.items;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.time.Instant;

/**
 * One object of a ListObjectsV2 page, and the item a Map reading with {@code s3:listObjectsV2}
 * gets for it: {@code {"Etag","Key","LastModified","Size","StorageClass"}} (AWS spells it
 * {@code Etag}, not S3's {@code ETag}, and gives {@code LastModified} in epoch seconds).
 *
 * @param etag the entity tag as S3 returns it, with its double quotes
 * @param storageClass S3's storage class name, e.g. {@code STANDARD}
 */
public record ListedObject(String key, String etag, Instant lastModified, long size, String storageClass) {

  /** The item as AWS hands it to an iteration. */
  public ObjectNode toItem() {
    ObjectNode item = Json.object();
    item.put("Etag", etag);
    item.put("Key", key);
    item.put("LastModified", lastModified.getEpochSecond());
    item.put("Size", size);
    item.put("StorageClass", storageClass == null ? "STANDARD" : storageClass);
    return item;
  }
}
