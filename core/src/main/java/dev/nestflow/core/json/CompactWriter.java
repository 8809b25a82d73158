package dev.nestflow.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ShortNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes a JSON tree as compact text, character for character what Jackson's default
 * {@code ObjectMapper} writes (same escapes: {@code \"}, {@code \\}, {@code \b \t \n \f \r} and
 * {@code \\u00XX} for other control characters, nothing else; same number forms), without the
 * per-call set-up of a serializer provider. Node types it does not know (POJO, binary) return
 * false so the caller can let Jackson write them.
 */
final class CompactWriter {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private CompactWriter() {}

  /** Appends the text of {@code node}; false (with {@code out} partly written) for an unknown node type. */
  static boolean write(JsonNode node, StringBuilder out) {
    if (node instanceof ObjectNode obj) {
      out.append('{');
      boolean first = true;
      for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!first) {
          out.append(',');
        }
        first = false;
        string(e.getKey(), out);
        out.append(':');
        if (!write(e.getValue(), out)) {
          return false;
        }
      }
      out.append('}');
      return true;
    }
    if (node instanceof ArrayNode arr) {
      out.append('[');
      for (int i = 0, n = arr.size(); i < n; i++) {
        if (i > 0) {
          out.append(',');
        }
        if (!write(arr.get(i), out)) {
          return false;
        }
      }
      out.append(']');
      return true;
    }
    if (node instanceof TextNode t) {
      string(t.textValue(), out);
    } else if (node instanceof IntNode || node instanceof ShortNode) {
      out.append(node.intValue());
    } else if (node instanceof LongNode) {
      out.append(node.longValue());
    } else if (node instanceof DoubleNode) {
      double d = node.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return false;
      }
      out.append(Double.toString(d));
    } else if (node instanceof FloatNode) {
      float f = node.floatValue();
      if (Float.isNaN(f) || Float.isInfinite(f)) {
        return false;
      }
      out.append(Float.toString(f));
    } else if (node instanceof DecimalNode) {
      out.append(node.decimalValue().toString());
    } else if (node instanceof BigIntegerNode) {
      out.append(node.bigIntegerValue().toString());
    } else if (node instanceof BooleanNode) {
      out.append(node.booleanValue() ? "true" : "false");
    } else if (node instanceof NullNode || node instanceof MissingNode) {
      out.append("null");
    } else {
      return false;
    }
    return true;
  }

  /** A JSON string literal with Jackson's default escapes. */
  static void string(String s, StringBuilder out) {
    out.append('"');
    int n = s.length();
    int run = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      out.append(s, run, i);
      run = i + 1;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    out.append(s, run, n);
    out.append('"');
  }

  /** Bytes of {@code s} in UTF-8 as {@link String#getBytes} encodes it (a lone surrogate is one byte, '?'). */
  static int utf8Length(CharSequence s) {
    int n = s.length();
    int bytes = n;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        continue;
      }
      if (c < 0x800) {
        bytes += 1;
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 2; // four bytes for the two chars of the pair
        i++;
      } else if (Character.isSurrogate(c)) {
        // unpaired: encoded as '?'
      } else {
        bytes += 2;
      }
    }
    return bytes;
  }
}
