package dev.nestflow.infrastructure.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.interpreter.Execution;
import dev.nestflow.core.interpreter.Signal;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.keys.Key;
import dev.nestflow.infrastructure.keys.Keyring;
import dev.nestflow.infrastructure.queue.MessageSeal;
import dev.nestflow.infrastructure.runtime.TransitionMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The answer of a task whose result is as large as AWS allows (256 KiB), signed, fits the
 * transitions and task queues as template.yaml configures them (SQS's default maximum, 256 KiB,
 * does not: the envelope and the signature come on top), and the harness's queue refuses what they
 * would refuse.
 */
class QueueMessageSizeTest {

  private static int maximumMessageSize(String template, String queue) {
    Matcher block = Pattern.compile("\n  " + queue + ":\n((?:    .*\n|\n)*?)(?=\n  \\S|$)").matcher(template);
    assertThat(block.find()).as("queue %s in template.yaml", queue).isTrue();
    Matcher size = Pattern.compile("MaximumMessageSize: (\\d+)").matcher(block.group(1));
    return size.find() ? Integer.parseInt(size.group(1)) : 262_144; // SQS's default
  }

  @Test
  void theSignedAnswerOfA256KiBResultFitsTheQueues() throws IOException {
    String template = Files.readString(Path.of("..", "template.yaml"));
    ObjectNode result = Json.object();
    result.put("blob", "x".repeat(Execution.MAX_PAYLOAD_BYTES - "{\"blob\":\"\"}".length()));
    assertThat(Json.utf8Size(result)).isEqualTo(Execution.MAX_PAYLOAD_BYTES);
    String answer = new TransitionMessage(Workload.ACCOUNT + "execution:Bulky:a-name-of-80-characters-" + "n".repeat(56),
        "task:x#task123@123", new Signal.TaskSucceeded("x#task123", result), null).toJson();
    String sealed = new MessageSeal(Keyring.of(Key.fixed("a key of thirty-two bytes, or so".getBytes(StandardCharsets.UTF_8))))
        .seal(answer);
    int bytes = sealed.getBytes(StandardCharsets.UTF_8).length;

    assertThat(bytes).isGreaterThan(262_144);
    for (String queue : new String[] {"TransitionsQueue", "TaskQueue", "TransitionsDeadLetterQueue", "TaskDeadLetterQueue"}) {
      assertThat(maximumMessageSize(template, queue)).as("%s's MaximumMessageSize", queue)
          .isGreaterThanOrEqualTo(bytes)
          .isEqualTo(FaultyMessageQueue.MAX_MESSAGE_BYTES);
    }
  }
}
