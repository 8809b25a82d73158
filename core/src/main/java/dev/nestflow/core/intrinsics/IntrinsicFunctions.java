package dev.nestflow.core.intrinsics;

import dev.nestflow.core.intrinsics.functions.Array;
import dev.nestflow.core.intrinsics.functions.ArrayContains;
import dev.nestflow.core.intrinsics.functions.ArrayGetItem;
import dev.nestflow.core.intrinsics.functions.ArrayLength;
import dev.nestflow.core.intrinsics.functions.ArrayPartition;
import dev.nestflow.core.intrinsics.functions.ArrayRange;
import dev.nestflow.core.intrinsics.functions.ArrayUnique;
import dev.nestflow.core.intrinsics.functions.Base64Decode;
import dev.nestflow.core.intrinsics.functions.Base64Encode;
import dev.nestflow.core.intrinsics.functions.Format;
import dev.nestflow.core.intrinsics.functions.Hash;
import dev.nestflow.core.intrinsics.functions.JsonMerge;
import dev.nestflow.core.intrinsics.functions.JsonToString;
import dev.nestflow.core.intrinsics.functions.MathAdd;
import dev.nestflow.core.intrinsics.functions.MathRandom;
import dev.nestflow.core.intrinsics.functions.StringSplit;
import dev.nestflow.core.intrinsics.functions.StringToJson;
import dev.nestflow.core.intrinsics.functions.Uuid;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The 18 functions of the Amazon States Language, by name. */
public final class IntrinsicFunctions {
  private IntrinsicFunctions() {}

  private static final Map<String, IntrinsicFunction> BY_NAME = index(
      List.of(
          new Format(),
          new StringToJson(),
          new JsonToString(),
          new Array(),
          new ArrayPartition(),
          new ArrayContains(),
          new ArrayRange(),
          new ArrayGetItem(),
          new ArrayLength(),
          new ArrayUnique(),
          new Base64Encode(),
          new Base64Decode(),
          new Hash(),
          new JsonMerge(),
          new MathRandom(),
          new MathAdd(),
          new StringSplit(),
          new Uuid()));

  /** The function called {@code name} (e.g. {@code States.Format}), if there is one. */
  public static Optional<IntrinsicFunction> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** All function names. */
  public static List<String> names() {
    return List.copyOf(BY_NAME.keySet());
  }

  private static Map<String, IntrinsicFunction> index(List<IntrinsicFunction> functions) {
    Map<String, IntrinsicFunction> byName = new LinkedHashMap<>();
    for (IntrinsicFunction function : functions) {
      byName.put(function.name(), function);
    }
    return Collections.unmodifiableMap(byName);
  }
}
