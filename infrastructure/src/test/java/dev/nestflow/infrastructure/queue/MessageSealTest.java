package dev.nestflow.infrastructure.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.keys.FixedKeys;
import dev.nestflow.infrastructure.keys.Key;
import dev.nestflow.infrastructure.keys.Keyring;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageSealTest {
  private static final String MESSAGE = "{\"arn\":\"arn:aws:states:us-east-1:1:execution:m:e\",\"id\":\"start\"}";
  private final Key previous = Key.fixed("previous-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));
  private final Key current = Key.fixed("current-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));

  @Test
  void aSealedMessageOpensToItselfAndStaysReadableJson() {
    MessageSeal seal = new MessageSeal(Keyring.of(current));
    String sealed = seal.seal(MESSAGE);
    assertThat(Json.parse(sealed).path("kid").asText()).isEqualTo(current.id());
    assertThat(Json.parse(sealed).path("arn").asText()).isEqualTo("arn:aws:states:us-east-1:1:execution:m:e");
    assertThat(seal.open(sealed)).isEqualTo(MESSAGE);
  }

  @Test
  void unsignedAlteredAndTruncatedMessagesAreRefused() {
    MessageSeal seal = new MessageSeal(Keyring.of(current));
    String sealed = seal.seal(MESSAGE);
    assertThatThrownBy(() -> seal.open(MESSAGE)).isInstanceOf(MessageSeal.Refused.class).hasMessage("unsigned");
    assertThatThrownBy(() -> seal.open(sealed.replace(":e\"", ":f\""))).isInstanceOf(MessageSeal.Refused.class)
        .hasMessageContaining("does not match");
    assertThatThrownBy(() -> seal.open(sealed.substring(0, sealed.length() - 3) + "\"}")).isInstanceOf(MessageSeal.Refused.class);
  }

  @Test
  void afterARotationMessagesSignedWithThePreviousKeyStillOpen() {
    String signedBefore = new MessageSeal(Keyring.of(previous)).seal(MESSAGE);
    MessageSeal rotated = new MessageSeal(new Keyring(FixedKeys.of(current, previous)));
    assertThat(rotated.open(signedBefore)).isEqualTo(MESSAGE);
    assertThat(Json.parse(rotated.seal(MESSAGE)).path("kid").asText()).isEqualTo(current.id());
    MessageSeal forgotten = new MessageSeal(Keyring.of(current));
    assertThatThrownBy(() -> forgotten.open(signedBefore)).hasMessageContaining("unknown key");
  }
}
