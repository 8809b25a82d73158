package dev.nestflow.bench.rig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import org.junit.jupiter.api.Test;

class TrafficTest {
  private static final String ENTRY = "{\"pk\":{\"S\":\"EXEC#e1\"},\"sk\":{\"S\":\"SIG#0000000000000000002\"},\"seq\":{\"N\":\"2\"},"
      + "\"signalJson\":{\"S\":\"{}\"}}";
  private static final String HEAD = "{\"pk\":{\"S\":\"EXEC#e1\"},\"sk\":{\"S\":\"HEAD\"},\"status\":{\"S\":\"RUNNING\"}}";
  private static final JsonNode REFUSED = Json.parse(
      "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\",\"message\":\"The conditional request failed\"}");

  @Test
  void aRefusedLogPutCountsAsARefusedAppendAndNotAsAnEntry() {
    Traffic t = new Traffic();
    t.dynamo("PutItem", Json.parse("{\"Item\":" + ENTRY + "}"), 200, null);
    t.dynamo("PutItem", Json.parse("{\"Item\":" + ENTRY + "}"), 400, REFUSED);
    t.dynamo("PutItem", Json.parse("{\"Item\":" + HEAD + "}"), 400, REFUSED);
    ObjectNode d = (ObjectNode) t.snapshot().get("dynamodb");
    assertThat(d.path("requests").asLong()).isEqualTo(3);
    assertThat(d.path("refused_conditional_writes").asLong()).isEqualTo(2);
    assertThat(d.path("refused_appends").asLong()).isEqualTo(1);
    assertThat(d.path("log_entries_written").asLong()).isEqualTo(1);
    assertThat(d.path("longest_log").asLong()).isEqualTo(1);
    assertThat(t.snapshot().path("summary").path("refused_appends_pct_of_log_entries").asDouble()).isEqualTo(100.0);
  }

  @Test
  void readsAreCountedByItemKindFromQueryAndBatchGetResponses() {
    Traffic t = new Traffic();
    t.dynamo("Query", null, 200, Json.parse("{\"Items\":[" + ENTRY + "," + ENTRY + "],\"Count\":2}"));
    t.dynamo("BatchGetItem", null, 200, Json.parse("{\"Responses\":{\"table\":[" + HEAD + "]}}"));
    t.dynamo("GetItem", null, 200, Json.parse("{}"));
    ObjectNode d = (ObjectNode) t.snapshot().get("dynamodb");
    long entrySize = ItemSize.of(Json.parse(ENTRY));
    assertThat(d.path("log_items_read").asLong()).isEqualTo(2);
    assertThat(d.path("log_bytes_read").asLong()).isEqualTo(2 * entrySize);
    assertThat(d.path("items_read").asLong()).isEqualTo(3);
    assertThat(d.path("by_op").path("GetItem").asLong()).isEqualTo(1);
  }

  @Test
  void emptyReceivesAreCountedApartFromTheRequestTotal() {
    Traffic t = new Traffic();
    t.sqs("ReceiveMessage", 0);
    t.sqs("ReceiveMessage", 3);
    t.sqs("SendMessageBatch", 4);
    JsonNode s = t.snapshot().get("sqs");
    assertThat(s.path("requests").asLong()).isEqualTo(2);
    assertThat(s.path("by_op").path("ReceiveMessage(empty)").asLong()).isEqualTo(1);
    assertThat(s.path("messages_received").asLong()).isEqualTo(3);
    assertThat(s.path("messages_sent").asLong()).isEqualTo(4);
  }

  @Test
  void itemSizeFollowsDynamoDbsRules() {
    // each name 1 byte; "abc" 3; 12345 has 5 significant digits: 3 bytes + 1; a boolean 1
    assertThat(ItemSize.of(Json.parse("{\"s\":{\"S\":\"abc\"},\"n\":{\"N\":\"12345\"},\"b\":{\"BOOL\":true}}")))
        .isEqualTo((1 + 3) + (1 + 4) + (1 + 1));
    assertThat(ItemSize.of(Json.parse("{\"s\":{\"S\":\"é\"}}"))).isEqualTo(1 + 2);
  }
}
