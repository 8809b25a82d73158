package dev.nestflow.infrastructure.tasks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A minimal SNS for embedded mode: topics known by ARN, published messages kept in order. Publish
 * to a topic that does not exist fails with SNS's NotFound error.
 */
public final class InMemorySns {
  /** One published message. */
  public record Message(String topicArn, String messageId, String message, String subject) {}

  private final Map<String, List<Message>> topics = new LinkedHashMap<>();
  private final Supplier<String> ids;

  public InMemorySns(Supplier<String> ids) {
    this.ids = ids;
  }

  public synchronized String createTopic(String topicArn) {
    topics.computeIfAbsent(topicArn, t -> new ArrayList<>());
    return topicArn;
  }

  public synchronized List<Message> messages(String topicArn) {
    return List.copyOf(topics.getOrDefault(topicArn, List.of()));
  }

  public synchronized Message publish(String topicArn, String message, String subject) {
    if (message == null) {
      throw ServiceException.service("InvalidParameter", "InvalidParameterException", 400,
          "Invalid parameter: Empty message");
    }
    List<Message> topic = topicArn == null ? null : topics.get(topicArn);
    if (topic == null) {
      throw ServiceException.service("NotFound", "NotFoundException", 404, "Topic does not exist");
    }
    Message m = new Message(topicArn, ids.get(), message, subject);
    topic.add(m);
    return m;
  }
}
