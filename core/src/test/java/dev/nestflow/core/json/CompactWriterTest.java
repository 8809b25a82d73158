package dev.nestflow.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CompactWriterTest {
  private static String jackson(JsonNode node) throws Exception {
    return Json.MAPPER.writeValueAsString(node);
  }

  @Test
  void writesEveryScalarKindAsJacksonDoes() throws Exception {
    ArrayNode a = Json.array();
    a.add(0).add(-7).add(Long.MAX_VALUE).add(1.5).add(-0.0).add(1e300).add(1.0E-7).add(3.25f)
        .add(new BigDecimal("1.10")).add(new BigDecimal("1E+3")).add(new BigInteger("123456789012345678901234567890"))
        .add(true).add(false).addNull().add("").add((short) 3);
    assertThat(Json.write(a)).isEqualTo(jackson(a));
  }

  @Test
  void escapesQuotesBackslashesAndControlCharactersOnly() throws Exception {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x80; c++) {
      all.append(c);
    }
    all.append("é€😀\u2028\ud800x\udc00/<>");
    ObjectNode o = Json.object();
    o.put(all.toString(), all.toString());
    assertThat(Json.write(o)).isEqualTo(jackson(o));
  }

  @Test
  void randomTreesMatchJacksonTextAndUtf8Size() throws Exception {
    Random random = new Random(42);
    for (int i = 0; i < 300; i++) {
      JsonNode tree = randomTree(random, 4);
      String expected = jackson(tree);
      assertThat(Json.write(tree)).isEqualTo(expected);
      assertThat(Json.utf8Size(tree)).isEqualTo(expected.getBytes(StandardCharsets.UTF_8).length);
    }
  }

  @Test
  void utf8LengthCountsLikeStringGetBytes() {
    for (String s : new String[] {"", "abc", "é", "€", "😀", "\ud800", "a\udc00b", "\ud83d\ude00\ud83d"}) {
      assertThat(Json.utf8Length(s)).as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
    }
  }

  private static JsonNode randomTree(Random r, int depth) {
    int kind = depth == 0 ? 2 + r.nextInt(7) : r.nextInt(9);
    switch (kind) {
      case 0 -> {
        ObjectNode o = Json.object();
        for (int i = r.nextInt(4); i > 0; i--) {
          o.set(randomString(r), randomTree(r, depth - 1));
        }
        return o;
      }
      case 1 -> {
        ArrayNode a = Json.array();
        for (int i = r.nextInt(4); i > 0; i--) {
          a.add(randomTree(r, depth - 1));
        }
        return a;
      }
      case 2 -> {
        return Json.NODES.textNode(randomString(r));
      }
      case 3 -> {
        return Json.NODES.numberNode(r.nextInt());
      }
      case 4 -> {
        return Json.NODES.numberNode(r.nextLong());
      }
      case 5 -> {
        return Json.NODES.numberNode(r.nextDouble() * Math.pow(10, r.nextInt(40) - 20));
      }
      case 6 -> {
        return Json.NODES.numberNode(new BigDecimal(r.nextInt(100000)).movePointLeft(r.nextInt(8)));
      }
      case 7 -> {
        return Json.NODES.booleanNode(r.nextBoolean());
      }
      default -> {
        return Json.NODES.nullNode();
      }
    }
  }

  private static String randomString(Random r) {
    StringBuilder s = new StringBuilder();
    for (int i = r.nextInt(8); i > 0; i--) {
      int pick = r.nextInt(10);
      s.append(pick < 6 ? (char) (0x20 + r.nextInt(0x5F)) : pick < 8 ? (char) r.nextInt(0x20) : (char) (0x80 + r.nextInt(0xFF00)));
    }
    return s.toString();
  }
}
