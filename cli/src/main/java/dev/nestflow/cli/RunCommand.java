package dev.nestflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.states.StateMachine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nestflow run DEFINITION [--input JSON|@FILE] [--history]}. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run a state machine in-process on the embedded default and print its output.")
public final class RunCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DEFINITION", description = "ASL definition file (JSON)")
  Path definition;

  @Option(names = "--input", paramLabel = "JSON|@FILE", description = "execution input (default {})")
  String input = "{}";

  @Option(names = "--name", description = "state machine name (default: the file name)")
  String name;

  @Option(names = "--type", description = "STANDARD or EXPRESS (default STANDARD)")
  String type = "STANDARD";

  @Option(names = "--history", description = "print the execution's history events")
  boolean history;

  @Option(names = "--seed", description = "seed for UUIDs, MathRandom and jitter (default: random)")
  Long seed;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      String definitionText = Inputs.readFile(definition);
      StateMachine machine = LocalRunner.create(definitionText, type);
      String inputText = Inputs.textOrFile(input);
      long runSeed = seed != null ? seed : System.nanoTime();
      String smName = name != null ? name : baseName(definition);
      ExecutionResult result =
          LocalRunner.withoutTasks()
              .run(machine, type, LocalRunner.stateMachineArn(smName), LocalRunner.newExecutionName(runSeed),
                  LocalRunner.defaultRoleArn(), inputText, Instant.now(), runSeed);
      if (history) {
        printHistory(out, result);
      }
      if ("SUCCEEDED".equals(result.status())) {
        out.println(Json.write(result.output()));
        out.flush();
        return 0;
      }
      err.println(result.status() + (result.error() == null ? "" : ": " + result.error()));
      if (result.cause() != null) {
        err.println(result.cause());
      }
      err.flush();
      out.flush();
      return 1;
    } catch (LocalRunner.Rejected e) {
      err.println(e.code() + ": " + e.getMessage());
      err.flush();
      return 2;
    }
  }

  static void printHistory(PrintWriter out, ExecutionResult result) {
    out.printf("%4s %4s  %-28s %s%n", "id", "prev", "type", "details");
    for (ObjectNode e : result.history()) {
      String details = "";
      for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        if (f.getKey().endsWith("EventDetails")) {
          details = Json.write(f.getValue());
        }
      }
      out.printf("%4d %4d  %-28s %s%n", e.get("id").asLong(), e.get("previousEventId").asLong(), e.get("type").asText(), details);
    }
  }

  private static String baseName(Path p) {
    String file = p.getFileName().toString();
    int dot = file.indexOf('.');
    String base = dot > 0 ? file.substring(0, dot) : file;
    return base.replaceAll("[^A-Za-z0-9_-]", "-");
  }
}
