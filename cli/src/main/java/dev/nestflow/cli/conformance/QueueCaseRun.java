package dev.nestflow.cli.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.interpreter.TaskResource;
import dev.nestflow.core.interpreter.Uuids;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.embedded.EmbeddedRuntime;
import dev.nestflow.infrastructure.runtime.Activities;
import dev.nestflow.infrastructure.runtime.ApiException;
import dev.nestflow.infrastructure.runtime.ExecutionCommands;
import dev.nestflow.infrastructure.runtime.StepFunctionsSdkIntegration;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.infrastructure.tasks.AwsServices;
import dev.nestflow.infrastructure.tasks.InMemoryServices;
import dev.nestflow.infrastructure.tasks.ServiceException;
import dev.nestflow.infrastructure.tasks.StandardIntegrations;
import dev.nestflow.infrastructure.tasks.LambdaFunctionName;
import dev.nestflow.infrastructure.tasks.LambdaIntegration;
import dev.nestflow.infrastructure.tasks.LocalFunctions;
import dev.nestflow.infrastructure.tasks.SnsIntegration;
import dev.nestflow.infrastructure.tasks.SqsIntegration;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import dev.nestflow.infrastructure.tasks.TaskOutcome;
import dev.nestflow.infrastructure.tasks.TaskRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One case run through the queue runtime: sets up an {@link EmbeddedRuntime} with the case's state
 * machine, children, functions and resources, starts the execution, and drives the virtual clock
 * while the case's actors act:
 *
 * <ul>
 *   <li>{@code answer_message}: for every SQS message / SNS notification that the named state (of
 *       the case's machine, or of {@code child}) sends to the actor's queue or topic, reads the token
 *       from the message and answers after its {@code before} steps (waits on the virtual clock,
 *       heartbeats);
 *   <li>{@code answer_activity_task}: polls GetActivityTask on the activity whenever the runtime is
 *       idle and answers each task it receives the same way ({@code action: none} holds the task);
 *   <li>{@code send_task_success_from_child_input}, {@code send_task_failure_from_child_input}: once
 *       the child state machine has an execution of the given name, reads the token from its input
 *       and answers the same way;
 *   <li>{@code stop_execution}: stops the execution once it has entered the named state;
 *   <li>{@code delete_activity}: the activity is created and deleted before the start;
 *   <li>{@code no_answer}: nothing answers (the task's own timeout ends it).
 * </ul>
 *
 * Functions that run longer than a step (the corpus's 60-second sleeper) answer on the virtual clock
 * after their run time. The run ends when nothing is left to do, or a day after the start (the
 * recording horizon: the execution is then reported RUNNING).
 */
final class QueueCaseRun {
  private static final Duration RECORDING_HORIZON = Duration.ofDays(1);
  private static final long SEED = 42;
  private static final int MAX_ROUNDS = 100_000;
  /** Function files whose runs take longer than a step, and how long. */
  private static final Map<String, Duration> SLOW_FUNCTIONS = Map.of("wait_60_seconds", Duration.ofSeconds(60));

  /** A message an SQS or SNS task sent: which state of which state machine, to where, and its text. */
  private record Delivery(String service, String destination, String stateMachineName, String stateName, String text) {}

  private record Action(Instant at, long seq, Runnable run) {}

  private final CaseExecution c;
  private final Random random = new Random(SEED);
  private final Supplier<String> ids = () -> Uuids.random(random);
  private final EmbeddedRuntime embedded;
  private final ExecutionCommands runtime;
  private final List<Delivery> deliveries = new ArrayList<>();
  private final PriorityQueue<Action> actions =
      new PriorityQueue<>((a, b) -> a.at().equals(b.at()) ? Long.compare(a.seq(), b.seq()) : a.at().compareTo(b.at()));
  private final List<JsonNode> actors = new ArrayList<>();
  private final Set<JsonNode> stopsDone = new HashSet<>();
  private final Set<JsonNode> childAnswersDone = new HashSet<>();
  private final UnmappedPlaceholders unmapped = new UnmappedPlaceholders();
  private long actionSeq;
  private String executionArn;

  /** How the case's services are made for one run: in memory on the case's clock and ids, or one shared real adapter. */
  @FunctionalInterface
  interface ServicesFactory {
    AwsServices create(Clock clock, Supplier<String> ids, String region, String account);

    /** The in-memory twins, fresh for each case. */
    static ServicesFactory memory() {
      return InMemoryServices::new;
    }
  }

  QueueCaseRun(CaseExecution c) {
    this(c, ServicesFactory.memory());
  }

  QueueCaseRun(CaseExecution c, ServicesFactory servicesFactory) {
    this.c = c;
    if (c.actors() != null && c.actors().isArray()) {
      c.actors().forEach(actors::add);
    }
    AwsServices[] made = new AwsServices[1];
    this.embedded = EmbeddedRuntime.wired(Instant.now(), (clock, sfn) -> {
      made[0] = servicesFactory.create(clock, ids, c.region(), c.account());
      LocalFunctions functions = CorpusFunctions.register(new LocalFunctions(c.region(), c.account(), clock, ids), c);
      TaskInvoker tasks = StandardIntegrations.builder(functions, new StepFunctionsSdkIntegration(sfn), made[0], clock, ids)
          .build();
      return request -> observed(request, slowOrNow(request, tasks));
    });
    this.runtime = embedded.runtime().commands();
    AwsServices services = made[0];
    for (JsonNode resource : c.resources()) {
      String real = resource.path("placeholder").asText();
      switch (resource.path("kind").asText()) {
        case "sqs_queue_url" -> services.call("sqs", "CreateQueue",
            Json.object().put("QueueName", real.substring(real.lastIndexOf('/') + 1)));
        case "sns_topic_arn" -> services.call("sns", "CreateTopic",
            Json.object().put("Name", real.substring(real.lastIndexOf(':') + 1)));
        case "dynamodb_table" -> createTable(services, real, resource.path("partition_key").asText("id"));
        case "activity_arn" -> runtime.activities().createActivity(real);
        default -> { }
      }
    }
  }

  /** A fresh table (one left by an earlier case on a shared service is deleted first). */
  private static void createTable(AwsServices services, String name, String partitionKey) {
    try {
      services.call("dynamodb", "DeleteTable", Json.object().put("TableName", name));
    } catch (ServiceException absent) {
      // there was none
    }
    ObjectNode request = Json.object().put("TableName", name).put("BillingMode", "PAY_PER_REQUEST");
    request.putArray("KeySchema").addObject().put("AttributeName", partitionKey).put("KeyType", "HASH");
    request.putArray("AttributeDefinitions").addObject().put("AttributeName", partitionKey).put("AttributeType", "S");
    services.call("dynamodb", "CreateTable", request);
  }

  /** The store the case ran on (its executions' logs, for checks of what the runtime wrote). */
  dev.nestflow.infrastructure.store.ExecutionStore store() {
    return embedded.store();
  }

  ExecutionResult run() {
    long now = embedded.clock().millis();
    register(c.stateMachineArn(), names(c.definition()), c.type(), now);
    c.children().forEach((arn, definition) -> register(arn, names(definition), "STANDARD", now));
    for (JsonNode actor : actors) {
      if ("delete_activity".equals(kind(actor))) {
        Activities activities = runtime.activities();
        activities.createActivity(actor.path("activity").asText());
        activities.deleteActivity(actor.path("activity").asText());
      }
    }
    executionArn = runtime.startExecution(c.stateMachineArn(), c.executionName(), names(Json.write(c.input()))).executionArn();
    drive(embedded.clock().instant().plus(RECORDING_HORIZON));
    ExecutionResult r = runtime.describe(executionArn).orElseThrow();
    List<com.fasterxml.jackson.databind.node.ObjectNode> history = new ArrayList<>();
    r.history().forEach(e -> history.add((com.fasterxml.jackson.databind.node.ObjectNode) unmapped.toPlaceholders(e)));
    return new ExecutionResult(r.status(), unmapped.toPlaceholders(r.output()), unmapped.toPlaceholders(r.error()),
        unmapped.toPlaceholders(r.cause()), history);
  }

  /** Cases that use services get valid names for the placeholders no resource stands for. */
  private String names(String text) {
    return c.requires().isEmpty() ? text : unmapped.toNames(text);
  }

  private void register(String arn, String definition, String type, long now) {
    String name = arn.substring(arn.lastIndexOf(':') + 1);
    embedded.store().putStateMachine(new StateMachineRecord(arn, name, type, definition, c.roleArn(), now));
  }

  /** Applies messages, lets the actors act and moves the clock, until nothing is left to do before {@code horizon}. */
  private void drive(Instant horizon) {
    for (int round = 0; round < MAX_ROUNDS; round++) {
      Instant now = embedded.clock().instant();
      embedded.runUntilIdle(now);
      if (react()) {
        continue;
      }
      if (!actions.isEmpty() && !actions.peek().at().isAfter(now)) {
        actions.poll().run().run();
        continue;
      }
      Optional<Instant> nextMessage = embedded.transitions().nextVisibleAt();
      Instant next = actions.isEmpty() ? null : actions.peek().at();
      if (nextMessage.isPresent() && (next == null || nextMessage.get().isBefore(next))) {
        next = nextMessage.get();
      }
      if (next == null || next.isAfter(horizon)) {
        return;
      }
      embedded.clock().advanceTo(next);
    }
    throw new IllegalStateException("the run did not settle within " + MAX_ROUNDS + " rounds");
  }

  /** The actors' reaction to what happened: true when one acted (new messages may be waiting). */
  private boolean react() {
    boolean acted = false;
    List<Delivery> arrived = List.copyOf(deliveries);
    deliveries.clear();
    for (Delivery delivery : arrived) {
      for (JsonNode actor : actors) {
        if ("answer_message".equals(kind(actor)) && matches(actor, delivery)) {
          acted |= answer(actor, delivery.text());
        }
      }
    }
    for (JsonNode actor : actors) {
      switch (kind(actor)) {
        case "answer_activity_task" -> {
          String worker = actor.path("worker_name").isTextual() ? actor.path("worker_name").asText() : null;
          Optional<Activities.ActivityTask> task;
          try {
            task = runtime.activities().getActivityTask(actor.path("activity").asText(), worker);
          } catch (ApiException e) {
            task = Optional.empty();
          }
          if (task.isPresent()) {
            String token = task.get().taskToken();
            schedule(actor, token, task.get().input());
            acted = true;
          }
        }
        case "send_task_success_from_child_input", "send_task_failure_from_child_input" -> {
          if (!childAnswersDone.contains(actor)) {
            acted |= answerFromChildInput(actor);
          }
        }
        case "stop_execution" -> {
          if (!stopsDone.contains(actor) && entered(actor.path("after_state_entered").asText())) {
            stopsDone.add(actor);
            runtime.stopExecution(executionArn, textOrNull(actor.get("error")), textOrNull(actor.get("cause")));
            acted = true;
          }
        }
        default -> { }
      }
    }
    return acted;
  }

  /**
   * {@code send_task_*_from_child_input}: once the child state machine {@code child} has an
   * execution named {@code execution_name}, its input is the document; the token is at {@code
   * token_field}. Answers once (false while there is no such execution yet, or it carries no token).
   */
  private boolean answerFromChildInput(JsonNode actor) {
    String child = actor.path("child").asText();
    String name = actor.path("execution_name").asText();
    for (String arn : c.children().keySet()) {
      if (!arn.substring(arn.lastIndexOf(':') + 1).equals(child)) {
        continue;
      }
      for (ExecutionRecord execution : embedded.store().executions(arn)) {
        if (!execution.name().equals(name)) {
          continue;
        }
        JsonNode token = at(Json.parse(execution.inputText()), actor.path("token_field").asText());
        if (token == null || !token.isTextual()) {
          return false;
        }
        childAnswersDone.add(actor);
        schedule(actor, token.asText(), execution.inputText());
        return true;
      }
    }
    return false;
  }

  private boolean entered(String stateName) {
    return runtime.describe(executionArn).map(r -> r.history().stream().anyMatch(e ->
        e.path("type").asText().endsWith("StateEntered")
            && stateName.equals(e.path("stateEnteredEventDetails").path("name").asText()))).orElse(false);
  }

  private boolean matches(JsonNode actor, Delivery d) {
    String destination = "sns".equals(actor.path("service").asText()) ? actor.path("topic").asText() : actor.path("queue").asText();
    String machine = actor.path("child").isTextual()
        ? actor.path("child").asText()
        : c.stateMachineArn().substring(c.stateMachineArn().lastIndexOf(':') + 1);
    return actor.path("service").asText().equals(d.service()) && destination.equals(d.destination())
        && actor.path("state").asText().equals(d.stateName()) && machine.equals(d.stateMachineName());
  }

  /** Reads the token from a message and schedules the answer; false when the message carries none. */
  private boolean answer(JsonNode actor, String text) {
    JsonNode document;
    try {
      document = Json.parse(text);
    } catch (Json.JsonSyntaxException e) {
      return false;
    }
    JsonNode token = at(document, actor.path("token_field").asText());
    if (token == null || !token.isTextual()) {
      return false;
    }
    schedule(actor, token.asText(), text);
    return true;
  }

  /** Schedules the actor's {@code before} steps and final call for one task token. */
  private void schedule(JsonNode actor, String token, String documentText) {
    JsonNode document = Json.parse(documentText);
    Instant at = embedded.clock().instant();
    for (JsonNode step : actor.path("before")) {
      if (step.has("wait_ms")) {
        at = at.plusMillis(step.get("wait_ms").asLong());
      } else if (step.has("heartbeats")) {
        for (int i = 0; i < step.get("heartbeats").asInt(); i++) {
          later(at, () -> runtime.sendTaskHeartbeat(token));
        }
      }
    }
    switch (actor.path("action").asText()) {
      case "success" -> {
        String output = actor.has("output_field")
            ? ("$".equals(actor.get("output_field").asText()) ? documentText : Json.write(at(document, actor.get("output_field").asText())))
            : Json.write(actor.get("output"));
        later(at, () -> runtime.sendTaskSuccess(token, output));
      }
      case "failure" -> {
        String cause = actor.has("cause_field")
            ? causeText(at(document, actor.get("cause_field").asText()), "$".equals(actor.get("cause_field").asText()), documentText)
            : textOrNull(actor.get("cause"));
        String error = textOrNull(actor.get("error"));
        later(at, () -> runtime.sendTaskFailure(token, error, cause));
      }
      default -> { } // "none": the worker holds the task until it times out
    }
  }

  private static String causeText(JsonNode value, boolean whole, String documentText) {
    if (whole) {
      return documentText;
    }
    return value == null ? null : Json.text(value);
  }

  /** Runs an actor's call at {@code at}; a call the API refuses (the task timed out meanwhile) is dropped. */
  private void later(Instant at, Runnable call) {
    actions.add(new Action(at, actionSeq++, () -> {
      try {
        call.run();
      } catch (ApiException refused) {
        // the worker's call failed, as it would against AWS; the execution goes on without it
      }
    }));
  }

  /** A member path ("Body.Message") into a document; "$" is the document itself. */
  private static JsonNode at(JsonNode document, String path) {
    if ("$".equals(path)) {
      return document;
    }
    JsonNode node = document;
    for (String member : path.split("\\.")) {
      node = node == null ? null : node.get(member);
    }
    return node;
  }

  private static String kind(JsonNode actor) {
    return actor.path("kind").asText();
  }

  private static String textOrNull(JsonNode value) {
    return value == null || value.isNull() ? null : Json.text(value);
  }

  // ------------------------------------------------------------------ the task invoker around the services

  /** Runs the task now, or, for a function that runs longer than a step, answers it after its run time. */
  private TaskOutcome slowOrNow(TaskRequest request, TaskInvoker tasks) {
    String kind = functionKind(request);
    Duration runTime = kind == null ? null : SLOW_FUNCTIONS.get(kind);
    TaskOutcome outcome = tasks.invoke(request);
    if (runTime == null || !(outcome instanceof TaskOutcome.Succeeded || outcome instanceof TaskOutcome.Failed)) {
      return outcome;
    }
    actions.add(new Action(embedded.clock().instant().plus(runTime), actionSeq++,
        () -> runtime.completeTask(request.executionArn(), request.taskKey(), outcome)));
    return new TaskOutcome.Pending();
  }

  private String functionKind(TaskRequest request) {
    TaskResource resource = TaskResource.parse(request.resource());
    String name = null;
    if (resource.kind() == TaskResource.Kind.LAMBDA_FUNCTION) {
      name = LambdaFunctionName.parse(request.resource()).name();
    } else if (LambdaIntegration.serves(request.resource()) && request.input() != null
        && request.input().path("FunctionName").isTextual()) {
      name = LambdaFunctionName.parse(request.input().path("FunctionName").asText()).name();
    }
    return name == null ? null : c.lambdaKind(name);
  }

  /** Notes every message an SQS or SNS task sent, for the answering actors. */
  private TaskOutcome observed(TaskRequest request, TaskOutcome outcome) {
    if (outcome instanceof TaskOutcome.Failed || request.input() == null) {
      return outcome;
    }
    String sender = request.executionArn().split(":")[6];
    if (SqsIntegration.serves(request.resource())) {
      deliveries.add(new Delivery("sqs", request.input().path("QueueUrl").asText(), sender, request.stateName(),
          messageText(request.input().get("MessageBody"))));
    } else if (SnsIntegration.serves(request.resource())) {
      deliveries.add(new Delivery("sns", request.input().path("TopicArn").asText(), sender, request.stateName(),
          messageText(request.input().get("Message"))));
    }
    return outcome;
  }

  private static String messageText(JsonNode value) {
    return value == null ? "" : Json.text(value);
  }
}
