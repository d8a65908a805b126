package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.gemm.GemmBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With --json, lines the JSON line does not carry (--verbose's backend line, the rows --missing
 * drop left out) go to standard error, as notes do, and standard output stays JSON lines only.
 */
class JsonAsideLinesTest {
  @TempDir
  Path dir;

  /** Two separable clusters in (a, b), label y; the rows listed in {@code holes} miss a. */
  private Path clusters(int... holes) throws IOException {
    StringBuilder text = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 40; i++) {
      int side = i % 2;
      int row = i;
      boolean hole = java.util.Arrays.stream(holes).anyMatch(h -> h == row);
      text.append(hole ? "" : String.valueOf(side * 4 + Math.sin(i))).append(',')
          .append(side * 4 + Math.cos(i)).append(',').append(side).append('\n');
    }
    return Files.writeString(dir.resolve("f.csv"), text);
  }

  private static void assertJsonOnly(Cli.Result r) {
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.lines().stream().allMatch(line -> line.startsWith("{")), r.out());
  }

  @Test
  void verboseBackendLineGoesToStandardError() throws IOException {
    Cli.Result r = Cli.run("train", "--csv", clusters().toString(), "--label", "y", "--epochs",
        "1", "--verbose", "--json", "--out", dir.resolve("o").toString());
    assertJsonOnly(r);
    assertTrue(r.err().contains("matrix products: " + GemmBackend.describe()), r.err());
  }

  @Test
  void droppedRowsNoteGoesToStandardError() throws IOException {
    Path csv = clusters(3, 8);
    Cli.Result r = Cli.run("train", "--csv", csv.toString(), "--label", "y", "--epochs", "1",
        "--missing", "drop", "--json", "--save", dir.resolve("m.st").toString(), "--out",
        dir.resolve("o").toString());
    assertJsonOnly(r);
    assertTrue(r.err().contains("f.csv: left out 2 rows with missing values (--missing drop)"),
        r.err());
    // Where the model and the pictures went: the JSON line carries neither.
    assertTrue(r.err().contains("saved " + dir.resolve("m.st")), r.err());
    assertTrue(r.err().contains("pictures: " + dir.resolve("o")), r.err());
    // predict reads the rows before it can say so; the note must still come once, not twice.
    Cli.Result p = Cli.run("predict", "--load", dir.resolve("m.st").toString(), "--csv",
        csv.toString(), "--missing", "drop", "--json");
    assertJsonOnly(p);
    assertEquals(1, p.err().split("left out 2 rows", -1).length - 1, p.err());
  }
}
