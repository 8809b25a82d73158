package dev.nestflow.core.items;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The items inside one S3 object's bytes, parsed as {@code ReaderConfig.InputType} says: a JSON
 * array (or the array an {@code ItemsPointer} names), JSON Lines, or CSV (every value a string).
 * Items come out one at a time, so a large object is never held as a tree; the caller closes the
 * stream. Every parse failure, including a broken stream, is {@code States.ItemReaderFailed}.
 */
public final class ObjectItems {
  private ObjectItems() {}

  /** Reads one array element at a time; the strict mapper's trailing-token check is for whole documents. */
  private static final ObjectReader ELEMENTS =
      Json.MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /**
   * The items of {@code bytes} for {@code spec}'s input type (JSON, JSONL or CSV), at most
   * {@code spec.maxItems()} of them. A malformed object fails with {@code States.ItemReaderFailed}
   * when the iterator reaches the bad part.
   */
  public static Iterator<JsonNode> parse(ItemReaderSpec spec, InputStream bytes) {
    Iterator<JsonNode> items = switch (spec.inputType()) {
      case JSON -> jsonArray(bytes, spec.itemsPointer());
      case JSONL -> jsonLines(bytes);
      case CSV -> csv(bytes, spec.csv());
      case MANIFEST -> throw new IllegalArgumentException("a manifest is read through InventoryManifest");
    };
    return limit(items, spec.maxItems());
  }

  /** The elements of a JSON array document, or of the array at {@code itemsPointer} (null: the root). */
  public static Iterator<JsonNode> jsonArray(InputStream bytes, String itemsPointer) {
    return guarded(() -> {
      JsonParser parser = Json.MAPPER.createParser(bytes);
      if (parser.nextToken() == null) {
        throw ItemErrors.readerFailed("The JSON object is empty.");
      }
      if (itemsPointer != null && !itemsPointer.isEmpty()) {
        descend(parser, itemsPointer);
      }
      if (parser.currentToken() != JsonToken.START_ARRAY) {
        throw ItemErrors.readerFailed("Attempting to map over non-iterable node.");
      }
      return new JsonArrayItems(parser, itemsPointer == null || itemsPointer.isEmpty());
    });
  }

  /** One item per non-blank line, each line a JSON value. */
  public static Iterator<JsonNode> jsonLines(InputStream bytes) {
    BufferedReader reader = new BufferedReader(new InputStreamReader(bytes, StandardCharsets.UTF_8));
    return guarded(() -> new Iterator<>() {
      private JsonNode next;
      private long line;

      @Override
      public boolean hasNext() {
        while (next == null) {
          String text = readLine(reader);
          if (text == null) {
            return false;
          }
          line++;
          if (!text.isBlank()) {
            try {
              next = Json.parse(text);
            } catch (Json.JsonSyntaxException e) {
              throw ItemErrors.readerFailed("Line " + line + " is not valid JSON: " + e.getMessage());
            }
          }
        }
        return true;
      }

      @Override
      public JsonNode next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        JsonNode item = next;
        next = null;
        return item;
      }
    });
  }

  /** One object per data row, keyed by the header names, every value a string. */
  public static Iterator<JsonNode> csv(InputStream bytes, CsvOptions options) {
    BufferedReader reader = new BufferedReader(new InputStreamReader(bytes, StandardCharsets.UTF_8));
    List<String> headers = options.headerLocation() == CsvOptions.HeaderLocation.GIVEN ? options.headers() : null;
    return guarded(() -> new CsvItems(reader, options.delimiter(), headers));
  }

  /** At most {@code max} items of {@code items} (ReaderConfig.MaxItems); 0 means all. */
  public static Iterator<JsonNode> limit(Iterator<JsonNode> items, long max) {
    if (max <= 0) {
      return items;
    }
    return new Iterator<>() {
      private long taken;

      @Override
      public boolean hasNext() {
        return taken < max && items.hasNext();
      }

      @Override
      public JsonNode next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        taken++;
        return items.next();
      }
    };
  }

  /** Moves the parser to the value at an RFC 6901 pointer, skipping everything else unparsed. */
  private static void descend(JsonParser parser, String pointer) throws IOException {
    for (String raw : pointer.substring(1).split("/", -1)) {
      String token = raw.replace("~1", "/").replace("~0", "~");
      JsonToken current = parser.currentToken();
      if (current == JsonToken.START_OBJECT) {
        boolean found = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          if (name.equals(token)) {
            found = true;
            break;
          }
          parser.skipChildren();
        }
        if (!found) {
          throw ItemErrors.readerFailed("The ItemsPointer '" + pointer + "' selects nothing: no field '" + token + "'.");
        }
      } else if (current == JsonToken.START_ARRAY && token.matches("0|[1-9][0-9]{0,9}")) {
        long index = Long.parseLong(token);
        for (long i = 0; ; i++) {
          if (parser.nextToken() == JsonToken.END_ARRAY) {
            throw ItemErrors.readerFailed("The ItemsPointer '" + pointer + "' selects nothing: no index " + token + ".");
          }
          if (i == index) {
            break;
          }
          parser.skipChildren();
        }
      } else {
        throw ItemErrors.readerFailed("The ItemsPointer '" + pointer + "' selects nothing: '" + token
            + "' cannot be looked up in " + (current == JsonToken.START_ARRAY ? "an array" : "a scalar") + ".");
      }
    }
  }

  /** The elements of the array the parser stands on, one tree per element. */
  private static final class JsonArrayItems implements Iterator<JsonNode> {
    private final JsonParser parser;
    private final boolean wholeDocument;
    private JsonNode next;
    private boolean done;

    JsonArrayItems(JsonParser parser, boolean wholeDocument) {
      this.parser = parser;
      this.wholeDocument = wholeDocument;
    }

    @Override
    public boolean hasNext() {
      if (next != null) {
        return true;
      }
      if (done) {
        return false;
      }
      try {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.END_ARRAY || token == null) {
          done = true;
          if (token == null) {
            throw ItemErrors.readerFailed("The JSON array is not closed.");
          }
          if (wholeDocument && parser.nextToken() != null) {
            throw ItemErrors.readerFailed("The object holds content after its JSON array.");
          }
          return false;
        }
        next = ELEMENTS.readTree(parser);
        return true;
      } catch (JsonProcessingException e) {
        done = true;
        throw invalidJson(e);
      } catch (IOException e) {
        done = true;
        throw ItemErrors.readerFailed("Reading the object failed: " + e.getMessage());
      }
    }

    @Override
    public JsonNode next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      JsonNode item = next;
      next = null;
      return item;
    }
  }

  private interface Opening {
    Iterator<JsonNode> open() throws IOException;
  }

  /** Opens {@code opening} and turns I/O and syntax failures, then and later, into ItemReaderFailed. */
  private static Iterator<JsonNode> guarded(Opening opening) {
    Iterator<JsonNode> items;
    try {
      items = opening.open();
    } catch (JsonProcessingException e) {
      throw invalidJson(e);
    } catch (IOException | UncheckedIOException e) {
      throw ItemErrors.readerFailed("Reading the object failed: " + e.getMessage());
    }
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        try {
          return items.hasNext();
        } catch (UncheckedIOException e) {
          throw ItemErrors.readerFailed("Reading the object failed: " + e.getCause().getMessage());
        }
      }

      @Override
      public JsonNode next() {
        try {
          return items.next();
        } catch (UncheckedIOException e) {
          throw ItemErrors.readerFailed("Reading the object failed: " + e.getCause().getMessage());
        } catch (StatesException e) {
          throw e;
        }
      }
    };
  }

  /** Jackson's own words for what is wrong, and where, without the Java source it names. */
  private static StatesException invalidJson(JsonProcessingException e) {
    String what = e.getOriginalMessage().replaceAll("\\s*\\(start marker at \\[Source.*$", "");
    String where = e.getLocation() == null ? ""
        : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    return ItemErrors.readerFailed("The object is not valid JSON: " + what + where);
  }

  private static String readLine(BufferedReader reader) {
    try {
      return reader.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
