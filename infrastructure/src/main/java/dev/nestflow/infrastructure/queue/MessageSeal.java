package dev.nestflow.infrastructure.queue;

import dev.nestflow.infrastructure.keys.Key;
import dev.nestflow.infrastructure.keys.Keyring;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signs and checks transition messages, so that only the functions (which hold the key) can make
 * one: a message anybody else puts on the queue (a forged answer to another execution's task, a
 * forged stop) or alters is refused and changes nothing.
 *
 * <p>A message is a JSON object; sealing appends the key id and an HMAC-SHA256 of the message as it
 * was: {@code {...,"kid":"<key id>","sig":"<mac>"}}. The message stays readable (in the console, in
 * the dead-letter queue), and opening it is textual, so the signed bytes are exactly the bytes
 * checked: no JSON canonicalisation. After a key rotation, messages signed with the previous key
 * are checked with that key (found by its id).
 */
public final class MessageSeal {
  /** What a sealed message ends with; the key id and the mac have no quotes or backslashes. */
  private static final Pattern TRAILER = Pattern.compile(",\"kid\":\"([A-Za-z0-9-]{1,64})\",\"sig\":\"([A-Za-z0-9_-]{43})\"}$");
  private static final String DOMAIN = "nestflow transition\n";

  private final Keyring keys;

  public MessageSeal(Keyring keys) {
    this.keys = keys;
  }

  /** Thrown by {@link #open} for a message the functions did not sign as it is. */
  public static final class Refused extends RuntimeException {
    Refused(String reason) {
      super(reason, null, false, false);
    }
  }

  /** {@code message} (a non-empty JSON object's text) with the current key's id and signature. */
  public String seal(String message) {
    String body = message.strip();
    if (!body.startsWith("{") || !body.endsWith("}") || body.substring(1, body.length() - 1).isBlank()) {
      throw new IllegalArgumentException("only a non-empty JSON object can be sealed");
    }
    Key key = keys.current();
    return body.substring(0, body.length() - 1) + ",\"kid\":\"" + key.id() + "\",\"sig\":\"" + key.mac(DOMAIN + body) + "\"}";
  }

  /**
   * The message as it was sealed.
   *
   * @throws Refused when it carries no signature, names an unknown key, or was altered
   */
  public String open(String sealed) {
    if (sealed == null) {
      throw new Refused("no message");
    }
    String text = sealed.strip();
    Matcher m = TRAILER.matcher(text);
    if (!m.find()) {
      throw new Refused("unsigned");
    }
    String body = text.substring(0, m.start()) + "}";
    Optional<Key> key = keys.byId(m.group(1));
    if (key.isEmpty()) {
      throw new Refused("signed with an unknown key '" + m.group(1) + "'");
    }
    if (!key.get().verifies(DOMAIN + body, m.group(2))) {
      throw new Refused("signature does not match (altered, or signed with another key)");
    }
    return body;
  }
}
