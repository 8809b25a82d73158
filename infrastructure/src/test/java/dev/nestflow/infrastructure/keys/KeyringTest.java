package dev.nestflow.infrastructure.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyringTest {
  private final Key first = Key.fixed("first-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));
  private final List<String> calls = new ArrayList<>();
  private final KeySource counting = new KeySource() {
    @Override
    public Key current() {
      calls.add("current");
      return first;
    }

    @Override
    public Optional<Key> byId(String id) {
      calls.add("byId " + id);
      return Optional.empty();
    }
  };

  @Test
  void nothingIsFetchedUntilFirstUseAndTheCurrentKeyOnlyOnce() {
    Keyring keys = new Keyring(counting);
    assertThat(calls).isEmpty();
    keys.current();
    keys.current();
    assertThat(keys.byId(first.id())).contains(first);
    assertThat(calls).containsExactly("current");
  }

  @Test
  void forgettingDropsTheKeySoTheNextUseFetchesItAgain() {
    Keyring keys = new Keyring(counting);
    keys.current();
    keys.forget();
    keys.current();
    assertThat(calls).containsExactly("current", "current");
  }

  @Test
  void anUnknownIdIsAskedForOnce() {
    Keyring keys = new Keyring(counting);
    assertThat(keys.byId("nope")).isEmpty();
    assertThat(keys.byId("nope")).isEmpty();
    assertThat(calls).containsExactly("current", "byId nope");
  }
}
