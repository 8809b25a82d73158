package dev.nestflow.infrastructure.items;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.items.InventoryManifest;
import dev.nestflow.core.items.ItemErrors;
import dev.nestflow.core.items.ItemReaderSpec;
import dev.nestflow.core.items.ListedObject;
import dev.nestflow.core.items.ObjectItems;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.objects.ObjectListing;
import dev.nestflow.infrastructure.objects.ObjectStore;
import dev.nestflow.infrastructure.objects.ObjectStoreException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Runs a Distributed Map's resolved ItemReader against an object store: lists objects or reads
 * one object (or an inventory manifest and its data files) and parses the items. Every failure
 * (missing bucket or key, malformed content, object too large, bad block) is a
 * {@code States.ItemReaderFailed} {@link dev.nestflow.core.errors.StatesException}.
 *
 * <p>Nothing is read ahead: listing pages, objects and data files are fetched as the items are
 * consumed, and reading stops at {@code MaxItems}, so a 10,000-item (or 10-million-item) source
 * never sits in memory unless the caller collects it.
 */
public final class ItemReaders {
  private ItemReaders() {}

  /**
   * The most bytes read from one object (a JSON, JSON Lines or CSV object, or an inventory data
   * file): 10 GiB, nestflow's bound (the limit AWS applies was not confirmed). A larger object fails
   * the reader once this much has been read; nothing past it is read.
   */
  public static final long MAX_OBJECT_BYTES = 10L * 1024 * 1024 * 1024;

  /** The most bytes of an inventory {@code manifest.json} read (nestflow's bound; manifests are small). */
  public static final long MAX_MANIFEST_BYTES = 16L * 1024 * 1024;

  /** All items, in order (at most {@code ReaderConfig.MaxItems}). */
  public static List<JsonNode> read(JsonNode resolvedItemReader, ObjectStore store) {
    try (Stream<JsonNode> items = stream(resolvedItemReader, store)) {
      return items.toList();
    }
  }

  /**
   * The items as a lazy stream: pages and objects are fetched as it is consumed, so 10,000+ items
   * never sit in memory at once unless the caller collects them. Close it to release the object stream.
   */
  public static Stream<JsonNode> stream(JsonNode resolvedItemReader, ObjectStore store) {
    return stream(resolvedItemReader, store, MAX_OBJECT_BYTES);
  }

  /** As {@link #stream(JsonNode, ObjectStore)}, reading at most {@code maxObjectBytes} of any one object. */
  public static Stream<JsonNode> stream(JsonNode resolvedItemReader, ObjectStore store, long maxObjectBytes) {
    ItemReaderSpec spec = ItemReaderSpec.parse(resolvedItemReader);
    if (spec.versionId() != null) {
      throw ItemErrors.readerFailed("The ItemReader's VersionId is not supported by nestflow.");
    }
    Source source = switch (spec.source()) {
      case LIST_OBJECTS_V2 -> new Listing(store, spec);
      case GET_OBJECT -> spec.inputType() == ItemReaderSpec.InputType.MANIFEST
          ? new Inventory(store, spec, maxObjectBytes)
          : new SingleObject(store, spec, maxObjectBytes);
    };
    Iterator<JsonNode> limited = guarded(ObjectItems.limit(source, spec.maxItems()));
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(limited, Spliterator.ORDERED), false)
        .onClose(source::close);
  }

  /** Items with a close; the close releases whatever object stream is open. */
  private interface Source extends Iterator<JsonNode>, AutoCloseable {
    @Override
    void close();
  }

  /** One item per object under a prefix, a ListObjectsV2 page at a time. */
  private static final class Listing implements Source {
    private final ObjectStore store;
    private final ItemReaderSpec spec;
    private Iterator<ListedObject> page = List.<ListedObject>of().iterator();
    private String token;
    private boolean last;

    Listing(ObjectStore store, ItemReaderSpec spec) {
      this.store = store;
      this.spec = spec;
    }

    @Override
    public boolean hasNext() {
      while (!page.hasNext() && !last) {
        ObjectListing listing = fetch(() -> store.list(spec.bucket(), spec.prefix(), token),
            "s3:listObjectsV2", spec.bucket(), spec.prefix());
        page = listing.objects().iterator();
        token = listing.nextContinuationToken();
        last = token == null;
      }
      return page.hasNext();
    }

    @Override
    public JsonNode next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return page.next().toItem();
    }

    @Override
    public void close() {}
  }

  /** The items inside one JSON, JSON Lines or CSV object. */
  private static final class SingleObject implements Source {
    private final InputStream in;
    private final Iterator<JsonNode> items;

    SingleObject(ObjectStore store, ItemReaderSpec spec, long maxBytes) {
      this.in = new Capped(fetch(() -> store.open(spec.bucket(), spec.key()), "s3:getObject", spec.bucket(), spec.key()),
          maxBytes, spec.bucket(), spec.key());
      this.items = ObjectItems.parse(spec, in);
    }

    @Override
    public boolean hasNext() {
      return items.hasNext();
    }

    @Override
    public JsonNode next() {
      return items.next();
    }

    @Override
    public void close() {
      closeQuietly(in);
    }
  }

  /** The rows of every data file an S3 inventory manifest lists, one file open at a time. */
  private static final class Inventory implements Source {
    private final ObjectStore store;
    private final InventoryManifest manifest;
    private final String dataBucket;
    private final long maxBytes;
    private int nextFile;
    private InputStream open;
    private Iterator<JsonNode> rows = List.<JsonNode>of().iterator();

    Inventory(ObjectStore store, ItemReaderSpec spec, long maxBytes) {
      this.store = store;
      this.maxBytes = maxBytes;
      byte[] text = fetch(() -> store.get(spec.bucket(), spec.key(), MAX_MANIFEST_BYTES),
          "s3:getObject", spec.bucket(), spec.key());
      JsonNode json;
      try {
        json = Json.parse(new String(text, StandardCharsets.UTF_8));
      } catch (Json.JsonSyntaxException e) {
        throw ItemErrors.readerFailed("The manifest s3://" + spec.bucket() + "/" + spec.key()
            + " is not valid JSON: " + e.getMessage());
      }
      this.manifest = InventoryManifest.parse(json);
      this.dataBucket = manifest.destinationBucket() != null ? manifest.destinationBucket() : spec.bucket();
    }

    @Override
    public boolean hasNext() {
      while (!rows.hasNext()) {
        closeQuietly(open);
        open = null;
        if (nextFile == manifest.dataFileKeys().size()) {
          return false;
        }
        String key = manifest.dataFileKeys().get(nextFile++);
        open = new Capped(fetch(() -> store.open(dataBucket, key), "s3:getObject", dataBucket, key), maxBytes, dataBucket, key);
        rows = manifest.items(open);
      }
      return true;
    }

    @Override
    public JsonNode next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return rows.next();
    }

    @Override
    public void close() {
      closeQuietly(open);
    }
  }

  /** Any other failure while reading (a dropped connection inside the SDK) is the reader's failure too. */
  private static Iterator<JsonNode> guarded(Iterator<JsonNode> items) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        try {
          return items.hasNext();
        } catch (StatesException e) {
          throw e;
        } catch (RuntimeException e) {
          throw ItemErrors.readerFailed("Reading the items failed: " + e.getMessage());
        }
      }

      @Override
      public JsonNode next() {
        try {
          return items.next();
        } catch (StatesException | NoSuchElementException e) {
          throw e;
        } catch (RuntimeException e) {
          throw ItemErrors.readerFailed("Reading the items failed: " + e.getMessage());
        }
      }
    };
  }

  private interface Call<T> {
    T run();
  }

  /** Runs one S3 call, wording its failure as the ItemReader's. */
  private static <T> T fetch(Call<T> call, String action, String bucket, String keyOrPrefix) {
    try {
      return call.run();
    } catch (ObjectStoreException e) {
      throw ItemErrors.readerFailed(action + " on s3://" + bucket + "/" + (keyOrPrefix == null ? "" : keyOrPrefix)
          + " failed: " + e.code() + ": " + e.getMessage());
    }
  }

  private static void closeQuietly(InputStream in) {
    if (in != null) {
      try {
        in.close();
      } catch (IOException | RuntimeException ignored) {
        // the items are read; a failed close loses nothing
      }
    }
  }

  /** A stream that refuses to go past a byte budget: the reader never reads more than the cap. */
  private static final class Capped extends FilterInputStream {
    private final long max;
    private final String bucket;
    private final String key;
    private long read;

    Capped(InputStream in, long max, String bucket, String key) {
      super(in);
      this.max = max;
      this.bucket = bucket;
      this.key = key;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      long room = max - read; // one byte past the cap is enough to know the object is too large
      int n = super.read(buffer, offset, (int) Math.min(length, room == Long.MAX_VALUE ? room : room + 1));
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      read += n;
      if (read > max) {
        throw new UncheckedIOException(new IOException("the object s3://" + bucket + "/" + key
            + " is larger than the " + max + " bytes an ItemReader reads"));
      }
    }
  }
}
