package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data whose test score means nothing, which train scored 1.0000 without a word: a column that
 * is the label's code, an id counting the rows of a file sorted by class, and a file holding
 * each row several times, whose test rows were copies of rows trained on.
 */
class GivenAwayScoreTest {
  @TempDir
  Path dir;

  private Cli.Result train(String name, CharSequence text) throws IOException {
    Cli.Result trained = Cli.run("train", "--csv",
        Files.writeString(dir.resolve(name), text).toString(), "--label", "y", "--epochs", "1",
        "--out", dir.resolve("out").toString());
    assertEquals(0, trained.exitCode(), trained.err());
    return trained;
  }

  /** The warnings of the data; one epoch leaves the network at chance, warned of too. */
  private static List<String> warnings(Cli.Result result) {
    return result.out().lines().filter(l -> l.startsWith("warning: ")
        && !l.startsWith("warning: test accuracy")).toList();
  }

  /** An id in a file sorted by class, and a 0/1 code of the class beside the class's name. */
  @Test
  void anIdOfASortedFileAndACodeOfTheLabelAreNamed() throws IOException {
    StringBuilder text = new StringBuilder("id,a,code,y\n");
    for (int i = 0; i < 40; i++) {
      text.append(String.format(Locale.ROOT, "%d,%.3f,%d,%s%n", i + 1, Math.sin(i),
          i < 20 ? 0 : 1, i < 20 ? "no" : "yes"));
    }
    String after = "; the test rows hold it too, so their score says nothing of new rows, which"
        + " will not; unless it is known before the label, leave it out ";
    assertEquals(List.of("warning: the feature \"id\" gives the label away: it counts the rows"
        + " (1, 2, ... in file order) and the file is sorted by its label \"y\", so the row"
        + " number tells the label" + after + "(--drop id)",
        "warning: the feature \"code\" gives the label away: it is 0 in every row of class no,"
        + " 1 in every row of class yes" + after + "(--drop code)"),
        warnings(train("sorted.csv", text)));
  }

  /** Each of 20 rows three times: every test row has its copy among the training rows. */
  @Test
  void testRowsCopiedFromTrainingRowsAreCounted() throws IOException {
    StringBuilder text = new StringBuilder("a,b,y\n");
    for (int copy = 0; copy < 3; copy++) {
      for (int i = 0; i < 20; i++) {
        text.append(String.format(Locale.ROOT, "%.3f,%.3f,%s%n", Math.sin(i), Math.cos(3 * i),
            i % 2 == 0 ? "no" : "yes"));
      }
    }
    assertEquals(List.of("warning: 12 of the 12 test rows (100%) are copies of a training"
        + " row, features and label alike: the test score counts them as new rows though the"
        + " network trained on them, and overstates how it does on new data; if the file holds"
        + " copies of rows (appended to itself, or joined), remove them before training"),
        warnings(train("copies.csv", text)));
  }
}
