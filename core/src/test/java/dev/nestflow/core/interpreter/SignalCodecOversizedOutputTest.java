package dev.nestflow.core.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.states.StateMachineParser;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A task result over the payload limit travels and is logged by its size alone (a Lambda function
 * may return 6 MB; a DynamoDB item holds 400 KB, an SQS message 1 MiB), and replays to the same
 * States.DataLimitExceeded failure.
 */
class SignalCodecOversizedOutputTest {
  private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:big";
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  private static ObjectNode blob(int chars) {
    ObjectNode out = Json.object();
    out.put("blob", "x".repeat(chars));
    return out;
  }

  @Test
  void aResultOverThePayloadLimitIsEncodedByItsSize() {
    Signal.TaskSucceeded big = new Signal.TaskSucceeded("x#task1", blob(700 * 1024));

    String encoded = Json.write(SignalCodec.encode(big));

    assertThat(encoded.length()).isLessThan(200);
    assertThat(encoded).contains("\"oversizedOutputBytes\":" + Json.utf8Size(big.output()));
    Signal.TaskSucceeded decoded = (Signal.TaskSucceeded) SignalCodec.decode(Json.parse(encoded));
    assertThat(decoded.key()).isEqualTo("x#task1");
    assertThat(Json.utf8Size(decoded.output())).isEqualTo(Execution.MAX_PAYLOAD_BYTES + 1);
  }

  @Test
  void aResultAtThePayloadLimitIsEncodedWhole() {
    ObjectNode atLimit = blob(Execution.MAX_PAYLOAD_BYTES - "{\"blob\":\"\"}".length());
    assertThat(Json.utf8Size(atLimit)).isEqualTo(Execution.MAX_PAYLOAD_BYTES);

    Signal decoded = SignalCodec.decode(SignalCodec.encode(new Signal.TaskSucceeded("k", atLimit)));

    assertThat(((Signal.TaskSucceeded) decoded).output()).isEqualTo(atLimit);
  }

  @Test
  void theDecodedResultFailsTheTaskAsTheOriginalDoes() {
    String definition = "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\"" + FUNCTION
        + "\",\"Catch\":[{\"ErrorEquals\":[\"States.ALL\"],\"Next\":\"P\"}],\"End\":true},\"P\":{\"Type\":\"Pass\",\"End\":true}}}";
    Signal.TaskSucceeded big = new Signal.TaskSucceeded(null, blob(700 * 1024));

    ExecutionResult original = run(definition, big, false);
    ExecutionResult replayed = run(definition, big, true);

    assertThat(original.output().path("Error").asText()).isEqualTo("States.DataLimitExceeded");
    assertThat(replayed.history()).isEqualTo(original.history());
    assertThat(replayed.output()).isEqualTo(original.output());
  }

  /** Starts the execution and answers its task with {@code answer}, as sent or as decoded from the log. */
  private static ExecutionResult run(String definition, Signal.TaskSucceeded answer, boolean throughTheCodec) {
    ExecutionIdentity identity = new ExecutionIdentity("arn:aws:states:us-east-1:123456789012:execution:m:e", "e",
        "arn:aws:states:us-east-1:123456789012:stateMachine:m", "m", "arn:aws:iam::123456789012:role/r", T0);
    Execution execution = new Execution(StateMachineParser.parse(Json.parse(definition)), identity, Json.object(), "{}",
        Environment.of(new Random(1)));
    List<Effect> effects = execution.start(T0);
    String key = effects.stream().filter(e -> e instanceof Effect.InvokeTask).map(e -> ((Effect.InvokeTask) e).key())
        .findFirst().orElseThrow();
    Signal signal = new Signal.TaskSucceeded(key, answer.output());
    if (throughTheCodec) {
      signal = SignalCodec.decode(Json.parse(Json.write(SignalCodec.encode(signal))));
    }
    execution.deliver(signal, T0.plusSeconds(1));
    return execution.result();
  }
}
