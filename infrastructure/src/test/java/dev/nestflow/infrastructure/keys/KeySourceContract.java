package dev.nestflow.infrastructure.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What every {@link KeySource} adapter promises: a stable current key; after a rotation a new
 * current key, while the previous one is still found by its id; nothing for an unknown id.
 */
abstract class KeySourceContract {
  /** A source over a fresh secret whose value is {@code first}. */
  protected abstract KeySource newSource(String first);

  /** Makes {@code next} the source's current value (the previous one stays known). */
  protected abstract void rotate(String next);

  @Test
  void theCurrentKeyIsStableUntilARotation() {
    KeySource source = newSource("first-key-0123456789abcdef");
    Key current = source.current();
    assertThat(source.current().id()).isEqualTo(current.id());
    assertThat(source.current().mac("x")).isEqualTo(current.mac("x"));
    assertThat(source.byId(current.id())).hasValueSatisfying(k -> assertThat(k.mac("x")).isEqualTo(current.mac("x")));
  }

  @Test
  void afterARotationThePreviousKeyIsFoundByItsId() {
    KeySource source = newSource("first-key-0123456789abcdef");
    Key before = source.current();
    String madeBefore = before.mac("a message of yesterday");

    rotate("second-key-0123456789abcdef");

    Key after = source.current();
    assertThat(after.id()).isNotEqualTo(before.id());
    assertThat(after.verifies("a message of yesterday", madeBefore)).isFalse();
    assertThat(source.byId(before.id())).hasValueSatisfying(k -> assertThat(k.verifies("a message of yesterday", madeBefore)).isTrue());
  }

  @Test
  void anUnknownIdFindsNothing() {
    KeySource source = newSource("first-key-0123456789abcdef");
    assertThat(source.byId("0b1c2d3e-0000-4000-8000-000000000000")).isEmpty();
    assertThat(source.byId("forged")).isEmpty();
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
