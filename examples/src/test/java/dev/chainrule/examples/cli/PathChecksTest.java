package dev.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.examples.plot.ChartFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks of the folders a command reads from and writes to, made before any work: each
 * refusal names the option and the path, as a usage error for a path of the wrong kind and a
 * failure for one the file system refuses.
 */
class PathChecksTest {
  @TempDir
  Path dir;

  @Test
  void anOutputFolderIsCreatedWithTheFoldersAboveIt() {
    Path out = dir.resolve("a/b/out");
    PathChecks.requireOutputFolder("--out", out);
    assertTrue(Files.isDirectory(out));
    // Again, now that it exists: nothing to do, nothing refused.
    PathChecks.requireOutputFolder("--out", out);
  }

  @Test
  void anOutputFolderThatIsAFileOrUnderOneIsRefused() throws IOException {
    Path file = Files.writeString(dir.resolve("f"), "x");
    PathUsage usage = assertThrows(PathUsage.class,
        () -> PathChecks.requireOutputFolder("--out", file));
    assertEquals("--out " + file + " is a file, not a folder", usage.getMessage());
    Path under = file.resolve("out");
    Failure failure = assertThrows(Failure.class,
        () -> PathChecks.requireOutputFolder("--out", under));
    assertEquals("--out " + under + ": " + file + " is a file, not a folder",
        failure.getMessage());
  }

  @Test
  void aDanglingLinkAsTheOutputFolderIsNamedWithItsTarget() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("dl"), dir.resolve("gone"));
    Failure e = assertThrows(Failure.class, () -> PathChecks.requireOutputFolder("--out", link));
    assertEquals("--out " + link + " is a symbolic link to " + dir.resolve("gone") + ", which"
        + " does not exist (or is a loop of links); create the folder it names, remove the link,"
        + " or choose another --out", e.getMessage());
  }

  @Test
  void aFolderToReadMustExistAndBeAFolder() throws IOException {
    Path missing = dir.resolve("data");
    Failure absent = assertThrows(Failure.class,
        () -> PathChecks.requireFolder("--data", missing, "download it first"));
    assertEquals("--data " + missing + ": no such folder; download it first",
        absent.getMessage());
    Failure plain = assertThrows(Failure.class,
        () -> PathChecks.requireFolder("--data", missing, ""));
    assertEquals("--data " + missing + ": no such folder", plain.getMessage());
    Path file = Files.writeString(dir.resolve("x.csv"), "x");
    PathUsage usage = assertThrows(PathUsage.class,
        () -> PathChecks.requireFolder("--data", file, ""));
    assertEquals("--data " + file + " is a file, not a folder", usage.getMessage());
    PathChecks.requireFolder("--data", dir, "");
  }

  @Test
  void aChartInTheWayIsNamedWithWhatToDo() throws IOException {
    Files.createDirectory(dir.resolve("loss.png"));
    Failure folder = assertThrows(Failure.class, () -> PathChecks.requireReplaceableCharts(
        "--out", dir, ChartFormat.PNG, List.of("loss")));
    assertEquals("--out " + dir + " holds a chart the program cannot replace: "
        + dir.resolve("loss.png") + " is a folder; remove it or choose another --out",
        folder.getMessage());

    Files.writeString(dir.resolve("graph.dot"), "my notes");
    Failure foreign = assertThrows(Failure.class,
        () -> PathChecks.requireReplaceableFiles("--out", dir, List.of("graph.dot")));
    assertEquals("--out " + dir + " holds a file the program will not replace: "
        + dir.resolve("graph.dot") + " is not a graph that begins 'digraph chainrule {', so the"
        + " program did not write it; remove it or choose another --out", foreign.getMessage());

    // Files of the program's own, and names not there yet, are the program's to write.
    Files.writeString(dir.resolve("accuracy.svg"), "<svg/>");
    PathChecks.requireReplaceableCharts("--out", dir, ChartFormat.SVG,
        List.of("accuracy", "loss"));
  }
  /** An empty path is the working folder to Java: refused, not taken as that. */
  @Test
  void anEmptyPathIsRefused() {
    PathUsage out = assertThrows(PathUsage.class,
        () -> PathChecks.requireOutputFolder("--out", Path.of("")));
    assertEquals("--out is empty: give the path of a folder", out.getMessage());
    PathUsage data = assertThrows(PathUsage.class,
        () -> PathChecks.requireFolder("--data", Path.of(""), ""));
    assertEquals("--data is empty: give the path of a folder", data.getMessage());
  }

  @Test
  void filesToReadAndWriteAreCheckedBeforeTheWork() throws IOException {
    Path missing = dir.resolve("m.safetensors");
    Failure absent = assertThrows(Failure.class,
        () -> PathChecks.requireReadableFile("--load", missing));
    assertTrue(absent.getMessage().startsWith("--load " + missing), absent.getMessage());
    PathUsage folder = assertThrows(PathUsage.class,
        () -> PathChecks.requireWritableFile("--save", dir, "model.safetensors"));
    assertTrue(folder.getMessage().startsWith("--save " + dir), folder.getMessage());
    assertTrue(folder.getMessage().contains("model.safetensors"), folder.getMessage());
    PathUsage slash = assertThrows(PathUsage.class,
        () -> PathChecks.requireFileName("--save", "m.safetensors/"));
    assertTrue(slash.getMessage().startsWith("--save"), slash.getMessage());
    Path data = Files.writeString(dir.resolve("a.csv"), "x\n1\n");
    RuntimeException same = assertThrows(RuntimeException.class,
        () -> PathChecks.requireNotTheInput("--save", dir.resolve("./a.csv"), "--csv", data));
    assertTrue(same.getMessage().contains("--save") && same.getMessage().contains("--csv"),
        same.getMessage());
    PathChecks.requireNotTheInput("--save", null, "--csv", data);
    PathChecks.requireReadableFile("--csv", data);
  }

  @Test
  void aWriteThatFailedAfterTheChecksSaysThePreviousFileIsIntact() {
    IOException full = new IOException("No space left on device");
    Failure e = PathChecks.writeFailed("--output", Path.of("p.csv"), full);
    assertEquals("--output p.csv: cannot write the file (" + PathChecks.reason(full)
        + "); any previous file there is left as it was", e.getMessage());
    assertEquals(full, e.getCause());
    assertFalse(PathChecks.reason(full).isEmpty());
  }
}
