package dev.nestflow.infrastructure.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one registry of task integrations, as the runtime's {@link TaskInvoker}: an ordered list
 * behind one builder; the first integration that handles a task's resource runs it. Every mode
 * (the Lambda functions, {@code nestflow serve}, {@code nestflow run}, the conformance runner) builds
 * its invoker here, so what runs in one runs the same way in the others.
 *
 * <p>A resource no integration handles fails the task with {@code States.TaskFailed}, naming the
 * resource and, when the mode knows one, the option that would serve it ({@link
 * Builder#whenUnhandled}).
 */
public final class TaskIntegrations implements TaskInvoker {
  private final List<TaskIntegration> integrations;
  private final Function<String, String> hint;

  private TaskIntegrations(List<TaskIntegration> integrations, Function<String, String> hint) {
    this.integrations = List.copyOf(integrations);
    this.hint = hint;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The integration that runs {@code resource}: the first that handles it. */
  public Optional<TaskIntegration> find(String resource) {
    for (TaskIntegration integration : integrations) {
      if (integration.handles(resource)) {
        return Optional.of(integration);
      }
    }
    return Optional.empty();
  }

  @Override
  public TaskOutcome invoke(TaskRequest request) {
    Optional<TaskIntegration> integration = find(request.resource());
    if (integration.isPresent()) {
      return integration.get().invoke(request);
    }
    String how = hint.apply(request.resource());
    return new TaskOutcome.Failed("States.TaskFailed", "No handler is registered for resource '" + request.resource()
        + "'" + (how == null || how.isEmpty() ? "." : " " + how));
  }

  /** Collects integrations in order; the first added that handles a resource wins. */
  public static final class Builder {
    private final List<TaskIntegration> integrations = new ArrayList<>();
    private Function<String, String> hint = resource -> null;

    private Builder() {}

    public Builder add(TaskIntegration integration) {
      integrations.add(integration);
      return this;
    }

    /**
     * How the failure of an unhandled resource ends, after "No handler is registered for resource
     * 'R'": a sentence naming the option that would serve it (or null for a plain full stop).
     */
    public Builder whenUnhandled(Function<String, String> hint) {
      this.hint = hint;
      return this;
    }

    public TaskIntegrations build() {
      return new TaskIntegrations(integrations, hint);
    }
  }
}
