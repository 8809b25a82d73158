package dev.nestflow.bench.rig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The rig's command line. {@code --w} applies to every chosen scenario; without it map-wait runs at
 * W = 1, 2 and 4 and the others at W = 4 (the runs).
 */
record RigOptions(List<String> scenarios, List<Integer> w, int threads, Integer size, int waitSeconds, Duration timeout,
    String jvm, Path out, Path root, boolean fifo) {

  static RigOptions parse(String... args) {
    List<String> scenarios = Scenario.names();
    List<Integer> w = null;
    int threads = 1;
    Integer size = null;
    int waitSeconds = 10;
    Duration timeout = Duration.ofMinutes(30);
    String jvm = Workers.DEFAULT_JVM;
    Path out = null;
    Path root = null;
    boolean fifo = true; // as deployed (template.yaml); --queue standard for the optimistic comparison
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-h") || a.equals("--help")) {
        throw new IllegalArgumentException(usage());
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(a + " needs a value\n" + usage());
      }
      String v = args[++i];
      switch (a) {
        case "--scenarios" -> {
          scenarios = List.of(v.split(","));
          scenarios.forEach(n -> Scenario.named(n, null, 10));
        }
        case "--w" -> w = Arrays.stream(v.split(",")).map(Integer::valueOf).toList();
        case "--t" -> threads = Integer.parseInt(v);
        case "--size" -> size = Integer.valueOf(v);
        case "--wait-seconds" -> waitSeconds = Integer.parseInt(v);
        case "--timeout-minutes" -> timeout = Duration.ofMinutes(Long.parseLong(v));
        case "--jvm" -> jvm = v;
        case "--out" -> out = Path.of(v);
        case "--root" -> root = Path.of(v);
        case "--queue" -> {
          if (!v.equals("standard") && !v.equals("fifo")) {
            throw new IllegalArgumentException("--queue is standard or fifo, not " + v);
          }
          fifo = v.equals("fifo");
        }
        default -> throw new IllegalArgumentException("unknown option " + a + "\n" + usage());
      }
    }
    if (threads < 1 || (w != null && w.stream().anyMatch(n -> n < 1))) {
      throw new IllegalArgumentException("--w and --t need at least 1");
    }
    return new RigOptions(scenarios, w, threads, size, waitSeconds, timeout, jvm, out, root, fifo);
  }

  List<Integer> workersFor(String scenario) {
    return w != null ? w : scenario.equals("map-wait") ? List.of(1, 2, 4) : List.of(4);
  }

  static String usage() {
    return "usage: rig [--scenarios " + String.join(",", Scenario.names()) + "] [--w 1,2,4] [--t 1] [--size N]"
        + " [--wait-seconds 10] [--timeout-minutes 30] [--jvm \"JVM OPTIONS\"] [--out DIR] [--root REPO]"
        + " [--queue fifo|standard (default fifo, as deployed: a FIFO transitions queue grouped by execution, with a timers queue)]";
  }
}
