package dev.nestflow.testing.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.nestflow.core.json.Json;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the intrinsic functions a state machine's definition and substitutions use, as
 * CloudFormation would for a stack in {@code region}/{@code account}: Ref (parameters with their
 * Default or an override, pseudo parameters, the resource types below), Fn::Sub, Fn::Join,
 * Fn::GetAtt, Fn::Select, Fn::Split and Fn::FindInMap. Anything else (Fn::ImportValue, Fn::If, a
 * resource type not listed) is a {@link TemplateException} that names it and where it is.
 */
final class Intrinsics {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

  private final JsonNode template;
  private final String source;
  private final String region;
  private final String account;
  private final Map<String, String> parameters;

  Intrinsics(JsonNode template, String source, String region, String account, Map<String, String> parameters) {
    this.template = template;
    this.source = source;
    this.region = region;
    this.account = account;
    this.parameters = parameters;
  }

  JsonNode resolve(JsonNode value, String where) {
    if (value.isObject() && value.size() == 1) {
      Map.Entry<String, JsonNode> f = value.fields().next();
      String name = f.getKey();
      if (name.equals("Ref") || name.startsWith("Fn::") || name.equals("Condition")) {
        return call(name, f.getValue(), where + "." + name);
      }
    }
    if (value.isObject()) {
      ObjectNode out = Json.object();
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        out.set(f.getKey(), resolve(f.getValue(), where + "." + f.getKey()));
      }
      return out;
    }
    if (value.isArray()) {
      ArrayNode out = Json.array();
      for (int i = 0; i < value.size(); i++) {
        out.add(resolve(value.get(i), where + "[" + i + "]"));
      }
      return out;
    }
    return value;
  }

  String text(JsonNode value, String where) {
    JsonNode v = resolve(value, where);
    if (!v.isValueNode()) {
      throw fail(where, "must resolve to a string, not " + Json.write(v));
    }
    return v.asText();
  }

  private JsonNode call(String name, JsonNode arg, String where) {
    return switch (name) {
      case "Ref" -> new TextNode(ref(textArg(arg, where), where));
      case "Fn::Sub" -> new TextNode(sub(arg, where));
      case "Fn::Join" -> {
        if (!arg.isArray() || arg.size() != 2 || !arg.get(0).isTextual()) {
          throw fail(where, "takes [delimiter, [values]]");
        }
        JsonNode list = resolve(arg.get(1), where + "[1]");
        if (!list.isArray()) {
          throw fail(where, "takes [delimiter, [values]]");
        }
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < list.size(); i++) {
          joined.append(i == 0 ? "" : arg.get(0).asText()).append(text(list.get(i), where + "[1][" + i + "]"));
        }
        yield new TextNode(joined.toString());
      }
      case "Fn::GetAtt" -> {
        JsonNode parts = arg.isTextual() && arg.asText().contains(".")
            ? Json.array().add(arg.asText().substring(0, arg.asText().indexOf('.')))
                .add(arg.asText().substring(arg.asText().indexOf('.') + 1))
            : arg;
        if (!parts.isArray() || parts.size() != 2) {
          throw fail(where, "takes [resource, attribute]");
        }
        yield new TextNode(getAtt(text(parts.get(0), where), text(parts.get(1), where), where));
      }
      case "Fn::Select" -> {
        JsonNode list = arg.isArray() && arg.size() == 2 ? resolve(arg.get(1), where + "[1]") : null;
        if (list == null || !list.isArray()) {
          throw fail(where, "takes [index, [values]]");
        }
        int index = Integer.parseInt(text(arg.get(0), where + "[0]"));
        if (index < 0 || index >= list.size()) {
          throw fail(where, "index " + index + " is outside the list of " + list.size());
        }
        yield list.get(index);
      }
      case "Fn::Split" -> {
        if (!arg.isArray() || arg.size() != 2) {
          throw fail(where, "takes [delimiter, string]");
        }
        ArrayNode out = Json.array();
        for (String part : text(arg.get(1), where + "[1]").split(Pattern.quote(text(arg.get(0), where + "[0]")), -1)) {
          out.add(part);
        }
        yield out;
      }
      case "Fn::FindInMap" -> {
        if (!arg.isArray() || arg.size() != 3) {
          throw fail(where, "takes [map, top-level key, second-level key]");
        }
        String map = text(arg.get(0), where);
        String top = text(arg.get(1), where);
        String second = text(arg.get(2), where);
        JsonNode found = template.path("Mappings").path(map).path(top).path(second);
        if (found.isMissingNode()) {
          throw fail(where, "Mappings." + map + "." + top + "." + second + " is not in the template");
        }
        yield found;
      }
      default -> throw fail(where, name + " cannot be resolved by nestflow outside CloudFormation");
    };
  }

  private String textArg(JsonNode arg, String where) {
    if (!arg.isTextual()) {
      throw fail(where, "takes a name");
    }
    return arg.asText();
  }

  private String sub(JsonNode arg, String where) {
    String text;
    JsonNode variables = Json.object();
    if (arg.isTextual()) {
      text = arg.asText();
    } else if (arg.isArray() && arg.size() == 2 && arg.get(0).isTextual() && arg.get(1).isObject()) {
      text = arg.get(0).asText();
      variables = arg.get(1);
    } else {
      throw fail(where, "takes a string or [string, {variables}]");
    }
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String replacement;
      if (name.startsWith("!")) {
        replacement = "${" + name.substring(1) + "}";
      } else if (variables.has(name)) {
        replacement = text(variables.get(name), where + "." + name);
      } else if (name.contains(".") && !name.startsWith("AWS::")) {
        replacement = getAtt(name.substring(0, name.indexOf('.')), name.substring(name.indexOf('.') + 1), where);
      } else {
        replacement = ref(name, where);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  String ref(String name, String where) {
    switch (name) {
      case "AWS::Region":
        return region;
      case "AWS::AccountId":
        return account;
      case "AWS::Partition":
        return "aws";
      case "AWS::URLSuffix":
        return "amazonaws.com";
      case "AWS::StackName":
        return "nestflow-local";
      case "AWS::StackId":
        return "arn:aws:cloudformation:" + region + ":" + account + ":stack/nestflow-local/00000000-0000-0000-0000-000000000000";
      default:
        break;
    }
    if (parameters.containsKey(name)) {
      return parameters.get(name);
    }
    JsonNode parameter = template.path("Parameters").path(name);
    if (!parameter.isMissingNode()) {
      JsonNode def = parameter.get("Default");
      if (def == null || !def.isValueNode()) {
        throw fail(where, "Ref " + name + ": the parameter has no Default; give it a value (parameter override)");
      }
      return def.asText();
    }
    JsonNode resource = template.path("Resources").path(name);
    if (resource.isMissingNode()) {
      throw fail(where, "Ref " + name + ": no parameter or resource of that name in the template");
    }
    String type = resource.path("Type").asText();
    return switch (type) {
      case "AWS::Serverless::Function", "AWS::Lambda::Function" -> physical(name, resource, "FunctionName", where);
      case "AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine" -> stateMachineArn(name);
      case "AWS::SQS::Queue" -> "https://sqs." + region + ".amazonaws.com/" + account + "/" + physical(name, resource, "QueueName", where);
      case "AWS::SNS::Topic" -> "arn:aws:sns:" + region + ":" + account + ":" + physical(name, resource, "TopicName", where);
      case "AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable" -> physical(name, resource, "TableName", where);
      case "AWS::S3::Bucket" -> physical(name, resource, "BucketName", where);
      case "AWS::Events::EventBus" -> physical(name, resource, "Name", where);
      case "AWS::StepFunctions::Activity" -> "arn:aws:states:" + region + ":" + account + ":activity:" + physical(name, resource, "Name", where);
      case "AWS::IAM::Role" -> physical(name, resource, "RoleName", where);
      default -> throw fail(where, "Ref " + name + ": nestflow cannot resolve a reference to a " + type + " outside CloudFormation");
    };
  }

  private String getAtt(String name, String attribute, String where) {
    JsonNode resource = template.path("Resources").path(name);
    if (resource.isMissingNode()) {
      throw fail(where, "Fn::GetAtt " + name + "." + attribute + ": no resource of that name in the template");
    }
    String type = resource.path("Type").asText();
    String value = switch (type + "." + attribute) {
      case "AWS::Serverless::Function.Arn", "AWS::Lambda::Function.Arn" ->
          "arn:aws:lambda:" + region + ":" + account + ":function:" + physical(name, resource, "FunctionName", where);
      case "AWS::Serverless::StateMachine.Arn", "AWS::StepFunctions::StateMachine.Arn" -> stateMachineArn(name);
      case "AWS::Serverless::StateMachine.Name", "AWS::StepFunctions::StateMachine.Name" -> name;
      case "AWS::SQS::Queue.Arn" -> "arn:aws:sqs:" + region + ":" + account + ":" + physical(name, resource, "QueueName", where);
      case "AWS::SQS::Queue.QueueName" -> physical(name, resource, "QueueName", where);
      case "AWS::SQS::Queue.QueueUrl" -> ref(name, where);
      case "AWS::SNS::Topic.TopicArn" -> ref(name, where);
      case "AWS::SNS::Topic.TopicName" -> physical(name, resource, "TopicName", where);
      case "AWS::DynamoDB::Table.Arn", "AWS::Serverless::SimpleTable.Arn" ->
          "arn:aws:dynamodb:" + region + ":" + account + ":table/" + ref(name, where);
      case "AWS::S3::Bucket.Arn" -> "arn:aws:s3:::" + ref(name, where);
      case "AWS::Events::EventBus.Arn" -> "arn:aws:events:" + region + ":" + account + ":event-bus/" + ref(name, where);
      case "AWS::Events::EventBus.Name" -> ref(name, where);
      case "AWS::StepFunctions::Activity.Name" -> physical(name, resource, "Name", where);
      case "AWS::IAM::Role.Arn" -> "arn:aws:iam::" + account + ":role/" + ref(name, where);
      default -> null;
    };
    if (value == null) {
      throw fail(where, "Fn::GetAtt " + name + "." + attribute + ": nestflow cannot resolve attribute " + attribute
          + " of a " + type + " outside CloudFormation");
    }
    return value;
  }

  String stateMachineArn(String logicalId) {
    return "arn:aws:states:" + region + ":" + account + ":stateMachine:" + logicalId;
  }

  /** The resource's name property when it sets one, else its logical id (CloudFormation would add a suffix). */
  private String physical(String logicalId, JsonNode resource, String property, String where) {
    JsonNode name = resource.path("Properties").get(property);
    return name == null ? logicalId : text(name, where + " (" + logicalId + ".Properties." + property + ")");
  }

  TemplateException fail(String where, String reason) {
    return new TemplateException(source + ": " + where + ": " + reason);
  }
}
