package dev.nestflow.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.nestflow.infrastructure.runtime.ExecutionRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Consumes the transitions queue: each SQS message advances one execution by one signal. A message
 * that fails (another step won the race, a transient AWS error) is reported as a batch item
 * failure, so SQS delivers it again and, after the queue's maxReceiveCount, moves it to the DLQ.
 */
public final class StateAdvanceHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  static {
    Priming.register(); // SnapStart: primes the runtime before the snapshot (see Priming)
  }

  private final Supplier<ExecutionRuntime> runtime;

  /** The Lambda entry point: the runtime is built from the environment on first use. */
  public StateAdvanceHandler() {
    this(Runtimes::fromEnvironment);
  }

  public StateAdvanceHandler(Supplier<ExecutionRuntime> runtime) {
    this.runtime = runtime;
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    ExecutionRuntime rt = runtime.get();
    for (SQSEvent.SQSMessage message : event.getRecords()) {
      try {
        rt.handle(message.getBody());
      } catch (RuntimeException e) {
        if (context != null && context.getLogger() != null) {
          context.getLogger().log("message " + message.getMessageId() + " not applied: " + e + "\n");
        }
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
      }
    }
    return new SQSBatchResponse(failures);
  }
}
