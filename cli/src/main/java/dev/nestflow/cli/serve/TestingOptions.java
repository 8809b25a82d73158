package dev.nestflow.cli.serve;

import dev.nestflow.infrastructure.mocks.MockConfig;

/**
 * What {@code serve} offers for testing workflows: a Step Functions Local mock configuration
 * (executions started on {@code ...:stateMachine:Name#TestCase} use its mocked responses), and
 * virtual time (Waits and retry delays complete at once).
 *
 * @param mocks the mock configuration, or null
 * @param virtualTime true: the clock jumps to the next due timer whenever nothing else is runnable
 */
public record TestingOptions(MockConfig mocks, boolean virtualTime) {
  public static TestingOptions none() {
    return new TestingOptions(null, false);
  }
}
