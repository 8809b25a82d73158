package dev.nestflow.core.validation;

import dev.nestflow.core.intrinsics.IntrinsicParser;
import dev.nestflow.core.intrinsics.IntrinsicSyntaxException;

/**
 * Decides whether the text of a {@code .$} field (or of ErrorPath/CausePath) is a valid intrinsic
 * function call such as {@code States.Format('{}', $.a)}, using the interpreter's own parser so
 * validation and evaluation never disagree.
 */
final class IntrinsicSyntax {
  boolean isValidCall(String text) {
    try {
      IntrinsicParser.parse(text);
      return true;
    } catch (IntrinsicSyntaxException e) {
      return false;
    }
  }
}
