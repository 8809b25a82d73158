package dev.nestflow.cli;

import dev.nestflow.core.validation.Diagnostic;
import dev.nestflow.core.validation.DefinitionValidator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nestflow validate DEFINITION}: prints the definition's diagnostics. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Validate an ASL definition and print its diagnostics.")
public final class ValidateCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DEFINITION", description = "ASL definition file (JSON)")
  Path definition;

  @Option(names = "--type", description = "STANDARD or EXPRESS (default STANDARD)")
  WorkflowType type = WorkflowType.STANDARD;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      List<Diagnostic> diagnostics = DefinitionValidator.validate(Inputs.readFile(definition), type.name());
      boolean failed = diagnostics.stream().anyMatch(d -> DefinitionValidator.ERROR.equals(d.severity()));
      for (Diagnostic d : diagnostics) {
        out.println(d.severity() + " " + d.code() + " at " + (d.location() == null ? "/" : d.location()) + ": " + d.message());
      }
      out.println(failed ? "FAIL" : "OK");
      out.flush();
      return failed ? 1 : 0;
    } catch (LocalRunner.Rejected e) {
      spec.commandLine().getErr().println(e.code() + ": " + e.getMessage());
      spec.commandLine().getErr().flush();
      return 2;
    }
  }
}
