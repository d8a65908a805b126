package dev.chainrule.optim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kind of each path refusal the launchers share: the wrong kind of path for its option is a
 * usage error, one the file system refuses is not. The program's {@code train} and the Spark
 * launcher throw them as their own exit 2 and exit 1; these are the words both print.
 */
class OptionPathsTest {
  @TempDir
  Path dir;

  @Test
  void pathsOfTheWrongKindAreUsageRefusals() throws IOException {
    Path data = Files.writeString(dir.resolve("data.csv"), "x,y\n1,a\n");
    assertUsage("--csv is empty: give the path of a file",
        OptionPaths.readableFile("--csv", Path.of("")));
    assertUsage("--csv " + dir + " is a folder, not a file", OptionPaths.readableFile("--csv",
        dir));
    assertUsage("--save " + dir + " is a folder; give a file name, such as "
        + dir.resolve("model.safetensors"), OptionPaths.writableFile("--save", dir,
            "model.safetensors"));
    // Another spelling of the same file is the same file.
    Path spelled = dir.resolve(".").resolve("data.csv");
    assertUsage("--save " + spelled + " is the file --csv reads; writing it would replace that"
        + " input: give another path", OptionPaths.notTheInput("--save", spelled, "--csv", data));
    assertUsage("--out is empty: give the path of a folder", OptionPaths.empty("--out",
        Path.of(""), "folder"));
  }

  /** A device is no file to write; aborted where there is no /dev/null (Windows). */
  @Test
  void aDeviceIsAUsageRefusal() {
    Path device = Path.of("/dev/null");
    Assumptions.assumeTrue(Files.exists(device) && !Files.isRegularFile(device),
        "no device at /dev/null here");
    assertUsage("--save /dev/null is not a regular file (a device, a FIFO or a socket); give the"
        + " path of a file to create or replace", OptionPaths.writableFile("--save", device,
            "model.safetensors"));
  }

  @Test
  void pathsTheFileSystemRefusesAreNotUsageRefusals() throws IOException {
    Path data = Files.writeString(dir.resolve("data.csv"), "x,y\n1,a\n");
    assertRefused("--csv " + dir.resolve("none.csv") + ": no such file",
        OptionPaths.readableFile("--csv", dir.resolve("none.csv")));
    Path missing = dir.resolve("none").resolve("m.st");
    assertRefused("--save " + missing + ": the folder " + dir.resolve("none") + " does not exist",
        OptionPaths.writableFile("--save", missing, "model.safetensors"));
    Path under = data.resolve("m.st");
    assertRefused("--save " + under + ": " + data + " is a file, not a folder",
        OptionPaths.writableFile("--save", under, "model.safetensors"));
  }

  @Test
  void pathsThatServeAreNotRefused() throws IOException {
    Path data = Files.writeString(dir.resolve("data.csv"), "x,y\n1,a\n");
    assertEquals(Optional.empty(), OptionPaths.readableFile("--csv", data));
    assertEquals(Optional.empty(), OptionPaths.writableFile("--save", dir.resolve("m.st"),
        "model.safetensors"));
    assertEquals(Optional.empty(), OptionPaths.notTheInput("--save", dir.resolve("m.st"),
        "--csv", data));
    assertEquals(Optional.empty(), OptionPaths.notTheInput("--save", null, "--csv", data));
    try (var left = Files.list(dir)) {
      assertEquals(1, left.count(), "the probe of the folder leaves no file behind");
    }
  }

  private static void assertUsage(String message, Optional<PathRefusal> refusal) {
    assertTrue(refusal.isPresent(), message);
    assertEquals(message, refusal.get().message());
    assertTrue(refusal.get().usage(), message);
  }

  private static void assertRefused(String message, Optional<PathRefusal> refusal) {
    assertTrue(refusal.isPresent(), message);
    assertEquals(message, refusal.get().message());
    assertFalse(refusal.get().usage(), message);
  }
}
