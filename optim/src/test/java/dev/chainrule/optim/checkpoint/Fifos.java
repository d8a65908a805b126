package dev.chainrule.optim.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Named pipes for tests of special files; a test aborts where the system cannot make one. */
final class Fifos {
  private Fifos() {}

  /** A FIFO at {@code path}, made by {@code mkfifo}. */
  static Path make(Path path) throws InterruptedException {
    Process mkfifo;
    try {
      mkfifo = new ProcessBuilder("mkfifo", path.toString()).start();
    } catch (IOException noMkfifo) {
      Assumptions.abort("no mkfifo here: " + noMkfifo.getMessage());
      throw new AssertionError("not reached");
    }
    Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");
    return path;
  }
}
