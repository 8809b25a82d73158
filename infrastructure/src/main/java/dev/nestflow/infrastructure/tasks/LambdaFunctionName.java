package dev.nestflow.infrastructure.tasks;

/**
 * A FunctionName as Invoke accepts it, taken apart: {@code my-fn}, {@code my-fn:alias}, {@code
 * 123456789012:function:my-fn[:qualifier]} or {@code arn:aws:lambda:region:account:function:my-fn[:qualifier]}.
 * Region and account are null when the form does not carry them.
 */
public record LambdaFunctionName(String name, String qualifier, String region, String account) {

  public static LambdaFunctionName parse(String functionName) {
    String[] parts = functionName.split(":", -1);
    if (parts.length >= 7 && "arn".equals(parts[0]) && "function".equals(parts[5])) {
      return new LambdaFunctionName(parts[6], parts.length > 7 ? parts[7] : null, parts[3], parts[4]);
    }
    if (parts.length >= 3 && "function".equals(parts[1])) {
      return new LambdaFunctionName(parts[2], parts.length > 3 ? parts[3] : null, null, parts[0]);
    }
    return new LambdaFunctionName(parts[0], parts.length > 1 ? parts[1] : null, null, null);
  }

  /** The qualifier the call runs: the one in the name, else {@code explicit}, else null ($LATEST). */
  public String qualifierOr(String explicit) {
    return qualifier != null ? qualifier : explicit;
  }

  /** The full ARN, {@code :qualifier} appended when given. */
  public String arn(String partition, String defaultRegion, String defaultAccount, String withQualifier) {
    return "arn:" + partition + ":lambda:" + (region == null ? defaultRegion : region) + ":"
        + (account == null ? defaultAccount : account) + ":function:" + name
        + (withQualifier == null ? "" : ":" + withQualifier);
  }
}
