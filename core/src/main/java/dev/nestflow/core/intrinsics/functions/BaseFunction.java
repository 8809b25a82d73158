package dev.nestflow.core.intrinsics.functions;

import dev.nestflow.core.intrinsics.IntrinsicFunction;

/** Name and argument count of a function; subclasses implement {@code apply}. */
abstract class BaseFunction implements IntrinsicFunction {
  static final int UNLIMITED = Integer.MAX_VALUE;

  private final String name;
  private final int minArguments;
  private final int maxArguments;

  BaseFunction(String name, int minArguments, int maxArguments) {
    this.name = name;
    this.minArguments = minArguments;
    this.maxArguments = maxArguments;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final int minArguments() {
    return minArguments;
  }

  @Override
  public final int maxArguments() {
    return maxArguments;
  }
}
