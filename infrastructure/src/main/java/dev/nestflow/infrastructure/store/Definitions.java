package dev.nestflow.infrastructure.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * State machine definitions as {@link DynamoDbExecutionStore} keeps them: once per distinct text,
 * named by the SHA-256 of its UTF-8 bytes, in parts small enough for one item each (a definition
 * may have 1 MiB, an item 400 KB). Executions and state machine versions refer to a definition by
 * its digest, so a 256 KiB input never shares an item with the definition it runs.
 */
final class Definitions {
  /** UTF-8 bytes per part: with the part's keys well under the item limit. */
  static final int PART_BYTES = 300_000;

  /** Definitions kept in memory at most (characters): they never change, so a hit needs no read. */
  private static final long CACHE_CHARS = 8L * 1024 * 1024;

  private final Map<String, String> cache = new LinkedHashMap<>(16, 0.75f, true);
  private long cachedChars;

  private Definitions() {}

  static Definitions cache() {
    return new Definitions();
  }

  static String digest(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** {@code text} cut into pieces of at most {@link #PART_BYTES} UTF-8 bytes, never inside a character. */
  static List<String> parts(String text) {
    List<String> out = new ArrayList<>();
    int from = 0;
    int bytes = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + size > PART_BYTES) {
        out.add(text.substring(from, i));
        from = i;
        bytes = 0;
      }
      bytes += size;
      i += Character.charCount(cp);
    }
    out.add(text.substring(from));
    return out;
  }

  synchronized String get(String digest) {
    return cache.get(digest);
  }

  synchronized void remember(String digest, String text) {
    if (cache.put(digest, text) == null) {
      cachedChars += text.length();
    }
    var it = cache.entrySet().iterator();
    while (cachedChars > CACHE_CHARS && cache.size() > 1 && it.hasNext()) {
      cachedChars -= it.next().getValue().length();
      it.remove();
    }
  }
}
