package dev.nestflow.cli.conformance;

import java.nio.file.Files;
import java.nio.file.Path;

/** The corpus folder given by the system property {@code nestflow.conformance.dir} (set by Surefire). */
final class CorpusDir {
  private CorpusDir() {}

  static Path get() {
    String dir = System.getProperty("nestflow.conformance.dir");
    if (dir == null || dir.isBlank()) {
      throw new IllegalStateException(
          "system property nestflow.conformance.dir is not set (Surefire sets it from the parent pom)");
    }
    Path path = Path.of(dir).toAbsolutePath().normalize();
    if (!Files.isDirectory(path.resolve("cases"))) {
      throw new IllegalStateException(
          "conformance corpus not found: " + path + " has no cases/ folder (nestflow.conformance.dir=" + dir + ")");
    }
    return path;
  }
}
