package dev.nestflow.cli.conformance;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.nestflow.core.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nestflow conformance PATH... [--json FILE] [--area A]... [--requires R]... [--history] [--runtime R]}:
 * runs corpus cases, prints one line per failing case and then {@code conformance: N passed, N
 * failed, N skipped}. Exit code 0 when nothing failed, 1 otherwise.
 */
@Command(
    name = "conformance",
    mixinStandardHelpOptions = true,
    description = "Run AWS-recorded conformance cases against the engine and compare the results.")
public final class ConformanceCommand implements Callable<Integer> {

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "corpus folder, area folder or case file")
  List<Path> paths = new ArrayList<>();

  @Option(names = "--json", paramLabel = "FILE", description = "write one {id, result, history, detail} per case")
  Path json;

  @Option(names = "--area", paramLabel = "A", description = "only cases of this area (repeatable)")
  List<String> areas = new ArrayList<>();

  @Option(
      names = "--requires",
      paramLabel = "R",
      description = "only cases whose requires contain R (repeatable, any matches; 'none' = pure ASL cases)")
  List<String> requires = new ArrayList<>();

  @Option(names = "--history", description = "a history difference makes a case fail (always reported in --json)")
  boolean history;

  /** Which engine runs the cases. */
  enum Runtime {
    /** The in-process interpreter ({@link InterpreterEngine}), or the engine this command was built with. */
    interpreter,
    /** The queue/store runtime in embedded mode ({@link QueueRuntimeEngine}). */
    queue
  }

  @Option(
      names = "--runtime",
      paramLabel = "R",
      description = "engine: interpreter (in-process, default) or queue (the queue/store runtime, embedded)")
  Runtime runtime = Runtime.interpreter;

  /** Which services the queue runtime's service tasks call. */
  enum Services {
    /** The in-memory twins, fresh for each case. */
    memory,
    /** The real services over the AWS SDK (an emulator with --endpoint-url or AWS_ENDPOINT_URL). */
    aws
  }

  @Option(
      names = "--services",
      paramLabel = "S",
      description = "with --runtime queue: memory (in-memory SQS/SNS/DynamoDB/EventBridge/S3, default) or aws"
          + " (the real services through the AWS SDK; give --endpoint-url for an emulator)")
  Services services = Services.memory;

  @Option(names = "--endpoint-url", paramLabel = "URL",
      description = "with --services aws: one endpoint for every service (moto_server, LocalStack)")
  java.net.URI endpointUrl;

  @Spec CommandSpec spec;

  private final Supplier<ConformanceEngine> engine;

  public ConformanceCommand(Supplier<ConformanceEngine> engine) {
    this.engine = Objects.requireNonNull(engine);
  }

  /** Uses {@link ConformanceEngines#defaultEngine()}. */
  public ConformanceCommand() {
    this(ConformanceEngines::defaultEngine);
  }

  @Override
  public Integer call() throws IOException {
    List<ConformanceCase> cases = select(Corpus.load(paths));
    if (services == Services.aws && runtime != Runtime.queue) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--services aws needs --runtime queue");
    }
    ConformanceEngine chosen = runtime != Runtime.queue ? engine.get()
        : services == Services.aws ? ConformanceEngines.queueRuntimeOnAws(endpointUrl) : ConformanceEngines.queueRuntime();
    ConformanceRun run = ConformanceRun.of(cases, chosen, history);
    PrintWriter out = spec.commandLine().getOut();
    for (CaseOutcome o : run.outcomes()) {
      if (run.failed(o)) {
        out.println(failureLine(o));
      }
    }
    out.println(run.summary());
    out.flush();
    if (json != null) {
      Path parent = json.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(json, Json.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(run.toJson()) + "\n");
    }
    return run.failedCount() == 0 ? 0 : 1;
  }

  List<ConformanceCase> select(List<ConformanceCase> cases) {
    return cases.stream()
        .filter(c -> areas.isEmpty() || areas.contains(c.area()))
        .filter(c -> requires.isEmpty() || requires.stream().anyMatch(r -> matchesRequires(c, r)))
        .toList();
  }

  private static boolean matchesRequires(ConformanceCase c, String r) {
    return "none".equals(r) ? c.requires().isEmpty() : c.requires().contains(r);
  }

  static String failureLine(CaseOutcome o) {
    return "FAIL " + o.id() + ": " + (o.detail() == null ? "" : o.detail().replace('\n', ' '));
  }
}
