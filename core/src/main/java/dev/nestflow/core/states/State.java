package dev.nestflow.core.states;

/** One state of a state machine; each type of the ASL specification is a record of its own. */
public sealed interface State
    permits PassState, TaskState, ChoiceState, WaitState, SucceedState, FailState, ParallelState, MapState {

  /** Fields shared by every state type (absent fields are null). */
  StateCommon common();

  default String name() {
    return common().name();
  }

  /** The ASL type name ("Pass", "Task", ...), also the prefix of its history event types. */
  String typeName();
}
