package dev.nestflow.bench;

/**
 * AWS list prices used for the cost model (us-east-1, on-demand, as published in 2025; free tiers
 * ignored): DynamoDB on-demand standard table class, SQS standard queue, Lambda x86, and Step
 * Functions Standard for comparison.
 */
public final class Prices {
  private Prices() {}

  public static final double DYNAMODB_PER_MILLION_WRITE_UNITS = 0.625;
  public static final double DYNAMODB_PER_MILLION_READ_UNITS = 0.125;
  public static final double SQS_PER_MILLION_REQUESTS = 0.40;
  public static final double LAMBDA_PER_MILLION_REQUESTS = 0.20;
  public static final double LAMBDA_PER_GB_SECOND = 0.0000166667;
  public static final double STEP_FUNCTIONS_STANDARD_PER_MILLION_TRANSITIONS = 25.0;

  /** Dollars for these counts, plus Lambda: {@code invocations} of {@code memoryGb} running {@code lambdaSeconds} in total. */
  public static double dollars(RequestCounter.Counts c, long lambdaInvocations, double lambdaSeconds, double memoryGb) {
    return c.writeUnits() * DYNAMODB_PER_MILLION_WRITE_UNITS / 1e6
        + c.readUnits() * DYNAMODB_PER_MILLION_READ_UNITS / 1e6
        + c.total("Sqs.") * SQS_PER_MILLION_REQUESTS / 1e6
        + (lambdaInvocations + c.total("Lambda.")) * LAMBDA_PER_MILLION_REQUESTS / 1e6
        + lambdaSeconds * memoryGb * LAMBDA_PER_GB_SECOND;
  }
}
