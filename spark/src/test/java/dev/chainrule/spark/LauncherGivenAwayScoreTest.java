package dev.chainrule.spark;

import static dev.chainrule.spark.InProcessLaunch.launch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.spark.InProcessLaunch.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher warns of data whose score means nothing as train does: a code of the label among
 * the features, rows copied into the test part, labels differing only in case, and a column
 * coding missing values as -999.
 */
class LauncherGivenAwayScoreTest {
  @TempDir
  Path dir;

  @Test
  void theDataWarningsOfTrainAreGivenToo() throws Exception {
    StringBuilder text = new StringBuilder("a,code,b,label\n");
    for (int copy = 0; copy < 3; copy++) {
      for (int i = 0; i < 20; i++) {
        // The code numbers the labels as written: Yes (on line 5) is a class of its own.
        String label = i % 2 == 0 ? "no" : i == 3 ? "Yes" : "yes";
        int code = label.equals("no") ? 0 : label.equals("yes") ? 1 : 2;
        text.append(String.format(Locale.ROOT, "%.3f,%d,%s,%s%n", Math.sin(i), code,
            i == 4 ? "-999" : String.valueOf(10 + i), label));
      }
    }
    Path csv = Files.writeString(dir.resolve("given.csv"), text);
    Outcome run = launch("--csv", csv.toString(), "--label", "label", "--epochs", "1");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("warning: the feature \"code\" gives the label away"),
        run.out());
    assertTrue(run.out().contains("test rows (100%) are copies of a training row"), run.out());
    assertTrue(run.out().contains("warning: classes \"Yes\" (line 5 of given.csv) and \"yes\""
        + " (line 3)"), run.out());
    assertTrue(run.out().contains("warning: given.csv: the feature \"b\" holds -999 in 3 of 60"
        + " rows"), run.out());
  }
}
