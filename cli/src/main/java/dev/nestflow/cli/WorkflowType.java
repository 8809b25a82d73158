package dev.nestflow.cli;

/**
 * The {@code --type} of {@code run} and {@code validate}: the two workflow types CreateStateMachine
 * accepts, spelled as AWS spells them. As an enum, picocli refuses any other value with a usage
 * error instead of running or validating as if it were STANDARD.
 */
enum WorkflowType {
  STANDARD,
  EXPRESS
}
