package dev.nestflow.functions;

import java.util.function.Supplier;

/** A value built by the first {@link #get()} (once, also when called from several threads) and kept. */
final class Once<T> implements Supplier<T> {
  private final Supplier<? extends T> build;
  private volatile T value;

  private Once(Supplier<? extends T> build) {
    this.build = build;
  }

  static <T> Once<T> of(Supplier<? extends T> build) {
    return new Once<>(build);
  }

  @Override
  public T get() {
    T v = value;
    if (v == null) {
      synchronized (this) {
        v = value;
        if (v == null) {
          v = build.get();
          value = v;
        }
      }
    }
    return v;
  }
}
