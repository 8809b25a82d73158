package dev.nestflow.infrastructure.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link MessageQueue} whose messages are signed ({@link MessageSeal}): every message sent is
 * sealed, every message received is checked and handed over as it was sent. A message that is not
 * signed, or not as it is, is refused: logged, deleted, and never handed over, so it changes
 * nothing. The Lambda consumer, which gets its messages from Lambda's SQS event source rather than
 * from {@link #receive}, opens them with the same {@link MessageSeal}.
 */
public final class SignedQueue implements MessageQueue {
  private final MessageQueue queue;
  private final MessageSeal seal;
  private final Consumer<String> log;

  public SignedQueue(MessageQueue queue, MessageSeal seal, Consumer<String> log) {
    this.queue = queue;
    this.seal = seal;
    this.log = log;
  }

  public MessageSeal seal() {
    return seal;
  }

  @Override
  public void send(String body, Duration delay) {
    queue.send(seal.seal(body), delay);
  }

  /** The seal covers the body, which names the execution; the group only routes it. */
  @Override
  public void send(String body, Duration delay, String group) {
    queue.send(seal.seal(body), delay, group);
  }

  @Override
  public boolean delays() {
    return queue.delays();
  }

  @Override
  public List<QueueMessage> receive(int max, Duration visibility) {
    List<QueueMessage> opened = new ArrayList<>();
    for (QueueMessage m : queue.receive(max, visibility)) {
      try {
        opened.add(new QueueMessage(m.messageId(), m.receiptHandle(), seal.open(m.body()), m.receiveCount(), m.group()));
      } catch (MessageSeal.Refused refused) {
        log.accept(refusal(m.messageId(), m.body(), refused));
        queue.delete(m.receiptHandle());
      }
    }
    return opened;
  }

  /** The log line of a refused message: its id, why, and its start (a forged message is evidence). */
  public static String refusal(String messageId, String body, MessageSeal.Refused why) {
    String start = body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "..." : body;
    return "refused transition message " + messageId + ": " + why.getMessage() + ": " + start;
  }

  @Override
  public void delete(String receiptHandle) {
    queue.delete(receiptHandle);
  }

  @Override
  public void changeVisibility(String receiptHandle, Duration visibility) {
    queue.changeVisibility(receiptHandle, visibility);
  }
}
