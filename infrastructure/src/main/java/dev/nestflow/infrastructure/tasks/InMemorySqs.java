package dev.nestflow.infrastructure.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A minimal SQS for embedded mode: queues known by URL, messages kept in order of sending. It
 * answers SendMessage as SQS does for what the integrations use: the MD5 digests of body and
 * attributes, a message id, and SQS's errors (a missing body, a queue that does not exist, a host
 * that does not resolve).
 */
public final class InMemorySqs {
  /** One sent message, with the digests SQS computes. */
  public record Message(String queueUrl, String messageId, String body, String md5OfBody, String md5OfAttributes) {}

  private final Map<String, List<Message>> queues = new LinkedHashMap<>();
  private final Supplier<String> ids;

  public InMemorySqs(Supplier<String> ids) {
    this.ids = ids;
  }

  /** Creates the queue with this URL (https://sqs.&lt;region&gt;.amazonaws.com/&lt;account&gt;/&lt;name&gt;). */
  public synchronized String createQueue(String queueUrl) {
    queues.computeIfAbsent(queueUrl, u -> new ArrayList<>());
    return queueUrl;
  }

  public synchronized List<Message> messages(String queueUrl) {
    return List.copyOf(queues.getOrDefault(queueUrl, List.of()));
  }

  /**
   * SendMessage. {@code attributes} is the MessageAttributes object ({@code name -> {DataType,
   * StringValue | BinaryValue}}) or null.
   */
  public synchronized Message sendMessage(String queueUrl, String body, JsonNode attributes) {
    String host = host(queueUrl);
    if (host == null || !(host.startsWith("sqs.") || host.endsWith(".queue.amazonaws.com")) || !host.endsWith("amazonaws.com")) {
      throw ServiceException.clientSide(
          "Unable to execute HTTP request: " + (host == null ? queueUrl : host) + ": Name or service not known");
    }
    if (body == null || body.isEmpty()) {
      throw ServiceException.service("MissingParameter", null, 400, "The request must contain the parameter MessageBody.");
    }
    List<Message> queue = queues.get(queueUrl);
    if (queue == null) {
      throw ServiceException.service("AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExistException", 400,
          "The specified queue does not exist.");
    }
    Message m = new Message(queueUrl, ids.get(), body, md5(body.getBytes(StandardCharsets.UTF_8)),
        attributes == null || attributes.isEmpty() ? null : md5OfAttributes(attributes));
    queue.add(m);
    return m;
  }

  private static String host(String url) {
    try {
      return URI.create(url).getHost();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * SQS's digest of message attributes: for each attribute in name order, the name, data type,
   * transport type (1 string, 2 binary) and value, each length-prefixed (4 bytes, big-endian).
   */
  static String md5OfAttributes(JsonNode attributes) {
    Map<String, JsonNode> sorted = new TreeMap<>();
    attributes.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
    ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
    for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
      String type = e.getValue().path("DataType").asText("String");
      lengthPrefixed(buffer, e.getKey().getBytes(StandardCharsets.UTF_8));
      lengthPrefixed(buffer, type.getBytes(StandardCharsets.UTF_8));
      if (type.startsWith("Binary")) {
        buffer.put((byte) 2);
        lengthPrefixed(buffer, java.util.Base64.getDecoder().decode(e.getValue().path("BinaryValue").asText("")));
      } else {
        buffer.put((byte) 1);
        lengthPrefixed(buffer, e.getValue().path("StringValue").asText("").getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] bytes = new byte[buffer.position()];
    buffer.flip().get(bytes);
    return md5(bytes);
  }

  private static void lengthPrefixed(ByteBuffer buffer, byte[] bytes) {
    buffer.putInt(bytes.length).put(bytes);
  }

  static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is not available", e);
    }
  }
}
