package dev.nestflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.mocks.MockConfig;
import dev.nestflow.infrastructure.mocks.MockConfigException;
import dev.nestflow.infrastructure.mocks.MockedTasks;
import dev.nestflow.testing.templates.SamTemplate;
import dev.nestflow.testing.templates.TemplateException;
import dev.nestflow.testing.templates.TemplateStateMachine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
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
  @Parameters(paramLabel = "DEFINITION", description = "ASL definition file (JSON); with --template, the logical id of"
      + " the template's state machine to run")
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

  @Option(names = "--mock-config", paramLabel = "FILE",
      description = "Step Functions Local mock configuration; with --test-case, that test case's Task states answer from it")
  Path mockConfig;

  @Option(names = "--test-case", paramLabel = "NAME",
      description = "the test case of the mock configuration to run (its state machine is the one named by --name, default the file name)")
  String testCase;

  @Option(names = "--template", paramLabel = "FILE", description = "a SAM or CloudFormation template: registers every state"
      + " machine in it under its logical id (DefinitionUri, Definition, DefinitionString, DefinitionSubstitutions)")
  Path template;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      SamTemplate samTemplate = template == null ? null : SamTemplate.read(template);
      TemplateStateMachine chosen = samTemplate == null ? null : samTemplate.stateMachine(definition.toString());
      String definitionText = chosen != null ? chosen.definition() : Inputs.readFile(definition);
      String inputText = Inputs.textOrFile(input);
      String smName = chosen != null ? chosen.logicalId() : name != null ? name : baseName(definition);
      String machineType = chosen != null ? chosen.type() : type.name();
      Map<String, JsonNode> answerOutputs = new LinkedHashMap<>();
      for (Map.Entry<String, String> a : answers.entrySet()) {
        answerOutputs.put(a.getKey(), LocalRunner.parseInput(Inputs.textOrFile(a.getValue())));
      }
      if ((mockConfig == null) != (testCase == null)) {
        err.println("--mock-config and --test-case go together");
        err.flush();
        return 2;
      }
      MockedTasks mocks = mockConfig == null ? null : new MockedTasks(MockConfig.read(mockConfig));
      LocalWorkflow workflow = new LocalWorkflow(Instant.now(), answerOutputs, tasks.toLocalTasks(),
          mocks == null ? UnaryOperator.identity() : mocks::before);
      for (Map.Entry<String, Path> sm : stateMachines.entrySet()) {
        workflow.register(sm.getKey(), Inputs.readFile(sm.getValue()), "STANDARD");
      }
      if (samTemplate != null) {
        for (TemplateStateMachine m : samTemplate.stateMachines()) {
          if (m != chosen) {
            workflow.register(m.logicalId(), m.definition(), m.type());
          }
        }
      }
      String arn = workflow.register(smName, definitionText, machineType);
      String execution = executionName != null ? executionName : java.util.UUID.randomUUID().toString();
      if (mocks != null) {
        mocks.assign(smName, execution, testCase, definitionText);
      }
      String executionArn = workflow.run(arn, execution, inputText);
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
      if ("RUNNING".equals(result.status())) {
        // nothing more happens by itself: say what each open state waits on
        List<String> waiting = WaitingStates.describe(result.history());
        err.println(waiting.isEmpty() ? "the execution waits, but no state is open" : "the execution is waiting:");
        waiting.forEach(line -> err.println("  " + line));
      }
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
    } catch (MockConfigException | TemplateException e) {
      err.println(e.getMessage());
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
