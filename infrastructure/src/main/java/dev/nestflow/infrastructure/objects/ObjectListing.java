package dev.nestflow.infrastructure.objects;

import dev.nestflow.core.items.ListedObject;
import java.util.List;

/**
 * One page of a listing.
 *
 * @param nextContinuationToken the token for the next page; null on the last page
 */
public record ObjectListing(List<ListedObject> objects, String nextContinuationToken) {
  public ObjectListing {
    objects = List.copyOf(objects);
  }
}
