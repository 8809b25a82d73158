package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.runtime.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * {@code nextToken}s: where the next page starts, for which listing, and when the token was
 * issued. A token for another listing, a garbled one or one older than 24 hours is InvalidToken.
 */
final class PageTokens {
  private PageTokens() {}

  static final long VALID_MILLIS = 24L * 3600 * 1000;

  static String issue(String scope, int offset, long nowMillis) {
    ObjectNode n = Json.object();
    n.put("s", scope);
    n.put("o", offset);
    n.put("t", nowMillis);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(n).getBytes(StandardCharsets.UTF_8));
  }

  /** The offset a token points at (0 without a token). */
  static int offset(String token, String scope, long nowMillis) {
    if (token == null) {
      return 0;
    }
    try {
      JsonNode n = Json.parse(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
      if (n.path("s").asText().equals(scope) && n.path("o").isInt() && n.path("o").asInt() >= 0
          && nowMillis - n.path("t").asLong() <= VALID_MILLIS) {
        return n.path("o").asInt();
      }
    } catch (IllegalArgumentException | Json.JsonSyntaxException garbled) {
      // falls through to InvalidToken
    }
    throw new ApiException("InvalidToken", "Invalid Token: '" + token + "'");
  }

  /** One page of {@code items}: maxResults 0 or absent means 100. */
  record Page<T>(List<T> items, String nextToken) {}

  static <T> Page<T> page(List<T> all, Integer maxResults, String token, String scope, long nowMillis) {
    int from = Math.min(offset(token, scope, nowMillis), all.size());
    int size = maxResults == null || maxResults == 0 ? 100 : maxResults;
    int to = Math.min(all.size(), from + size);
    return new Page<>(all.subList(from, to), to < all.size() ? issue(scope, to, nowMillis) : null);
  }
}
