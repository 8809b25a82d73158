package dev.nestflow.cli.graph;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.console.graph.SvgDrawing;
import dev.nestflow.console.web.ExecutionGraph;
import dev.nestflow.console.web.SfnCalls;
import dev.nestflow.core.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nestflow graph DEFINITION [--execution ARN] -o graph.svg}: the workflow as SVG, laid out
 * by ELK; with an execution, each state coloured, marked and labelled by what happened to it.
 */
@Command(name = "graph", mixinStandardHelpOptions = true,
    description = {"Draw a state machine as SVG: Choice branches, Parallel branches and Map item processors as nested boxes.",
        "With --execution, each state shows its status (not reached, running, succeeded, caught, failed, cancelled)"
            + " and its retries, read from the execution's history at --endpoint (nestflow serve or nestflow proxy)."})
public final class GraphCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DEFINITION", arity = "0..1",
      description = "ASL definition file (JSON); optional with --execution (then the execution's own definition)")
  Path definition;

  @Option(names = "--execution", paramLabel = "ARN", description = "colour the states by this execution's history")
  String execution;

  @Option(names = "--endpoint", paramLabel = "URL", description = "Step Functions endpoint for --execution (default http://127.0.0.1:8083)")
  URI endpoint = URI.create("http://127.0.0.1:8083");

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the SVG here (default: standard output)")
  Path output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (definition == null && execution == null) {
      err.println("nestflow graph: give a DEFINITION file, --execution ARN, or both");
      err.flush();
      return 2;
    }
    try {
      String svg;
      if (execution != null) {
        SfnCalls api = ApiCalls.http(endpoint);
        svg = definition == null ? ExecutionGraph.ofExecution(api, execution)
            : ExecutionGraph.ofExecution(api, read(definition), execution);
      } else {
        svg = SvgDrawing.svg(read(definition), null);
      }
      if (output == null) {
        spec.commandLine().getOut().print(svg);
        spec.commandLine().getOut().flush();
      } else {
        Files.writeString(output, svg);
      }
      return 0;
    } catch (SfnCalls.Failure e) {
      err.println("nestflow graph: " + e.type() + ": " + e.getMessage());
      err.flush();
      return 1;
    } catch (Rejected e) {
      err.println("nestflow graph: " + e.getMessage());
      err.flush();
      return 2;
    } catch (IOException e) {
      err.println("nestflow graph: cannot write " + output + ": " + e.getMessage());
      err.flush();
      return 2;
    }
  }

  private static JsonNode read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new Rejected("No such file: " + file);
    } catch (IOException e) {
      throw new Rejected("Cannot read " + file + ": " + e.getMessage());
    }
    JsonNode json;
    try {
      json = Json.parse(text);
    } catch (RuntimeException e) {
      throw new Rejected(file + " is not JSON: " + e.getMessage());
    }
    if (!json.isObject()) {
      throw new Rejected(file + " is not a JSON object with StartAt and States");
    }
    return json;
  }

  private static final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Rejected(String message) {
      super(message);
    }
  }
}
