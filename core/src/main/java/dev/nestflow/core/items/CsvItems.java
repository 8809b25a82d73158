package dev.nestflow.core.items;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Items of a delimited text object, parsed by the rules AWS documents for Distributed Map:
 * the configured delimiter separates fields and newlines separate records; every value is a
 * string; double quotes opening a value enclose text that may hold delimiters or newlines, and a
 * doubled quote (inside them or inside an unquoted value, as in AWS's own example
 * {@code {""MyKey"":""MyValue""}}) is one quote; a backslash escapes a backslash, a double quote or the delimiter and
 * is silently dropped before any other character; a short row gets empty strings for its missing
 * fields and a long row loses its extra fields. Blank lines hold no record.
 *
 * <p>Records are read one at a time from the stream, so an object of any size is never held whole.
 */
final class CsvItems implements Iterator<JsonNode> {
  private final Reader in;
  private final char delimiter;
  private final List<String> headers;
  private int peeked = -2;
  private List<String> next;

  /**
   * @param headers the column names, or null to take them from the first record
   */
  CsvItems(Reader in, char delimiter, List<String> headers) {
    this.in = in;
    this.delimiter = delimiter;
    if (headers == null) {
      List<String> first = record(ItemReaderSpec.MAX_CSV_HEADER_BYTES);
      headers = first == null ? List.of() : first;
      checkHeaders(headers);
    }
    this.headers = headers;
  }

  /** AWS refuses a header row that names a column twice. */
  static void checkHeaders(List<String> headers) {
    Set<String> seen = new HashSet<>();
    for (String h : headers) {
      if (!seen.add(h)) {
        throw ItemErrors.readerFailed("CSV headers cannot contain duplicates.");
      }
    }
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      next = record(Integer.MAX_VALUE);
    }
    return next != null;
  }

  @Override
  public JsonNode next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    List<String> fields = next;
    next = null;
    ObjectNode item = Json.object();
    for (int i = 0; i < headers.size(); i++) {
      item.put(headers.get(i), i < fields.size() ? fields.get(i) : "");
    }
    return item;
  }

  /**
   * The next non-blank record, or null at the end. {@code maxChars} bounds the record's length
   * (the header row's 10 KiB); a longer one fails the reader.
   */
  private List<String> record(int maxChars) {
    while (true) {
      int c = peek();
      if (c == -1) {
        return null;
      }
      if (c == '\n' || c == '\r') {
        read();
        continue;
      }
      return fields(maxChars);
    }
  }

  private List<String> fields(int maxChars) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean fieldStart = true;
    int length = 0;
    while (true) {
      int c = read();
      if (c == -1) {
        fields.add(field.toString());
        return fields;
      }
      if (!quoted && (c == '\n' || c == '\r')) {
        if (c == '\r' && peek() == '\n') {
          read();
        }
        fields.add(field.toString());
        return fields;
      }
      if (++length > maxChars) {
        throw ItemErrors.readerFailed("CSV headers larger than 10 KiB are not supported.");
      }
      if (c == '\\') {
        int escaped = peek();
        if (escaped == '\\' || escaped == '"' || escaped == delimiter) {
          field.append((char) read());
          length++;
        }
        fieldStart = false;
        continue;
      }
      if (quoted) {
        if (c == '"') {
          if (peek() == '"') {
            field.append((char) read());
            length++;
          } else {
            quoted = false;
          }
        } else {
          field.append((char) c);
        }
        continue;
      }
      if (c == delimiter) {
        fields.add(field.toString());
        field.setLength(0);
        fieldStart = true;
        continue;
      }
      if (c == '"') {
        if (fieldStart) {
          quoted = true;
        } else {
          // a quote inside an unquoted value is kept; a doubled one counts once
          if (peek() == '"') {
            read();
            length++;
          }
          field.append('"');
        }
      } else {
        field.append((char) c);
      }
      fieldStart = false;
    }
  }

  private int peek() {
    if (peeked == -2) {
      peeked = readRaw();
    }
    return peeked;
  }

  private int read() {
    int c = peek();
    peeked = -2;
    return c;
  }

  private int readRaw() {
    try {
      return in.read();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
