package dev.nestflow.cli;

import java.io.File;

/** Tests that run an installed program (the AWS CLI) look it up here and skip where it is missing. */
public final class Executables {
  private Executables() {}

  /** Whether an executable file {@code name} is in a directory of the PATH. */
  public static boolean onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      File f = new File(dir, name);
      if (f.isFile() && f.canExecute()) {
        return true;
      }
    }
    return false;
  }
}
