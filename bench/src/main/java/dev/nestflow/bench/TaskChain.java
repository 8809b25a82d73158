package dev.nestflow.bench;

import dev.nestflow.infrastructure.tasks.TaskInvoker;
import dev.nestflow.infrastructure.tasks.TaskOutcome;
import java.util.concurrent.atomic.LongAdder;

/**
 * Synthetic definitions for the distributed benchmarks: a 10-state workflow (5 Pass, 5 Task on a
 * local echo function), a parent that runs one child with {@code .sync:2}, and a Map of Task
 * iterations. Task resources are answered in-process by {@link #echo}, counted as Lambda invokes.
 */
public final class TaskChain {
  private TaskChain() {}

  public static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:echo";

  /** A task invoker that returns the task input, counting invocations. */
  public static TaskInvoker echo(LongAdder invocations) {
    return request -> {
      invocations.increment();
      return new TaskOutcome.Succeeded(request.input());
    };
  }

  /** 10 states: Pass and Task alternating, each adding to {@code $.n}. */
  public static String tenStates() {
    StringBuilder s = new StringBuilder("{\"StartAt\":\"S0\",\"States\":{");
    for (int i = 0; i < 10; i++) {
      String end = i == 9 ? "\"End\":true" : "\"Next\":\"S" + (i + 1) + "\"";
      if (i % 2 == 0) {
        s.append("\"S").append(i).append("\":{\"Type\":\"Pass\",\"Parameters\":{\"n.$\":\"States.MathAdd($.n, 1)\"},").append(end).append("}");
      } else {
        s.append("\"S").append(i).append("\":{\"Type\":\"Task\",\"Resource\":\"").append(FUNCTION)
            .append("\",\"Parameters\":{\"n.$\":\"States.MathAdd($.n, 1)\"},").append(end).append("}");
      }
      if (i < 9) {
        s.append(',');
      }
    }
    return s.append("}}").toString();
  }

  public static final String CHILD = "{\"StartAt\":\"C\",\"States\":{\"C\":{\"Type\":\"Pass\",\"Parameters\":{\"doubled.$\":\"States.MathAdd($.n, $.n)\"},\"End\":true}}}";

  public static String parentOf(String childArn) {
    return "{\"StartAt\":\"Run\",\"States\":{\"Run\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::states:startExecution.sync:2\","
        + "\"Parameters\":{\"StateMachineArn\":\"" + childArn + "\",\"Input\":{\"n.$\":\"$.n\"}},"
        + "\"ResultSelector\":{\"doubled.$\":\"$.Output.doubled\"},\"End\":true}}}";
  }

  /** A Map over {@code $.items} (MaxConcurrency 0) whose iterations call the echo function. */
  public static String mapOfTasks() {
    return "{\"StartAt\":\"M\",\"States\":{\"M\":{\"Type\":\"Map\",\"ItemsPath\":\"$.items\",\"MaxConcurrency\":0,"
        + "\"ItemProcessor\":{\"ProcessorConfig\":{\"Mode\":\"INLINE\"},\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\","
        + "\"Resource\":\"" + FUNCTION + "\",\"End\":true}}},\"End\":true}}}";
  }

  public static String items(int n) {
    StringBuilder s = new StringBuilder("{\"items\":[");
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        s.append(',');
      }
      s.append(i);
    }
    return s.append("]}").toString();
  }
}
