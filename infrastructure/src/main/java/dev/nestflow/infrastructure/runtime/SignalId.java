package dev.nestflow.infrastructure.runtime;

import dev.nestflow.infrastructure.store.SignalEntry;
import java.util.Optional;

/**
 * The id of a signal, in an execution's log and on the transition message that carries it: a
 * redelivered message is recognised by finding its id in the log, and an answer's id says where it
 * came from. This type is the only place that writes or reads the text, which is stored for good:
 * logs written by earlier versions must keep matching, so the text of a kind never changes (see
 * RecordedSignalLogsTest). A new kind of signal gets a new {@link Kind} with a prefix of its own.
 *
 * @param key the task or timer key, or null for a start or stop
 * @param step the log position of the step that caused the signal (timers and answers known during
 *     that step), else 0: the interpreter may use a key again (a Parallel or Map retried as a whole),
 *     and a new attempt's signal must not pass for a redelivery of the old one
 * @param nonce a random part for answers that come from outside, where any number may arrive, else null
 */
public record SignalId(Kind kind, String key, long step, String nonce) {

  /** The kinds of signal and how each is written (by {@link #text}). */
  public enum Kind {
    /** {@code start}: entry 1 of every log, written with the execution. */
    START,
    /** {@code stop}: StopExecution; the first one is the only one the log takes. */
    STOP,
    /** {@code timer:<key>@<step>}: a timer the step scheduled fired. */
    TIMER,
    /** {@code task:<key>@<step>}: a task's answer, known while the step performed the task. */
    TASK_ANSWER,
    /** {@code task:<key>:<nonce>}: a task's answer its invoker gave after the step (a long task). */
    LATE_TASK_ANSWER,
    /** {@code submitted:task:<key>@<step>}: the task was accepted (TaskSubmitted) while the step ran. */
    SUBMITTED,
    /** {@code submitted:task:<key>:<nonce>}: the task was accepted after the step. */
    LATE_SUBMITTED,
    /** {@code token:<key>:<nonce>}: SendTaskSuccess or SendTaskFailure on the task's token. */
    TOKEN_ANSWER,
    /** {@code heartbeat:<key>:<nonce>}: SendTaskHeartbeat. */
    HEARTBEAT,
    /** {@code child:<key>}: the nested execution the task started ended (one answer per task). */
    CHILD_ANSWER,
    /** {@code activity-started:<key>}: a worker took the activity task (GetActivityTask). */
    ACTIVITY_STARTED,
    /** {@code redrive:<n>}: the execution's n-th RedriveExecution (n from 1); a second redrive with the same n is refused. */
    REDRIVE
  }

  private static final String STOP_TEXT = "stop";

  public static SignalId start() {
    return new SignalId(Kind.START, null, 0, null);
  }

  public static SignalId stop() {
    return new SignalId(Kind.STOP, null, 0, null);
  }

  public static SignalId timer(String key, long step) {
    return new SignalId(Kind.TIMER, key, step, null);
  }

  public static SignalId taskAnswer(String key, long step) {
    return new SignalId(Kind.TASK_ANSWER, key, step, null);
  }

  public static SignalId lateTaskAnswer(String key) {
    return new SignalId(Kind.LATE_TASK_ANSWER, key, 0, Ids.uuid());
  }

  public static SignalId tokenAnswer(String key) {
    return new SignalId(Kind.TOKEN_ANSWER, key, 0, Ids.uuid());
  }

  public static SignalId heartbeat(String key) {
    return new SignalId(Kind.HEARTBEAT, key, 0, Ids.uuid());
  }

  public static SignalId childAnswer(String key) {
    return new SignalId(Kind.CHILD_ANSWER, key, 0, null);
  }

  public static SignalId activityStarted(String key) {
    return new SignalId(Kind.ACTIVITY_STARTED, key, 0, null);
  }

  /** The id of the {@code count}-th redrive of an execution (1 for the first). */
  public static SignalId redrive(int count) {
    return new SignalId(Kind.REDRIVE, null, count, null);
  }

  /** The id of the TaskSubmitted that stands where this task answer's outcome was only an acceptance. */
  public SignalId submitted() {
    return switch (kind) {
      case TASK_ANSWER -> new SignalId(Kind.SUBMITTED, key, step, null);
      case LATE_TASK_ANSWER -> new SignalId(Kind.LATE_SUBMITTED, key, 0, nonce);
      default -> throw new IllegalStateException("only a task's answer has a submission: " + this);
    };
  }

  /** Whether this is the answer to a token or a child's end, which can overtake its task's TaskSubmitted. */
  public boolean answersFromOutside() {
    return kind == Kind.TOKEN_ANSWER || kind == Kind.CHILD_ANSWER;
  }

  /**
   * Whether the id {@code text} records that task {@code taskKey} was accepted while a step ran (a
   * {@link Kind#SUBMITTED} of that key), read without building anything: the step asks this of every
   * id in a log.
   */
  public static boolean isSubmissionOf(String text, String taskKey) {
    String prefix = "submitted:task:";
    int at = prefix.length() + taskKey.length();
    return text.length() > at + 1 && text.startsWith(prefix) && text.startsWith(taskKey, prefix.length())
        && text.charAt(at) == '@' && digits(text, at + 1);
  }

  private static boolean digits(String text, int from) {
    if (text.charAt(from) == '0' && from + 1 < text.length()) {
      return false;
    }
    for (int i = from; i < text.length(); i++) {
      if (!Character.isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The id as stored and sent. */
  public String text() {
    return switch (kind) {
      case START -> SignalEntry.START_ID;
      case STOP -> STOP_TEXT;
      case TIMER -> "timer:" + key + "@" + step;
      case TASK_ANSWER -> "task:" + key + "@" + step;
      case LATE_TASK_ANSWER -> "task:" + key + ":" + nonce;
      case SUBMITTED -> "submitted:task:" + key + "@" + step;
      case LATE_SUBMITTED -> "submitted:task:" + key + ":" + nonce;
      case TOKEN_ANSWER -> "token:" + key + ":" + nonce;
      case HEARTBEAT -> "heartbeat:" + key + ":" + nonce;
      case CHILD_ANSWER -> "child:" + key;
      case ACTIVITY_STARTED -> "activity-started:" + key;
      case REDRIVE -> "redrive:" + step;
    };
  }

  @Override
  public String toString() {
    return text();
  }

  /** The id this text writes, or empty when it is none that {@link #text} writes. */
  public static Optional<SignalId> parse(String text) {
    if (text.equals(SignalEntry.START_ID)) {
      return Optional.of(start());
    }
    if (text.equals(STOP_TEXT)) {
      return Optional.of(stop());
    }
    if (text.startsWith("timer:")) {
      return atStep(Kind.TIMER, text.substring("timer:".length()));
    }
    if (text.startsWith("submitted:task:")) {
      String rest = text.substring("submitted:task:".length());
      return atStep(Kind.SUBMITTED, rest).or(() -> withNonce(Kind.LATE_SUBMITTED, rest));
    }
    if (text.startsWith("task:")) {
      String rest = text.substring("task:".length());
      return atStep(Kind.TASK_ANSWER, rest).or(() -> withNonce(Kind.LATE_TASK_ANSWER, rest));
    }
    if (text.startsWith("token:")) {
      return withNonce(Kind.TOKEN_ANSWER, text.substring("token:".length()));
    }
    if (text.startsWith("heartbeat:")) {
      return withNonce(Kind.HEARTBEAT, text.substring("heartbeat:".length()));
    }
    if (text.startsWith("child:")) {
      return keyed(Kind.CHILD_ANSWER, text.substring("child:".length()));
    }
    if (text.startsWith("redrive:") && text.length() > "redrive:".length() && digits(text, "redrive:".length())) {
      return Optional.of(redrive(Integer.parseInt(text.substring("redrive:".length()))));
    }
    if (text.startsWith("activity-started:")) {
      return keyed(Kind.ACTIVITY_STARTED, text.substring("activity-started:".length()));
    }
    return Optional.empty();
  }

  /** {@code <key>@<step>}, the step a number of digits only. */
  private static Optional<SignalId> atStep(Kind kind, String rest) {
    int at = rest.lastIndexOf('@');
    if (at <= 0 || at == rest.length() - 1) {
      return Optional.empty(); // no key or no step
    }
    if (!digits(rest, at + 1)) {
      return Optional.empty();
    }
    return Optional.of(new SignalId(kind, rest.substring(0, at), Long.parseLong(rest.substring(at + 1)), null));
  }

  /** {@code <key>:<nonce>}. */
  private static Optional<SignalId> withNonce(Kind kind, String rest) {
    int colon = rest.lastIndexOf(':');
    if (colon <= 0 || colon == rest.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(new SignalId(kind, rest.substring(0, colon), 0, rest.substring(colon + 1)));
  }

  private static Optional<SignalId> keyed(Kind kind, String key) {
    return key.isEmpty() ? Optional.empty() : Optional.of(new SignalId(kind, key, 0, null));
  }
}
