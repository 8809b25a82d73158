package dev.nestflow.infrastructure.api;

import java.util.List;

/**
 * A Step Functions ARN taken apart: {@code arn:<partition>:states:<region>:<account>:<type>:<parts...>}
 * with {@code type} stateMachine, execution, express or activity.
 */
public record Arn(String text, String partition, String region, String account, String type, List<String> parts) {

  /** Parses {@code text}; anything that is not a Step Functions ARN is {@code InvalidArn}. */
  public static Arn parse(String text) {
    String[] f = text.split(":", -1);
    if (f.length < 7 || !"arn".equals(f[0]) || f[1].isEmpty() || !"states".equals(f[2])) {
      throw ApiErrors.invalidArn("Invalid ARN prefix: " + text);
    }
    List<String> parts = List.of(f).subList(6, f.length);
    for (String p : parts) {
      if (p.isEmpty()) {
        throw ApiErrors.invalidArn("Invalid ARN prefix: " + text);
      }
    }
    return new Arn(text, f[1], f[3], f[4], f[5], parts);
  }

  /** Parses {@code text} and checks that it names a resource of {@code expectedType}. */
  public static Arn parse(String text, String expectedType, int minParts, int maxParts) {
    Arn arn = parse(text);
    if (!arn.type().equals(expectedType)) {
      throw ApiErrors.invalidArn("Resource type not valid in this context: " + arn.type());
    }
    if (arn.parts().size() < minParts || arn.parts().size() > maxParts) {
      throw ApiErrors.invalidArn("Invalid Arn resource: " + text);
    }
    return arn;
  }

  /** The state machine ARN without a version or alias qualifier. */
  public String unqualifiedStateMachine() {
    return "arn:" + partition + ":states:" + region + ":" + account + ":stateMachine:" + parts.get(0);
  }

  /** For {@code stateMachine:<name>:<qualifier>}, the qualifier (a version number or alias name), else null. */
  public String qualifier() {
    return parts.size() > 1 ? parts.get(1) : null;
  }

  public boolean isVersion() {
    String q = qualifier();
    return q != null && q.chars().allMatch(Character::isDigit);
  }
}
