package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code graph} with an unusable {@code java.io.tmpdir}: it needs a temporary file only to run
 * Graphviz's {@code dot}, but made it first, and so failed with {@code no such file:
 * /nonexistent/chainrule-dot....txt} (exit 1) on a machine without dot. The program runs in a
 * process of its own, since both the temporary folder (read once by the JVM) and the PATH that
 * dot is looked up in are fixed per process.
 */
class GraphWithoutTmpDirTest {
  @TempDir
  Path dir;

  private Process graph(Path searchPath) throws Exception {
    String missing = dir.resolve("missing-tmp").toString();
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData",
        "-Djava.io.tmpdir=" + missing, "-cp", System.getProperty("java.class.path"),
        "dev.chainrule.examples.Main", "graph", "--out", dir.resolve("g").toString())
        .redirectOutput(dir.resolve("stdout").toFile())
        .redirectError(dir.resolve("stderr").toFile());
    builder.environment().put("PATH", searchPath.toString());
    Process p = builder.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "graph ends");
    return p;
  }

  private String read(String name) throws Exception {
    return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
  }

  @Test
  void withoutDotTheTemporaryFolderIsNotNeeded() throws Exception {
    Path empty = Files.createDirectory(dir.resolve("empty-path"));
    Process p = graph(empty);
    assertEquals(0, p.exitValue(), read("stderr"));
    List<String> lines = read("stdout").lines().toList();
    assertEquals(2, lines.size(), read("stdout"));
    assertTrue(lines.get(1).startsWith("Graphviz's 'dot' is not installed; render with: dot"),
        lines.get(1));
    assertTrue(Files.isRegularFile(dir.resolve("g").resolve("graph.dot")));
  }

  @Test
  void withDotTheFailingTemporaryFolderIsNamed() throws Exception {
    Path bin = Files.createDirectory(dir.resolve("bin"));
    Path dot = bin.resolve("dot");
    Files.writeString(dot, "#!/bin/sh\nexit 0\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(dot, PosixFilePermissions.fromString("rwxr-xr-x"));
    Process p = graph(bin);
    assertEquals(0, p.exitValue(), read("stderr"));
    List<String> lines = read("stdout").lines().toList();
    assertEquals(2, lines.size(), read("stdout"));
    assertTrue(lines.get(1).startsWith("could not run Graphviz's 'dot': java.io.tmpdir ("
        + dir.resolve("missing-tmp") + "), where its messages would go, is not a writable"
        + " folder"), lines.get(1));
  }
}
