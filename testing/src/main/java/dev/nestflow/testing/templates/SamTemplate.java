package dev.nestflow.testing.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.nestflow.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state machines of a SAM or CloudFormation template, as they are: every
 * {@code AWS::Serverless::StateMachine} (Definition, or DefinitionUri relative to the template) and
 * {@code AWS::StepFunctions::StateMachine} (Definition, or DefinitionString, plain or built with
 * Fn::Sub/Fn::Join), with their DefinitionSubstitutions applied and their intrinsics resolved for a
 * local account ({@link Intrinsics}). Each is registered under its logical id, whatever name the
 * template gives it, so a definition's references (Ref / GetAtt of another state machine) point at
 * the local one.
 */
public final class SamTemplate {
  private final Path path;
  private final List<TemplateStateMachine> stateMachines;

  private SamTemplate(Path path, List<TemplateStateMachine> stateMachines) {
    this.path = path;
    this.stateMachines = stateMachines;
  }

  public static SamTemplate read(Path path) {
    return read(path, "us-east-1", "123456789012", Map.of());
  }

  /** {@code parameters} override the template's Parameters' Defaults. */
  public static SamTemplate read(Path path, String region, String account, Map<String, String> parameters) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new TemplateException(path + ": cannot be read (" + e.getMessage() + ")");
    }
    JsonNode template;
    try {
      template = Json.MAPPER.valueToTree(CloudFormationYaml.read(text));
    } catch (RuntimeException e) {
      throw new TemplateException(path + ": not a YAML or JSON template: " + e.getMessage());
    }
    if (template == null || !template.path("Resources").isObject()) {
      throw new TemplateException(path + ": not a template: it has no Resources");
    }
    Intrinsics intrinsics = new Intrinsics(template, path.toString(), region, account, Map.copyOf(parameters));
    List<TemplateStateMachine> machines = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = template.get("Resources").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> r = it.next();
      String type = r.getValue().path("Type").asText();
      if (type.equals("AWS::Serverless::StateMachine") || type.equals("AWS::StepFunctions::StateMachine")) {
        machines.add(stateMachine(path, r.getKey(), type, r.getValue().path("Properties"), intrinsics));
      }
    }
    return new SamTemplate(path, List.copyOf(machines));
  }

  /**
   * The template as a JSON tree, short tags in their long form ({@code !Ref X} is {@code {"Ref": "X"}}),
   * nothing resolved: for tools that read other parts of it (functions, their environment).
   */
  public static JsonNode tree(Path path) {
    try {
      return Json.MAPPER.valueToTree(CloudFormationYaml.read(Files.readString(path, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new TemplateException(path + ": cannot be read (" + e.getMessage() + ")");
    }
  }

  public Path path() {
    return path;
  }

  public List<TemplateStateMachine> stateMachines() {
    return stateMachines;
  }

  /** The state machine with this logical id; a {@link TemplateException} naming those there are otherwise. */
  public TemplateStateMachine stateMachine(String logicalId) {
    return stateMachines.stream().filter(m -> m.logicalId().equals(logicalId)).findFirst()
        .orElseThrow(() -> new TemplateException(path + ": no state machine with logical id " + logicalId + " (it has: "
            + String.join(", ", stateMachines.stream().map(TemplateStateMachine::logicalId).toList()) + ")"));
  }

  private static TemplateStateMachine stateMachine(Path path, String id, String type, JsonNode p, Intrinsics intrinsics) {
    String where = "Resources." + id + ".Properties";
    boolean sam = type.equals("AWS::Serverless::StateMachine");
    String machineType = intrinsics.text(p.path(sam ? "Type" : "StateMachineType").isMissingNode()
        ? new TextNode("STANDARD") : p.path(sam ? "Type" : "StateMachineType"), where + (sam ? ".Type" : ".StateMachineType"));
    Map<String, JsonNode> substitutions = new LinkedHashMap<>();
    JsonNode subs = p.path("DefinitionSubstitutions");
    for (Iterator<Map.Entry<String, JsonNode>> it = subs.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> s = it.next();
      substitutions.put(s.getKey(), intrinsics.resolve(s.getValue(), where + ".DefinitionSubstitutions." + s.getKey()));
    }
    String definition;
    if (p.has("Definition")) {
      JsonNode resolved = intrinsics.resolve(p.get("Definition"), where + ".Definition");
      definition = Json.write(substitute(resolved, substitutions));
    } else if (sam && p.has("DefinitionUri")) {
      JsonNode uri = p.get("DefinitionUri");
      if (!uri.isTextual() || uri.asText().startsWith("s3://")) {
        throw intrinsics.fail(where + ".DefinitionUri", "a definition in S3 cannot be read locally; point DefinitionUri at a file");
      }
      Path file = (path.toAbsolutePath().getParent() == null ? Path.of(".") : path.toAbsolutePath().getParent()).resolve(uri.asText());
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw intrinsics.fail(where + ".DefinitionUri", "cannot read " + file + " (" + e.getMessage() + ")");
      }
      JsonNode parsed;
      try {
        parsed = Json.MAPPER.valueToTree(CloudFormationYaml.read(text));
      } catch (RuntimeException e) {
        throw intrinsics.fail(where + ".DefinitionUri", file + " is not JSON or YAML: " + e.getMessage());
      }
      definition = Json.write(substitute(parsed, substitutions));
    } else if (!sam && p.has("DefinitionString")) {
      definition = substitute(intrinsics.text(p.get("DefinitionString"), where + ".DefinitionString"), substitutions);
    } else if (p.has("DefinitionS3Location")) {
      throw intrinsics.fail(where + ".DefinitionS3Location", "a definition in S3 cannot be read locally; use DefinitionString or Definition");
    } else {
      throw intrinsics.fail(where, "the state machine has no " + (sam ? "Definition or DefinitionUri" : "Definition or DefinitionString"));
    }
    return new TemplateStateMachine(id, machineType, definition);
  }

  /** DefinitionSubstitutions in a definition's strings: a whole "${Key}" takes the value as it is (a number stays one). */
  private static JsonNode substitute(JsonNode node, Map<String, JsonNode> substitutions) {
    if (substitutions.isEmpty()) {
      return node;
    }
    if (node.isTextual()) {
      String text = node.asText();
      for (Map.Entry<String, JsonNode> s : substitutions.entrySet()) {
        if (text.equals("${" + s.getKey() + "}")) {
          return s.getValue();
        }
      }
      return new TextNode(substitute(text, substitutions));
    }
    if (node.isObject()) {
      ObjectNode out = Json.object();
      node.fields().forEachRemaining(f -> out.set(substitute(new TextNode(f.getKey()), substitutions).asText(),
          substitute(f.getValue(), substitutions)));
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = Json.array();
      node.forEach(e -> out.add(substitute(e, substitutions)));
      return out;
    }
    return node;
  }

  private static String substitute(String text, Map<String, JsonNode> substitutions) {
    String out = text;
    for (Map.Entry<String, JsonNode> s : substitutions.entrySet()) {
      out = out.replace("${" + s.getKey() + "}", s.getValue().asText());
    }
    return out;
  }
}
