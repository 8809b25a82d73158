package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.states.Catcher;
import dev.nestflow.core.states.MapState;
import dev.nestflow.core.states.StateCommon;
import java.util.Map;

/**
 * JSONata input and output processing: Arguments (default: the input) give the work its input;
 * Assign and Output (default: the result, or the input) see {@code $states.input} and, where the
 * field may use them, {@code $states.result} or {@code $states.errorOutput}.
 */
final class JsonataIo implements InputOutput {
  static final JsonataIo INSTANCE = new JsonataIo();

  private JsonataIo() {}

  @Override
  public void selectInput(Evaluation ev) {
    ev.f.effectiveInput = ev.f.stateInput;
  }

  @Override
  public JsonNode arguments(Evaluation ev) {
    JsonNode template = ev.s.common().arguments();
    JsonNode arguments = template == null ? ev.f.stateInput : ev.jsonata().evaluate(template, "Arguments");
    ev.ex.inspector().stage(ev.s.name(), Inspector.AFTER_ARGUMENTS, arguments);
    return arguments;
  }

  @Override
  public void exitWithResult(Evaluation ev, JsonNode result) {
    StateCommon c = ev.s.common();
    ev.ex.inspector().stage(ev.s.name(), Inspector.RESULT, result);
    JsonataScope js = ev.jsonata().withResult(result);
    Map<String, JsonNode> assigned = Variables.evaluateJsonata(c.assign(), js);
    JsonNode out = c.output() == null ? result : js.evaluate(c.output(), "Output");
    ev.ex.exitState(ev.f, ev.s, out, ev.ex.nextOf(ev.s), assigned);
  }

  @Override
  public void exitWithInput(Evaluation ev, String next, JsonNode assign, JsonNode output) {
    JsonataScope js = ev.jsonata();
    Map<String, JsonNode> assigned = Variables.evaluateJsonata(assign, js);
    JsonNode out = output == null ? ev.f.stateInput : js.evaluate(output, "Output");
    ev.ex.exitState(ev.f, ev.s, out, next, assigned);
  }

  @Override
  public void exitPass(Evaluation ev, JsonNode result) {
    exitWithInput(ev, ev.ex.nextOf(ev.s), ev.s.common().assign(), ev.s.common().output());
  }

  @Override
  public Caught caught(Evaluation ev, Catcher c, ObjectNode errorOutput) {
    JsonataScope scope = ev.jsonata().withErrorOutput(errorOutput);
    Map<String, JsonNode> assigned = Variables.evaluateJsonata(c.assign(), scope);
    return new Caught(c.output() == null ? errorOutput : scope.evaluate(c.output(), "Output"), assigned);
  }

  @Override
  public JsonNode itemInput(Evaluation ev, MapState s, int index, JsonNode item) {
    if (s.itemSelector() == null) {
      return item;
    }
    ObjectNode ctx = ContextObject.withMapItem((ObjectNode) ev.context(), index, item);
    return ev.jsonata().withContext(ctx).evaluate(s.itemSelector(), "ItemSelector");
  }
}
