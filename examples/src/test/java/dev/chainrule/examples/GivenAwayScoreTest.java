package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

  private Cli.Result train(String name, CharSequence text, String... more) throws IOException {
    List<String> args = new ArrayList<>(List.of("train", "--csv",
        Files.writeString(dir.resolve(name), text).toString(), "--label", "y", "--epochs", "1",
        "--out", dir.resolve("out").toString()));
    args.addAll(List.of(more));
    Cli.Result trained = Cli.run(args.toArray(String[]::new));
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

  /** Each of 20 rows three times. */
  private static String thrice() {
    StringBuilder text = new StringBuilder("a,b,y\n");
    for (int copy = 0; copy < 3; copy++) {
      for (int i = 0; i < 20; i++) {
        text.append(String.format(Locale.ROOT, "%.3f,%.3f,%s%n", Math.sin(i), Math.cos(3 * i),
            i % 2 == 0 ? "no" : "yes"));
      }
    }
    return text.toString();
  }

  /** Every test row has its copy among the training rows. */
  @Test
  void testRowsCopiedFromTrainingRowsAreCounted() throws IOException {
    String text = thrice();
    assertEquals(List.of("warning: 12 of the 12 test rows (100%) are copies of a training"
        + " row, features and label alike: the test score counts them as new rows though the"
        + " network trained on them, and overstates how it does on new data; if the file holds"
        + " copies of rows (appended to itself, or joined), remove them before training"),
        warnings(train("copies.csv", text)));
  }

  /** With --validation, the validation rows that copy rows trained on are counted too. */
  @Test
  void validationRowsCopiedFromRowsTrainedOnAreCounted() throws IOException {
    assertEquals(List.of("warning: 12 of the 12 test rows (100%) are copies of a training row,"
        + " and 8 of the 12 validation rows (67%) of a row trained on, features and label alike:"
        + " the test score counts them as new rows though the network trained on them, and"
        + " overstates how it does on new data; the validation loss, which chooses the epoch,"
        + " counts its copies as new rows and favours the epochs that memorised them; if the file"
        + " holds copies of rows (appended to itself, or joined), remove them before training"),
        warnings(train("copies.csv", thrice(), "--validation", "0.25")));
  }
}
