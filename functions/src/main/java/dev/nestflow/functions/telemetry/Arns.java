package dev.nestflow.functions.telemetry;

/** The state machine an execution ARN belongs to (arn:...:execution:MACHINE:NAME, or express:). */
final class Arns {
  private Arns() {}

  static String stateMachineOf(String executionArn) {
    if (executionArn == null) {
      return null;
    }
    String[] p = executionArn.split(":");
    if (p.length < 8 || !(p[5].equals("execution") || p[5].equals("express"))) {
      return null;
    }
    return String.join(":", p[0], p[1], p[2], p[3], p[4]) + ":stateMachine:" + p[6];
  }
}
