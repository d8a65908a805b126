package dev.chainrule.optim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
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

  /** Files.isReadable passes root whatever the permissions: aborted when run as root. */
  @Test
  void anUnreadableFileIsTheFileSystemsRefusal() throws IOException {
    Path data = Files.writeString(dir.resolve("data.csv"), "x,y\n1,a\n");
    Assumptions.assumeTrue(data.getFileSystem().supportedFileAttributeViews().contains("posix"),
        "no POSIX permissions here");
    Files.setPosixFilePermissions(data, Set.of());
    Assumptions.assumeFalse(Files.isReadable(data), "permissions do not bind here (root)");
    assertRefused("--csv " + data + ": the file is not readable",
        OptionPaths.readableFile("--csv", data));
  }

  @Test
  void aFileThatExistsMayBeReplaced() throws IOException {
    Path model = Files.writeString(dir.resolve("m.st"), "old");
    assertEquals(Optional.empty(), OptionPaths.writableFile("--save", model,
        "model.safetensors"));
    assertEquals("old", Files.readString(model), "checked, not written");
  }

  /** A folder that is a file, or missing, is refused in the file system's words, naming both. */
  @Test
  void aFolderNoFileCanBeCreatedInIsRefusedWithTheReason() throws IOException {
    Path data = Files.writeString(dir.resolve("data.csv"), "x,y\n1,a\n");
    Path given = data.resolve("charts");
    assertRefused("--out " + given + ": cannot write in the folder " + data
        + " (not a directory)", OptionPaths.writableFolder("--out", given, data));
    Path missing = dir.resolve("none");
    assertRefused("--out " + missing + ": cannot write in the folder " + missing
        + " (the file system refused it)", OptionPaths.writableFolder("--out", missing, missing));
  }

  /** A name that starts with U+FFFD is as undecodable as one that holds it later. */
  @Test
  void anUndecodableFirstCharacterIsFound() {
    assertTrue(OptionPaths.undecodableName("\uFFFD.csv", "UTF-8").orElseThrow()
        .startsWith("'\uFFFD.csv': the name's bytes are not valid"));
  }

  /** Each file system failure in words, without the file's name where the words have it. */
  @Test
  void reasonsAreWordsForEachFailure() {
    assertEquals("a/b is a file", OptionPaths.reason(new FileAlreadyExistsException("a/b")));
    assertEquals("permission denied", OptionPaths.reason(new AccessDeniedException("a/b")));
    assertEquals("the file system refused it",
        OptionPaths.reason(new NoSuchFileException("a/b")));
    assertEquals("read-only file system", OptionPaths.reason(
        new FileSystemException("a/b", null, "Read-only file system")));
    assertEquals("a/b", OptionPaths.reason(new FileSystemException("a/b")),
        "no reason: the message");
    assertEquals("disk gone", OptionPaths.reason(new IOException("disk gone")));
    assertEquals("input/output failure", OptionPaths.reason(new IOException()));
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
