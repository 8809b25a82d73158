package dev.nestflow.cli;

import dev.nestflow.cli.bench.BenchCommand;
import dev.nestflow.cli.conformance.ConformanceCommand;
import dev.nestflow.cli.graph.GraphCommand;
import dev.nestflow.cli.proxy.ProxyCommand;
import dev.nestflow.cli.serve.ServeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code nestflow} command. */
@Command(
    name = "nestflow",
    mixinStandardHelpOptions = true,
    version = "nestflow 0.1.0",
    description = "Run AWS Step Functions state machines locally, exactly as AWS does.",
    subcommands = {
      RunCommand.class, ValidateCommand.class, ConformanceCommand.class, ServeCommand.class, ProxyCommand.class,
      BenchCommand.class, GraphCommand.class, TestStateCommand.class, dev.nestflow.cli.dlq.DlqCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    // "@FILE" is ours to read (--input @order.json), not picocli's argument-file expansion
    return new CommandLine(new Main())
        .setExpandAtFiles(false)
        // a failure the command did not answer itself (a missing corpus folder, an unreadable file)
        // is a one-line error and exit code 2, never a stack trace at the user
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          cmd.getErr().println("nestflow " + cmd.getCommandName() + ": " + e.getMessage());
          cmd.getErr().flush();
          return 2;
        });
  }
}
