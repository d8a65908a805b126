package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run of many classes prints the classes recalled worst and where the whole confusion matrix
 * is drawn, not the matrix: 200 classes printed 200 lines of 200 columns (240 KB).
 */
class ManyClassesTest {
  @TempDir
  Path dir;

  /** {@code classes} classes of 8 rows each, class c about x = c. */
  private Path classes(int classes) throws IOException {
    StringBuilder text = new StringBuilder("x,z,kind\n");
    for (int i = 0; i < classes * 8; i++) {
      text.append(i % classes + 0.3 * Math.sin(i)).append(',').append(Math.cos(i)).append(",k")
          .append(i % classes).append('\n');
    }
    return Files.writeString(dir.resolve("many" + classes + ".csv"), text);
  }

  @Test
  void pastTwentyClassesTheWorstAreListedAndThePictureNamed() throws IOException {
    Path out = dir.resolve("o");
    Cli.Result r = Cli.run("train", "--csv", classes(25).toString(), "--label", "kind",
        "--epochs", "1", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertFalse(r.out().contains("true\\pred"), r.out());
    List<String> lines = r.lines();
    int at = lines.indexOf(lines.stream().filter(l -> l.startsWith("confusion matrix:"))
        .findFirst().orElseThrow(() -> new AssertionError(r.out())));
    assertEquals("confusion matrix: 25 classes, too many to print (the picture "
        + out.resolve("confusion.png") + " shows it all); the 10 of the 25 classes with test"
        + " rows recalled worst:", lines.get(at));
    double previous = -1;
    for (String line : lines.subList(at + 1, at + 11)) {
      // Classes tied as the most often taken for are all named (up to three, then a count).
      var m = java.util.regex.Pattern.compile("  k\\d+ +(\\d+) of (\\d+) right(, most often"
          + " taken for k\\d+((, k\\d+)* and (k\\d+|\\d+ more))? \\(\\d+( each)?\\))?")
          .matcher(line);
      assertTrue(m.matches(), line);
      double recall = Double.parseDouble(m.group(1)) / Double.parseDouble(m.group(2));
      assertTrue(recall >= previous, "worst first: " + r.out());
      previous = recall;
    }
    // After one epoch most classes have no test row right: the ten listed are not all of them.
    if (lines.get(at + 11).startsWith("  and ")) {
      assertTrue(lines.get(at + 11).matches("  and \\d+ more class(es)? with none of their test"
          + " rows right"), lines.get(at + 11));
    }
    assertTrue(Files.exists(out.resolve("confusion.png")), "the picture named is drawn");
  }

  @Test
  void twentyClassesArePrintedWhole() throws IOException {
    Cli.Result r = Cli.run("train", "--csv", classes(20).toString(), "--label", "kind",
        "--epochs", "1", "--out", dir.resolve("o").toString());
    assertEquals(0, r.exitCode(), r.err());
    // The header and one line per class.
    List<String> lines = r.lines();
    int at = lines.indexOf(lines.stream().filter(l -> l.startsWith("true\\pred")).findFirst()
        .orElseThrow(() -> new AssertionError(r.out())));
    assertTrue(lines.get(at + 20).trim().startsWith("k9 "), r.out());
  }
}
