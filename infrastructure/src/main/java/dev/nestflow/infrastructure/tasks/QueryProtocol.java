package dev.nestflow.infrastructure.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Element;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * The AWS query protocol (SNS): the request as form parameters ({@code Action}, {@code Version},
 * members flattened: {@code A.B}, lists {@code A.member.N}, the string maps SNS takes ({@code
 * MessageAttributes} as {@code A.entry.N.Name / Value}, {@code Attributes} as {@code A.entry.N.key / value}),
 * the answer's {@code <Action>Result} element as JSON, errors from {@code <Error><Code>}.
 */
final class QueryProtocol {
  private static final Set<String> MAPS = Set.of("MessageAttributes", "Attributes");

  private QueryProtocol() {}

  static ObjectNode call(SdkServices services, ServiceModel model, URI endpoint, String action, JsonNode p) {
    StringBuilder form = new StringBuilder("Action=").append(SdkServices.urlEncode(action))
        .append("&Version=").append(model.target());
    for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      flatten(form, e.getKey(), e.getValue(), MAPS.contains(e.getKey()));
    }
    byte[] body = form.toString().getBytes(StandardCharsets.UTF_8);
    SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
        .encodedPath(SdkServices.path(endpoint, "/"))
        .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build();
    SdkServices.Response r = services.send(model, request, body);
    Element root = XmlAnswers.parse(r.text());
    if (!r.http().isSuccessful()) {
      String code = XmlAnswers.text(root, "Code");
      String message = XmlAnswers.text(root, "Message");
      throw ServiceException.service(code, model.modeledName(code), r.http().statusCode(), message == null ? "" : message);
    }
    Element result = XmlAnswers.find(root, action + "Result");
    JsonNode json = result == null ? Json.object() : XmlAnswers.toJson(result, Set.of());
    return json instanceof ObjectNode o ? o : Json.object();
  }

  private static void flatten(StringBuilder form, String prefix, JsonNode value, boolean map) {
    if (value.isObject() && map) {
      int i = 1;
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); i++) {
        Map.Entry<String, JsonNode> e = it.next();
        String entry = prefix + ".entry." + i;
        // message attributes are Name/Value structures; other SNS maps (Attributes) plain key/value
        boolean named = prefix.endsWith("MessageAttributes");
        param(form, entry + (named ? ".Name" : ".key"), e.getKey());
        flatten(form, entry + (named ? ".Value" : ".value"), e.getValue(), false);
      }
    } else if (value.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        flatten(form, prefix + "." + e.getKey(), e.getValue(), false);
      }
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        flatten(form, prefix + ".member." + (i + 1), value.get(i), false);
      }
    } else if (!value.isNull()) {
      param(form, prefix, value.isTextual() ? value.asText() : Json.write(value));
    }
  }

  private static void param(StringBuilder form, String name, String value) {
    form.append('&').append(SdkServices.urlEncode(name)).append('=').append(SdkServices.urlEncode(value));
  }
}
