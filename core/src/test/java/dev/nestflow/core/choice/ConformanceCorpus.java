package dev.nestflow.core.choice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Locates and reads the AWS-recorded conformance corpus (system property nestflow.conformance.dir). */
final class ConformanceCorpus {
  private ConformanceCorpus() {}

  /** The corpus directory, or null when it is not available. */
  static Path dir() {
    String configured = System.getProperty("nestflow.conformance.dir");
    List<Path> candidates = new ArrayList<>();
    if (configured != null && !configured.isBlank()) {
      candidates.add(Paths.get(configured));
    }
    candidates.add(Paths.get("../shared/conformance"));
    candidates.add(Paths.get("../../shared/conformance"));
    return candidates.stream().filter(p -> Files.isDirectory(p.resolve("cases"))).findFirst().orElse(null);
  }

  /** Every case file under {@code cases/}, sorted. */
  static List<Path> caseFiles(Path dir) {
    try (Stream<Path> walk = Files.walk(dir.resolve("cases"))) {
      return walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode read(Path file) {
    try {
      return Json.parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String area(Path file) {
    return file.getParent().getFileName().toString();
  }
}
