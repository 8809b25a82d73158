package dev.nestflow.core.paths;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Resolves a path as it appears in a {@code .$} field, a Choice {@code Variable} or an intrinsic
 * function argument: {@code $...} reads the state input, {@code $$...} the context object and
 * {@code $name...} a variable.
 *
 * <p>Implementations throw {@link dev.nestflow.core.errors.StatesException} (normally
 * {@code States.Runtime}) when the path cannot be applied, with AWS's cause text.
 */
@FunctionalInterface
public interface PathResolver {
  JsonNode resolve(String path);
}
