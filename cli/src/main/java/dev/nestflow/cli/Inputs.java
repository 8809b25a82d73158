package dev.nestflow.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads command-line values given inline or as {@code @FILE}. */
final class Inputs {
  private Inputs() {}

  static String textOrFile(String value) {
    if (value != null && value.startsWith("@")) {
      return readFile(Path.of(value.substring(1)));
    }
    return value;
  }

  static String readFile(Path path) {
    try {
      return Files.readString(path);
    } catch (NoSuchFileException e) {
      throw new LocalRunner.Rejected("FileNotFound", "No such file: " + path);
    } catch (IOException e) {
      throw new LocalRunner.Rejected("FileNotReadable", "Cannot read " + path + ": " + e.getMessage());
    }
  }
}
