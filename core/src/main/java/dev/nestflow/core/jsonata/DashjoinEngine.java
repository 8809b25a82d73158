package dev.nestflow.core.jsonata;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Utils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.nestflow.core.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link JsonataEngine} on com.dashjoin:jsonata, the Java port of JSONata. Values cross the seam as
 * Jackson nodes: JSON null becomes the library's {@code NULL_VALUE} and back, so that null and
 * undefined (Java null) stay apart. {@code $now()} and {@code $millis()} are rebound to the time in
 * the bindings, and the Step Functions additions are bound on every evaluation.
 */
public final class DashjoinEngine implements JsonataEngine {
  /**
   * Wall-clock budget of one evaluation. The library runs tail calls in constant stack, so an
   * endless recursion would otherwise loop forever and hold its worker (a serve worker, a Lambda
   * batch); past the budget the expression fails like any other, with States.QueryEvaluationError.
   */
  static final long TIME_BOUND_MILLIS = 1_000;

  /**
   * Evaluation depth bound, below the point where a thread with a 1 MiB stack (a serve worker or
   * the Lambda runtime's) overflows, so non-tail recursion fails as JSONata words it.
   */
  static final int DEPTH_BOUND = 1_000;

  private static final String STACK_OVERFLOW =
      "Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive.";
  private static final String TIMEOUT = "Expression evaluation timeout: Check for infinite loop";

  @Override
  public JsonataExpression compile(String expression) {
    Jsonata parsed;
    try {
      parsed = Jsonata.jsonata(expression);
    } catch (JException e) {
      throw new JsonataException(JsonataException.Kind.SYNTAX, e.getError(), e.getMessage());
    } catch (RuntimeException e) {
      throw new JsonataException(JsonataException.Kind.SYNTAX, null, String.valueOf(e.getMessage()));
    }
    parsed.setOutputConvertNulls(false);
    return new Compiled(expression, parsed);
  }

  private record Compiled(String text, Jsonata parsed) implements JsonataExpression {
    @Override
    public JsonNode evaluate(JsonataBindings bindings) {
      Jsonata.Frame frame = parsed.createFrame();
      frame.setRuntimeBounds(TIME_BOUND_MILLIS, DEPTH_BOUND);
      // AWS leaves $eval out of its JSONata (it offers $parse): calling it invokes nothing
      frame.bind("eval", (Object) null);
      for (Map.Entry<String, JsonNode> v : bindings.variables().entrySet()) {
        frame.bind(v.getKey(), toJava(v.getValue()));
      }
      bindTime(frame, bindings);
      for (StepFunctionsFunctions.Definition d : StepFunctionsFunctions.ALL) {
        frame.bind(d.name(), function(d, bindings));
      }
      Object result;
      try {
        result = parsed.evaluate(null, frame);
      } catch (JException e) {
        throw evaluationFailed(e);
      } catch (JsonataException e) {
        throw e;
      } catch (StackOverflowError e) {
        throw new JsonataException(JsonataException.Kind.EVALUATION, "U1001", STACK_OVERFLOW);
      } catch (RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
          root = root.getCause();
          if (root instanceof JsonataException je) {
            throw je;
          }
          if (root instanceof JException je) {
            throw evaluationFailed(je);
          }
        }
        throw new JsonataException(JsonataException.Kind.EVALUATION, null, String.valueOf(e.getMessage()));
      }
      return result == null ? null : toJson(result);
    }
  }

  /**
   * The library's error as JSONata words it; the runtime bounds' errors carry their text where the
   * code belongs, JSONata reports them as U1001.
   */
  private static JsonataException evaluationFailed(JException e) {
    String error = e.getError();
    if (error != null && error.startsWith("Stack overflow error")) {
      return new JsonataException(JsonataException.Kind.EVALUATION, "U1001", STACK_OVERFLOW);
    }
    if (error != null && error.startsWith("Expression evaluation timeout")) {
      return new JsonataException(JsonataException.Kind.EVALUATION, "U1001", TIMEOUT);
    }
    return new JsonataException(JsonataException.Kind.EVALUATION, error, jsMessage(e.getMessage()));
  }

  private static final java.util.regex.Pattern ARGUMENT_OF_OBJECT =
      java.util.regex.Pattern.compile("Argument \"(\\d+)\" of Object \"([^\"]*)\"");

  /**
   * The library fills some message templates differently from JSONata 2.x (the JavaScript reference
   * AWS runs): {@code Argument "1" of Object "f" does not match Object signature} where JSONata
   * says {@code Argument 1 of function "f" does not match function signature}. Puts those back.
   */
  static String jsMessage(String message) {
    if (message == null) {
      return null;
    }
    String m = ARGUMENT_OF_OBJECT.matcher(message).replaceAll("Argument $1 of function \"$2\"");
    return m.replace(" Object signature", " function signature").replaceAll(" of (\\w+) Object ", " of $1 function ");
  }

  private static void bindTime(Jsonata.Frame frame, JsonataBindings bindings) {
    long millis = bindings.now().toEpochMilli();
    frame.bind("millis", new Jsonata.JFunction((Jsonata.JFunctionCallable) (input, args) -> millis, "<:n>"));
    frame.bind(
        "now",
        new Jsonata.JFunction(
            (Jsonata.JFunctionCallable)
                (input, args) ->
                    com.dashjoin.jsonata.Functions.dateTimeFromMillis(
                        millis,
                        args.size() > 0 ? (String) args.get(0) : null,
                        args.size() > 1 ? (String) args.get(1) : null),
            "<s?s?:s>"));
  }

  private static Jsonata.JFunction function(StepFunctionsFunctions.Definition d, JsonataBindings bindings) {
    return new Jsonata.JFunction(
        (Jsonata.JFunctionCallable)
            (input, args) -> {
              List<JsonNode> jsonArgs = new ArrayList<>();
              for (Object a : args) {
                jsonArgs.add(a == null ? null : toJson(a));
              }
              while (!jsonArgs.isEmpty() && jsonArgs.get(jsonArgs.size() - 1) == null) {
                jsonArgs.remove(jsonArgs.size() - 1);
              }
              JsonNode out = d.body().apply(jsonArgs, bindings);
              Object java = toJava(out);
              if (d.sequenceResult() && java instanceof List<?> list) {
                List<Object> seq = Utils.createSequence();
                seq.addAll(list);
                return seq;
              }
              return java;
            },
        d.signature());
  }

  /** A Jackson node as the library's value. */
  static Object toJava(JsonNode n) {
    if (n == null) {
      return null;
    }
    switch (n.getNodeType()) {
      case OBJECT -> {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          m.put(e.getKey(), toJava(e.getValue()));
        }
        return m;
      }
      case ARRAY -> {
        List<Object> l = new ArrayList<>(n.size());
        for (JsonNode item : n) {
          l.add(toJava(item));
        }
        return l;
      }
      case STRING -> {
        return n.textValue();
      }
      case BOOLEAN -> {
        return n.booleanValue();
      }
      case NUMBER -> {
        if (n.canConvertToInt() && n.isIntegralNumber()) {
          return n.intValue();
        }
        if (n.canConvertToLong() && n.isIntegralNumber()) {
          return n.longValue();
        }
        return n.doubleValue();
      }
      default -> {
        return Jsonata.NULL_VALUE;
      }
    }
  }

  /** A library value as a Jackson node; functions and other non-JSON values are rejected. */
  static JsonNode toJson(Object o) {
    if (o == null || o == Jsonata.NULL_VALUE) {
      return NullNode.getInstance();
    }
    if (o instanceof String s) {
      return new TextNode(s);
    }
    if (o instanceof Boolean b) {
      return Json.NODES.booleanNode(b);
    }
    if (o instanceof Integer i) {
      return IntNode.valueOf(i);
    }
    if (o instanceof Long l) {
      return LongNode.valueOf(l);
    }
    if (o instanceof BigInteger bi) {
      return Json.NODES.numberNode(bi);
    }
    if (o instanceof BigDecimal bd) {
      return Json.NODES.numberNode(bd);
    }
    if (o instanceof Number num) {
      return number(num.doubleValue());
    }
    if (o instanceof Map<?, ?> m) {
      ObjectNode obj = Json.object();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        obj.set(String.valueOf(e.getKey()), toJson(e.getValue()));
      }
      return obj;
    }
    if (o instanceof List<?> l) {
      ArrayNode arr = Json.array();
      for (Object item : l) {
        if (item != null) {
          arr.add(toJson(item));
        }
      }
      return arr;
    }
    throw new JsonataException(
        JsonataException.Kind.UNSUPPORTED_RESULT, null, "unsupported result type " + o.getClass().getSimpleName());
  }

  /** JSONata numbers are doubles; whole ones print without a fraction, as in JavaScript. */
  private static JsonNode number(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new JsonataException(JsonataException.Kind.EVALUATION, "D1001", "Number out of range: " + d);
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e18) {
      long l = (long) d;
      return l == (int) l ? IntNode.valueOf((int) l) : LongNode.valueOf(l);
    }
    return DoubleNode.valueOf(d);
  }
}
