package dev.nestflow.cli.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.tasks.LocalFunctions;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * The corpus's Lambda functions (python3.12 files, described in each case's {@code lambdas}) as
 * local handlers that answer byte for byte as the Python runtime does: results written by {@code
 * json.dumps}, errors as the runtime's error document.
 */
final class CorpusFunctions {
  private CorpusFunctions() {}

  /** Function files whose behaviour this class reproduces (wait_60_seconds returns at once). */
  static final Set<String> KINDS = Set.of(
      "id_function", "echo_function", "raise_exception", "raise_custom_exception", "return_bytes_str",
      "large_output_string", "wait_60_seconds");

  private static final int LARGE_OUTPUT_CHARS = 257 * 1024;

  /** The handler for the function file {@code kind} ("id_function"), or null when unknown. */
  static LocalFunctions.Handler handler(String kind) {
    if (kind == null) {
      return null;
    }
    return switch (kind) {
      case "id_function", "wait_60_seconds" -> (event, context) -> python(parse(event));
      case "echo_function" -> (event, context) -> python(Json.object().put("Return", "HelloWorld"));
      case "return_bytes_str" -> (event, context) -> "\"HelloWorld!\"".getBytes(StandardCharsets.UTF_8);
      case "large_output_string" -> (event, context) -> python(Json.NODES.textNode("a".repeat(LARGE_OUTPUT_CHARS)));
      case "raise_exception" -> (event, context) -> {
        throw pythonError("Some exception was raised.", "Exception", context.requestId(),
            "  File \"/var/task/handler.py\", line 2, in handler\n    raise Exception(\"Some exception was raised.\")\n");
      };
      case "raise_custom_exception" -> (event, context) -> {
        throw pythonError("", "CustomException", context.requestId(),
            "  File \"/var/task/handler.py\", line 9, in handler\n    raise CustomException()\n");
      };
      default -> null;
    };
  }

  /** Registers every function of the case whose file this class knows, under its real name. */
  static LocalFunctions register(LocalFunctions functions, CaseExecution c) {
    for (Map.Entry<String, JsonNode> lambda : c.lambdas().entrySet()) {
      LocalFunctions.Handler handler = handler(c.lambdaKind(lambda.getKey()));
      if (handler != null) {
        functions.register(lambda.getKey(), handler);
      }
    }
    return functions;
  }

  private static JsonNode parse(byte[] event) {
    return Json.parse(new String(event, StandardCharsets.UTF_8));
  }

  private static byte[] python(JsonNode value) {
    return PythonJson.dumps(value).getBytes(StandardCharsets.UTF_8);
  }

  /** The python3.12 runtime's error document for an exception raised by the handler. */
  static LocalFunctions.FunctionError pythonError(String message, String type, String requestId, String frame) {
    ObjectNode doc = Json.object();
    doc.put("errorMessage", message);
    doc.put("errorType", type);
    doc.put("requestId", requestId);
    doc.putArray("stackTrace").add(frame);
    return new LocalFunctions.FunctionError(python(doc));
  }
}
