package dev.nestflow.testing;

/** Entry point for the assertions: {@code NestflowAssertions.assertThat(execution).succeeded()}. */
public final class NestflowAssertions {
  private NestflowAssertions() {}

  public static ExecutionAssert assertThat(Execution execution) {
    return new ExecutionAssert(execution);
  }
}
