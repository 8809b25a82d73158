package dev.nestflow.infrastructure.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.w3c.dom.Element;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * S3's REST-XML protocol for the actions workflows use through {@code aws-sdk:s3}: CreateBucket,
 * PutObject ({@code Body} as text, {@code ContentType}), GetObject ({@code Body} as text, as Step
 * Functions returns it), DeleteObject, ListObjectsV2. Virtual-hosted addressing on AWS, path-style
 * against an emulator.
 */
final class S3Protocol {
  private S3Protocol() {}

  static ObjectNode call(SdkServices services, ServiceModel model, URI endpoint, boolean pathStyle, String action,
      JsonNode p) {
    String bucket = p.path("Bucket").asText("");
    String key = p.path("Key").asText("");
    URI base = pathStyle ? endpoint : URI.create(endpoint.getScheme() + "://" + bucket + "." + endpoint.getHost());
    String bucketPath = pathStyle ? "/" + SdkServices.urlEncode(bucket) : "";
    String objectPath = bucketPath + "/" + SdkServices.urlEncode(key).replace("%2F", "/");
    SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder().uri(base);
    byte[] body = new byte[0];
    switch (action) {
      case "CreateBucket" -> request.method(SdkHttpMethod.PUT).encodedPath(SdkServices.path(base, bucketPath));
      case "PutObject" -> {
        JsonNode b = p.path("Body");
        body = (b.isTextual() ? b.asText() : b.isMissingNode() ? "" : Json.write(b)).getBytes(StandardCharsets.UTF_8);
        request.method(SdkHttpMethod.PUT).encodedPath(SdkServices.path(base, objectPath));
        if (p.path("ContentType").isTextual()) {
          request.putHeader("Content-Type", p.get("ContentType").asText());
        }
      }
      case "GetObject" -> request.method(SdkHttpMethod.GET).encodedPath(SdkServices.path(base, objectPath));
      case "DeleteObject" -> request.method(SdkHttpMethod.DELETE).encodedPath(SdkServices.path(base, objectPath));
      case "ListObjectsV2" -> {
        request.method(SdkHttpMethod.GET).encodedPath(SdkServices.path(base, bucketPath + "/"))
            .putRawQueryParameter("list-type", "2");
        if (p.path("Prefix").isTextual()) {
          request.putRawQueryParameter("prefix", p.get("Prefix").asText());
        }
      }
      default -> throw ServiceException.clientSide("nestflow's S3 adapter does not implement " + action);
    }
    SdkServices.Response r = services.send(model, request.build(), body);
    if (!r.http().isSuccessful()) {
      Element root = XmlAnswers.parse(r.text());
      String code = root == null ? statusCode(r.http().statusCode()) : XmlAnswers.text(root, "Code");
      String message = root == null ? "HTTP " + r.http().statusCode() + ": " + r.text() : XmlAnswers.text(root, "Message");
      throw ServiceException.service(code, model.modeledName(code), r.http().statusCode(), message == null ? "" : message);
    }
    ObjectNode out = Json.object();
    switch (action) {
      case "PutObject" -> r.http().firstMatchingHeader("ETag").ifPresent(e -> out.put("ETag", e));
      case "GetObject" -> {
        out.put("Body", r.text());
        out.put("ContentLength", r.text().getBytes(StandardCharsets.UTF_8).length);
        out.put("ContentType", r.http().firstMatchingHeader("Content-Type").orElse("binary/octet-stream"));
        r.http().firstMatchingHeader("ETag").ifPresent(e -> out.put("ETag", e));
      }
      case "ListObjectsV2" -> {
        Element root = XmlAnswers.parse(r.text());
        JsonNode json = root == null ? Json.object() : XmlAnswers.toJson(root, Set.of("Contents", "CommonPrefixes"));
        if (json instanceof ObjectNode o) {
          out.setAll(o);
        }
        ArrayNode contents = out.has("Contents") ? (ArrayNode) out.get("Contents") : out.putArray("Contents");
        contents.forEach(c -> {
          if (c instanceof ObjectNode o && o.has("Size")) {
            o.put("Size", o.get("Size").asLong());
          }
        });
        for (String number : new String[] {"KeyCount", "MaxKeys"}) {
          if (out.has(number)) {
            out.put(number, out.get(number).asInt());
          }
        }
        if (out.has("IsTruncated")) {
          out.put("IsTruncated", out.get("IsTruncated").asBoolean());
        }
      }
      default -> { }
    }
    return out;
  }

  /** A HEAD or error without a body: S3's code for the status. */
  private static String statusCode(int status) {
    return status == 404 ? "NotFound" : Integer.toString(status);
  }
}
