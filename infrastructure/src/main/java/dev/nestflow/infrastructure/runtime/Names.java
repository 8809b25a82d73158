package dev.nestflow.infrastructure.runtime;

import dev.nestflow.infrastructure.store.StateMachineRecord;

/** Execution names and ARNs as Step Functions forms and checks them. */
final class Names {
  private Names() {}

  private static final String FORBIDDEN = " <>{}[]?*\"#%\\^|~`$&,;:/";

  static String checkExecutionName(String name) {
    boolean ok = !name.isEmpty() && name.length() <= 80;
    for (int i = 0; ok && i < name.length(); i++) {
      char c = name.charAt(i);
      ok = !Character.isWhitespace(c) && FORBIDDEN.indexOf(c) < 0 && !(c <= 0x1F) && !(c >= 0x7F && c <= 0x9F)
          && c != '\uFFFE' && c != '\uFFFF' && !Character.isSurrogate(c);
    }
    if (!ok) {
      throw new ApiException("InvalidName", "Invalid Name: '" + name + "'");
    }
    return name;
  }

  static String executionArn(StateMachineRecord machine, String name) {
    String base = machine.stateMachineArn();
    if ("EXPRESS".equals(machine.type())) {
      return base.replace(":stateMachine:", ":express:") + ":" + name + ":" + Ids.uuid();
    }
    return base.replace(":stateMachine:", ":execution:") + ":" + name;
  }
}
