package dev.nestflow.core.validation;

/**
 * Decides whether the text of a {@code .$} field (or of ErrorPath/CausePath) is a syntactically
 * valid intrinsic function call such as {@code States.Format('{}', $.a)}.
 *
 * <p>The swap point for the full parser: {@link DefinitionValidator#INTRINSICS} holds the
 * implementation in use ({@link MinimalIntrinsicSyntax} until {@code IntrinsicParser} is merged).
 */
interface IntrinsicSyntax {
  boolean isValidCall(String text);
}
