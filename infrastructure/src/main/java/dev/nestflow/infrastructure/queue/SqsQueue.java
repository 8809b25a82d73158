package dev.nestflow.infrastructure.queue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageNotInflightException;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The {@link MessageQueue} on an SQS standard queue. SQS counts delays and visibility timeouts in
 * whole seconds: both are rounded up, so a message is never delivered early. One receive returns
 * at most 10 messages (the SQS limit). Changing the visibility through a handle that no longer
 * acts (the message is not in flight, was received again or was deleted) does nothing, as in the
 * embedded queue. Deleting through a stale handle succeeds; whether it deletes is up to SQS (its
 * documentation: the message "might not be deleted"; moto deletes it).
 *
 * <p>On a FIFO queue (its name ends in {@code .fifo}) each message goes into its group (a message
 * sent without one goes into {@link #DEFAULT_GROUP}) with a deduplication id of its own: the runtime
 * is idempotent, and FIFO's 5-minute deduplication must never drop a message sent again on
 * purpose. A FIFO queue takes no per-message delay ({@link #delays()} is false).
 */
public final class SqsQueue implements MessageQueue {
  /** The most messages one ReceiveMessage call returns. */
  public static final int MAX_RECEIVE = 10;
  private static final Duration MAX_VISIBILITY = Duration.ofHours(12);

  private final SqsClient client;
  private final String queueUrl;
  private final int waitSeconds;
  private final boolean fifo;

  /** The group of a message sent to a FIFO queue without one. */
  public static final String DEFAULT_GROUP = "nestflow";

  /** SQS's longest MessageGroupId. */
  static final int MAX_GROUP_ID = 128;

  /**
   * The MessageGroupId of {@code group}: the group itself when SQS takes it (1 to 128 ASCII letters,
   * digits and punctuation), else a digest of it ({@code sha256:} and 64 hex digits), the same for
   * the same group, so one execution's messages (whose ARN may be longer than 128 characters, or
   * hold characters SQS refuses) still share one group. A digest is itself a valid id, so sending a
   * received message's group again keeps it.
   */
  static String groupId(String group) {
    if (group == null) {
      return DEFAULT_GROUP;
    }
    if (!group.isEmpty() && group.length() <= MAX_GROUP_ID && group.chars().allMatch(c -> c > 32 && c < 127)) {
      return group;
    }
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(group.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "sha256:" + java.util.HexFormat.of().formatHex(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Short polling: a receive returns at once, possibly empty (SQS samples its servers). */
  public SqsQueue(SqsClient client, String queueUrl) {
    this(client, queueUrl, Duration.ZERO);
  }

  /** Long polling: a receive waits up to {@code receiveWait} (at most 20 s) for a message to arrive. */
  public SqsQueue(SqsClient client, String queueUrl, Duration receiveWait) {
    if (receiveWait.isNegative() || receiveWait.compareTo(Duration.ofSeconds(20)) > 0) {
      throw new IllegalArgumentException("receiveWait must be between 0 and 20 s, not " + receiveWait);
    }
    this.client = client;
    this.queueUrl = queueUrl;
    this.waitSeconds = seconds(receiveWait);
    this.fifo = isFifo(queueUrl);
  }

  /** Whether the queue of this name or URL is a FIFO queue (SQS requires the .fifo suffix). */
  public static boolean isFifo(String queueNameOrUrl) {
    return queueNameOrUrl.endsWith(".fifo");
  }

  /**
   * Creates the queue (or finds the one of that name) and returns its URL: a FIFO queue when the name
   * ends in .fifo, else a standard queue.
   */
  public static String createQueue(SqsClient client, String name) {
    if (isFifo(name)) {
      return client.createQueue(b -> b.queueName(name).attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
          .queueUrl();
    }
    return client.createQueue(b -> b.queueName(name)).queueUrl();
  }

  public String queueUrl() {
    return queueUrl;
  }

  @Override
  public void send(String body, Duration delay) {
    send(body, delay, null);
  }

  @Override
  public void send(String body, Duration delay, String group) {
    checkRange("delay", delay, MAX_DELAY);
    if (!fifo) {
      client.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body).delaySeconds(seconds(delay)));
      return;
    }
    if (!delay.isZero()) {
      throw new IllegalArgumentException("a FIFO queue takes no per-message delay, not " + delay);
    }
    client.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body)
        .messageGroupId(groupId(group))
        .messageDeduplicationId(UUID.randomUUID().toString()));
  }

  @Override
  public boolean delays() {
    return !fifo;
  }

  @Override
  public List<QueueMessage> receive(int max, Duration visibility) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1, not " + max);
    }
    checkRange("visibility", visibility, MAX_VISIBILITY);
    ReceiveMessageResponse response = client.receiveMessage(b -> b.queueUrl(queueUrl)
        .maxNumberOfMessages(Math.min(max, MAX_RECEIVE))
        .visibilityTimeout(seconds(visibility))
        .waitTimeSeconds(waitSeconds)
        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
            MessageSystemAttributeName.MESSAGE_GROUP_ID));
    return response.messages().stream().map(SqsQueue::toQueueMessage).toList();
  }

  private static QueueMessage toQueueMessage(Message m) {
    String count = m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
    return new QueueMessage(m.messageId(), m.receiptHandle(), m.body(), count == null ? 1 : Integer.parseInt(count),
        m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
  }

  @Override
  public void delete(String receiptHandle) {
    client.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(receiptHandle));
  }

  @Override
  public void changeVisibility(String receiptHandle, Duration visibility) {
    checkRange("visibility", visibility, MAX_VISIBILITY);
    try {
      client.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(receiptHandle)
          .visibilityTimeout(seconds(visibility)));
    } catch (MessageNotInflightException | ReceiptHandleIsInvalidException stale) {
      // nothing to change: the message is visible again, was received again or is gone
    } catch (SqsException e) {
      if (!isGoneMessage(e)) {
        throw e;
      }
    }
  }

  /** SQS answers a visibility change of a deleted message with InvalidParameterValue on the receipt handle. */
  private static boolean isGoneMessage(SqsException e) {
    return e.awsErrorDetails() != null
        && "InvalidParameterValue".equals(e.awsErrorDetails().errorCode())
        && String.valueOf(e.awsErrorDetails().errorMessage()).contains("ReceiptHandle");
  }

  private static int seconds(Duration d) {
    long s = d.getSeconds();
    return (int) (d.getNano() > 0 ? s + 1 : s);
  }

  private static void checkRange(String what, Duration value, Duration max) {
    if (value == null || value.isNegative() || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(what + " must be between 0 and " + max + ", not " + value);
    }
  }
}
