package dev.nestflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.json.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import dev.nestflow.cli.tasks.TaskOptions;
import picocli.CommandLine.Mixin;
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
  WorkflowType type = WorkflowType.STANDARD;

  @Option(names = "--history", description = "print the execution's history events")
  boolean history;

  @Option(names = "--state-machine", paramLabel = "NAME=FILE",
      description = "a state machine the workflow may start (repeatable); its ARN is arn:aws:states:us-east-1:123456789012:stateMachine:NAME")
  Map<String, Path> stateMachines = new LinkedHashMap<>();

  @Option(names = "--answer", paramLabel = "STATE=JSON|@FILE",
      description = "answer the task token of callback state STATE with SendTaskSuccess and this output (repeatable)")
  Map<String, String> answers = new LinkedHashMap<>();

  @Option(names = "--tree", description = "after the output, print the executions the workflow started")
  boolean tree;

  @Option(names = "--execution-name", description = "the execution's name (default: a random UUID)")
  String executionName;

  @Mixin TaskOptions tasks = new TaskOptions();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      String definitionText = Inputs.readFile(definition);
      String inputText = Inputs.textOrFile(input);
      String smName = name != null ? name : baseName(definition);
      Map<String, JsonNode> answerOutputs = new LinkedHashMap<>();
      for (Map.Entry<String, String> a : answers.entrySet()) {
        answerOutputs.put(a.getKey(), LocalRunner.parseInput(Inputs.textOrFile(a.getValue())));
      }
      LocalWorkflow workflow = new LocalWorkflow(Instant.now(), answerOutputs, tasks.toLocalTasks());
      for (Map.Entry<String, Path> sm : stateMachines.entrySet()) {
        workflow.register(sm.getKey(), Inputs.readFile(sm.getValue()), "STANDARD");
      }
      String arn = workflow.register(smName, definitionText, type.name());
      String executionArn = workflow.run(arn, executionName != null ? executionName : java.util.UUID.randomUUID().toString(), inputText);
      ExecutionResult result = workflow.result(executionArn);
      if (history) {
        printHistory(out, result);
      }
      if ("SUCCEEDED".equals(result.status())) {
        out.println(Json.write(result.output()));
        if (tree) {
          out.println("executions:");
          workflow.tree(executionArn).forEach(line -> out.println("  " + line));
        }
        out.flush();
        return 0;
      }
      if (tree) {
        workflow.tree(executionArn).forEach(line -> err.println("  " + line));
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
    } catch (dev.nestflow.infrastructure.runtime.ApiException e) {
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
