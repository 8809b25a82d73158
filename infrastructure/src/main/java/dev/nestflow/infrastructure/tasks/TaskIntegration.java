package dev.nestflow.infrastructure.tasks;

/**
 * One entry of {@link TaskIntegrations}: the Task resources it runs, and how. An integration knows
 * nothing of the others; the registry asks each in turn and the first that handles a resource runs
 * it. A new integration is one class implementing this plus one line in the builder.
 */
public interface TaskIntegration {
  /** Whether this integration runs Task states with this {@code Resource}. */
  boolean handles(String resource);

  /** Runs one task attempt whose resource this integration {@linkplain #handles handles}. */
  TaskOutcome invoke(TaskRequest request);
}
