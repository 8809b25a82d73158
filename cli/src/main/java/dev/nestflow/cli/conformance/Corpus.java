package dev.nestflow.cli.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Finds and loads cases: a path is a case file, or a directory searched for {@code *.json} cases. */
public final class Corpus {
  private Corpus() {}

  /** Cases under the given paths, sorted by id, each id once; {@code index.json} is not a case. */
  public static List<ConformanceCase> load(List<Path> paths) {
    Map<String, ConformanceCase> byId = new TreeMap<>();
    for (Path path : paths) {
      for (Path file : caseFiles(path)) {
        ConformanceCase c = ConformanceCase.load(file);
        byId.putIfAbsent(c.id(), c);
      }
    }
    return new ArrayList<>(byId.values());
  }

  static List<Path> caseFiles(Path path) {
    if (!Files.exists(path)) {
      throw new IllegalArgumentException("no such file or directory: " + path);
    }
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    Path root = Files.isDirectory(path.resolve("cases")) ? path.resolve("cases") : path;
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> f.getFileName().toString().endsWith(".json"))
          .filter(f -> !f.getFileName().toString().equals("index.json"))
          .sorted(Comparator.naturalOrder())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + path, e);
    }
  }
}
