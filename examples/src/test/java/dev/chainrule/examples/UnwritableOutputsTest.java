package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Folders no one may write in, root included (CI runs as root, for whom Files.isWritable is
 * true): refused before training, naming the option and its path, never a temporary file.
 */
class UnwritableOutputsTest {
  @TempDir
  Path dir;

  private static void assertRefusedUpFront(Cli.Result r, String start) {
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().startsWith("error: " + start), r.err());
    assertFalse(r.err().contains(".tmp"), "no temporary file's name: " + r.err());
    assertFalse(r.err().contains("rescued"), "nothing trained to rescue: " + r.err());
    assertEquals("", r.out(), "no training ran");
  }

  @Test
  void outInASystemFolderIsRefusedBeforeTraining() {
    // sysfs refuses new files whatever the permission bits say.
    assumeTrue(Files.isDirectory(Path.of("/sys/kernel")), "a Linux sysfs");
    Cli.Result r = Cli.run("xor", "--epochs", "5", "--out", "/sys/kernel");
    assertRefusedUpFront(r, "--out /sys/kernel: cannot write in the folder /sys/kernel (");
  }

  @Test
  void saveInProcIsRefusedBeforeTraining() {
    // procfs refuses new files (ENOENT) whatever the permission bits say.
    assumeTrue(Files.isDirectory(Path.of("/proc/self")), "a Linux procfs");
    Cli.Result r = Cli.run("xor", "--epochs", "5", "--save", "/proc/x.st", "--out",
        dir.resolve("o").toString());
    assertRefusedUpFront(r, "--save /proc/x.st: cannot write in the folder /proc (");
  }

  @Test
  void aWritableFolderKeepsNoProbeBehind() throws IOException {
    Cli.Result r = Cli.run("xor", "--epochs", "1", "--save", dir.resolve("x.st").toString(),
        "--out", dir.resolve("o").toString(), "--json");
    assertEquals(0, r.exitCode(), r.err());
    try (var files = Files.list(dir)) {
      assertEquals(java.util.List.of("o", "x.st"), files.map(p -> p.getFileName().toString())
          .sorted().toList());
    }
  }
}
