package dev.nestflow.testing.templates;

import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation or SAM template (YAML or JSON) into plain maps and lists. The short
 * forms of intrinsic functions ({@code !Sub}, {@code !Ref}, {@code !GetAtt}, ...) are YAML tags
 * that a generic YAML reader drops or refuses; here each becomes its long form
 * ({@code {"Fn::Sub": ...}}, {@code {"Ref": ...}}), so the resolver sees one shape. Dates stay text.
 */
final class CloudFormationYaml {
  private CloudFormationYaml() {}

  private static final List<String> FUNCTIONS = List.of("Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs", "ImportValue",
      "Join", "Select", "Split", "Sub", "Transform", "If", "Equals", "Not", "And", "Or", "ToJsonString", "Length");

  static Object read(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(50);
    options.setCodePointLimit(10 * 1024 * 1024);
    return new Yaml(new IntrinsicConstructor(options)).load(text);
  }

  private static final class IntrinsicConstructor extends SafeConstructor {
    IntrinsicConstructor(LoaderOptions options) {
      super(options);
      yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
      yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
      yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
      for (String f : FUNCTIONS) {
        yamlConstructors.put(new Tag("!" + f), new Intrinsic("Fn::" + f));
      }
    }

    private final class Intrinsic extends AbstractConstruct {
      private final String name;

      Intrinsic(String name) {
        this.name = name;
      }

      @Override
      public Object construct(Node node) {
        Object value;
        if (node instanceof ScalarNode scalar) {
          String text = constructScalar(scalar);
          // !GetAtt Resource.Attribute is the short form of ["Resource", "Attribute"]
          value = name.equals("Fn::GetAtt") && text.contains(".")
              ? List.of(text.substring(0, text.indexOf('.')), text.substring(text.indexOf('.') + 1))
              : text;
        } else if (node instanceof SequenceNode sequence) {
          value = constructSequence(sequence);
        } else {
          value = constructMapping((MappingNode) node);
        }
        return Map.of(name, value);
      }
    }
  }
}
