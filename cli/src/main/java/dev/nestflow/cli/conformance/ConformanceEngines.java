package dev.nestflow.cli.conformance;

import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.validation.Diagnostic;
import java.util.List;
import dev.nestflow.infrastructure.tasks.AwsCredentials;
import dev.nestflow.infrastructure.tasks.SdkServices;
import dev.nestflow.infrastructure.tasks.ServiceEndpoints;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import java.util.Set;

/** Where the conformance runner gets its engine. */
public final class ConformanceEngines {
  private ConformanceEngines() {}

  /** The engine the {@code conformance} command and the baseline test use: the interpreter. */
  public static ConformanceEngine defaultEngine() {
    return new InterpreterEngine();
  }

  /** The queue/store runtime in embedded mode ({@code conformance --runtime queue}). */
  public static ConformanceEngine queueRuntime() {
    return new QueueRuntimeEngine();
  }

  /**
   * The queue/store runtime whose service tasks call real services through the AWS SDK
   * ({@code conformance --runtime queue --services aws [--endpoint-url URL]}): one adapter shared
   * by all cases; each case creates its queues, topics and tables there.
   */
  public static ConformanceEngine queueRuntimeOnAws(java.net.URI endpoint) {
    ServiceEndpoints endpoints = ServiceEndpoints.fromEnvironment(PlaceholderMap.REGION, endpoint);
    SdkServices services = new SdkServices(UrlConnectionHttpClient.create(),
        AwsCredentials.of(System.getenv(), endpoints.anyConfigured()), endpoints);
    return new QueueRuntimeEngine((clock, ids, region, account) -> services);
  }

  /** An engine that supports nothing and refuses every call: a placeholder, not an engine. */
  public static ConformanceEngine unavailable() {
    return new Unavailable();
  }

  private static final class Unavailable implements ConformanceEngine {
    private static final String WHY = "no engine wired into ConformanceEngines.defaultEngine()";

    @Override
    public Set<String> capabilities() {
      return Set.of();
    }

    @Override
    public ExecutionResult execute(CaseExecution execution) {
      throw new UnsupportedOperationException(WHY);
    }

    @Override
    public List<Diagnostic> validate(String definitionText, String type) {
      throw new UnsupportedOperationException(WHY);
    }

    @Override
    public String invalidDefinitionMessage(List<Diagnostic> diagnostics) {
      throw new UnsupportedOperationException(WHY);
    }

    @Override
    public ValidateResult validateForApi(String definitionText, String type) {
      throw new UnsupportedOperationException(WHY);
    }

    @Override
    public Optional<String> rejectInput(String inputText, String definitionText) {
      throw new UnsupportedOperationException(WHY);
    }
  }
}
