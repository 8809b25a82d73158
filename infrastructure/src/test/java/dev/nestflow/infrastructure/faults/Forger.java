package dev.nestflow.infrastructure.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.keys.Key;
import dev.nestflow.infrastructure.keys.Keyring;
import dev.nestflow.infrastructure.queue.MessageSeal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes forged transition messages out of a real (sealed) one, as somebody who can send to the
 * queue but holds no key would: a Stop of the message's execution without a signature, the same
 * with the real message's signature appended (altered), signed with a key of its own (an unknown
 * key id) or with its own secret under the real key's id, and the real message moved to another
 * execution with its signature kept. Every one of them must be refused: if one were applied, the
 * execution would end differently (aborted, or answered twice).
 */
final class Forger {
  /** The ways a message is forged, one per forged message in turn. */
  enum Way {
    UNSIGNED, ALTERED, UNKNOWN_KEY, WRONG_SECRET, MOVED_TO_ANOTHER_EXECUTION
  }

  private static final Pattern TRAILER = Pattern.compile(",\"kid\":\"([^\"]*)\",\"sig\":\"([^\"]*)\"}$");
  private final MessageSeal ownKey = new MessageSeal(Keyring.of(Key.fixed(bytes("a forger's own key, not the functions'"))));
  private final String realKeyId;
  private final List<String> executions = new ArrayList<>();
  private int forged;

  /** @param realKeyId the id of the key the functions sign with (a forger can read it off any message) */
  Forger(String realKeyId) {
    this.realKeyId = realKeyId;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A forged message made from {@code sealed}, a message the functions sent; null when it is not one. */
  String forge(String sealed) {
    Matcher m = TRAILER.matcher(sealed);
    if (!m.find()) {
      return null;
    }
    String body = sealed.substring(0, m.start()) + "}";
    JsonNode parsed = Json.parse(body);
    String arn = parsed.path("arn").asText();
    if (!executions.contains(arn)) {
      executions.add(arn);
    }
    Way way = Way.values()[forged++ % Way.values().length];
    ObjectNode stop = Json.object();
    stop.put("arn", arn);
    stop.put("id", "stop:forged-" + forged);
    ObjectNode signal = stop.putObject("signal");
    signal.put("type", "Stop");
    signal.put("error", "Forged");
    signal.put("cause", "a message nobody signed");
    String stopText = Json.write(stop);
    return switch (way) {
      case UNSIGNED -> stopText;
      case ALTERED -> stopText.substring(0, stopText.length() - 1) + sealed.substring(m.start());
      case UNKNOWN_KEY -> ownKey.seal(stopText);
      case WRONG_SECRET -> new MessageSeal(Keyring.of(new Key(realKeyId, bytes("a guessed secret for the real key id"))))
          .seal(stopText);
      case MOVED_TO_ANOTHER_EXECUTION -> {
        String other = executions.get(forged % executions.size());
        yield other.equals(arn) ? stopText : sealed.replace("\"arn\":\"" + arn + "\"", "\"arn\":\"" + other + "\"");
      }
    };
  }

  /** How many messages were forged. */
  int forged() {
    return forged;
  }
}
