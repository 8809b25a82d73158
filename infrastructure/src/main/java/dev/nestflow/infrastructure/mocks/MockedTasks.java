package dev.nestflow.infrastructure.mocks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.infrastructure.api.ApiErrors;
import dev.nestflow.infrastructure.api.ApiRequest;
import dev.nestflow.infrastructure.api.Operation;
import dev.nestflow.infrastructure.runtime.ApiException;
import dev.nestflow.infrastructure.store.ExecutionStore;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import dev.nestflow.infrastructure.tasks.TaskOutcome;
import dev.nestflow.infrastructure.tasks.TaskRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Step Functions Local's mocked service integrations: the task integration that answers before any
 * real one. An execution started with a test case ({@code StartExecution} on
 * {@code ...:stateMachine:Name#TestCase}, or {@link #assign}) has the Task states its test case
 * names answered from the mock configuration, whatever their resource (Lambda, a service,
 * {@code .sync}, {@code .waitForTaskToken}: the mocked answer is the task's result, no token needs
 * sending); its other tasks, and every other execution's, go to the real integrations.
 *
 * <p>The invocation number of a state counts its task attempts in the execution from 0 (retries,
 * Map iterations and loops all count). It is kept per task key, so a redelivered step that invokes
 * the same attempt again gets the same answer. A state the test case mocks but whose invocation the
 * file does not answer fails the execution with {@code States.Runtime} (no Retry or Catch applies),
 * as Step Functions Local fails the execution.
 */
public final class MockedTasks {
  private final MockConfig config;
  /** The test case of each execution, by "machine name:execution name" (what its ARN names). */
  private final Map<String, TestCase> testCases = new ConcurrentHashMap<>();
  /** Per execution ARN and state: the task keys in the order first invoked (position = invocation number). */
  private final Map<String, Map<String, List<String>>> invocations = new ConcurrentHashMap<>();

  public MockedTasks(MockConfig config) {
    this.config = config;
  }

  public MockConfig config() {
    return config;
  }

  /**
   * Runs executions named {@code executionName} of the state machine {@code machineName} with
   * {@code testCase}, which must be defined for that machine in the configuration and mock only
   * Task states of {@code definition}; a {@link MockConfigException} otherwise.
   */
  public TestCase assign(String machineName, String executionName, String testCase, String definition) {
    TestCase found = config.testCase(machineName, testCase);
    found.checkAgainst(definition);
    testCases.put(key(machineName, executionName), found);
    return found;
  }

  /** This integration placed before {@code next}: mocked tasks are answered here, all others by {@code next}. */
  public TaskInvoker before(TaskInvoker next) {
    return request -> answer(request).orElseGet(() -> next.invoke(request));
  }

  /** The mocked answer to {@code request}, or empty when its execution or state is not mocked. */
  public Optional<TaskOutcome> answer(TaskRequest request) {
    String[] parts = request.executionArn() == null ? new String[0] : request.executionArn().split(":");
    if (parts.length < 8 || !(parts[5].equals("execution") || parts[5].equals("express"))) {
      return Optional.empty();
    }
    TestCase testCase = testCases.get(key(parts[6], parts[7]));
    MockedResponse response = testCase == null ? null : testCase.states().get(request.stateName());
    if (response == null) {
      return Optional.empty();
    }
    int index = invocation(request);
    return Optional.of(response.at(index).orElseGet(() -> new TaskOutcome.Failed("States.Runtime",
        "Mocked response '" + response.name() + "' of test case '" + testCase.name() + "' has no answer for invocation "
            + index + " of state '" + request.stateName() + "' (it answers invocations " + response.keys() + ")")));
  }

  private int invocation(TaskRequest request) {
    List<String> keys = invocations
        .computeIfAbsent(request.executionArn(), arn -> new ConcurrentHashMap<>())
        .computeIfAbsent(request.stateName(), state -> new ArrayList<>());
    synchronized (keys) {
      int index = keys.indexOf(request.taskKey());
      if (index < 0) {
        keys.add(request.taskKey());
        index = keys.size() - 1;
      }
      return index;
    }
  }

  /**
   * Wraps StartExecution or StartSyncExecution so that a state machine ARN ending in
   * {@code #TestCase} starts the machine with that test case, as Step Functions Local does. A test
   * case the configuration does not define, or one that mocks a state the definition does not have,
   * is refused with a ValidationException saying so. Without a suffix the request passes unchanged.
   */
  public Operation starts(Operation start, ExecutionStore store) {
    return request -> {
      ObjectNode body = request.body();
      String arn = body.path("stateMachineArn").isTextual() ? body.get("stateMachineArn").asText() : null;
      int hash = arn == null ? -1 : arn.indexOf('#');
      if (hash < 0) {
        return start.invoke(request);
      }
      String machineArn = arn.substring(0, hash);
      String testCase = arn.substring(hash + 1);
      ObjectNode plain = body.deepCopy();
      plain.put("stateMachineArn", machineArn);
      if (!plain.path("name").isTextual()) {
        plain.put("name", UUID.randomUUID().toString());
      }
      ApiRequest unsuffixed = new ApiRequest(plain);
      String[] parts = machineArn.split(":");
      String unqualified = parts.length >= 7 ? String.join(":", java.util.Arrays.copyOf(parts, 7)) : machineArn;
      Optional<StateMachineRecord> machine = parts.length >= 7 && "stateMachine".equals(parts[5])
          ? store.stateMachine(unqualified) : Optional.empty();
      if (machine.isEmpty()) {
        return start.invoke(unsuffixed); // the start answers InvalidArn or StateMachineDoesNotExist
      }
      String key = key(parts[6], plain.get("name").asText());
      TestCase before = testCases.get(key);
      try {
        assign(parts[6], plain.get("name").asText(), testCase, machine.get().definition());
      } catch (MockConfigException e) {
        throw new ApiException(ApiErrors.VALIDATION, e.getMessage());
      }
      try {
        return start.invoke(unsuffixed);
      } catch (RuntimeException e) {
        if (before == null) {
          testCases.remove(key);
        } else {
          testCases.put(key, before);
        }
        throw e;
      }
    };
  }

  /**
   * StartExecution where no mock configuration was given: a {@code #TestCase} suffix is refused
   * with a ValidationException that says how to give one, instead of StateMachineDoesNotExist.
   */
  public static Operation refusingTestCases(Operation start) {
    return request -> {
      String arn = request.body().path("stateMachineArn").asText("");
      if (arn.startsWith("arn:") && arn.contains("#")) {
        throw new ApiException(ApiErrors.VALIDATION, "'" + arn + "' selects test case '" + arn.substring(arn.indexOf('#') + 1)
            + "' of a mock configuration, but none was given: start serve with --mock-config FILE (or "
            + MockConfig.ENVIRONMENT_VARIABLE + ")");
      }
      return start.invoke(request);
    };
  }

  private static String key(String machineName, String executionName) {
    return machineName + ":" + executionName;
  }
}
