package dev.chainrule.spark;

import static dev.chainrule.spark.InProcessLaunch.launch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.spark.InProcessLaunch.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A feature's far value (a missing value written as 999999999) is warned of by the launcher as
 * train warns of it: the check left DataChecks, which both ran, for a warning only the program
 * printed, and the launcher said nothing.
 */
class LauncherFarValueTest {
  @TempDir
  Path dir;

  @Test
  void aFarValueIsWarnedOfWithHowToLeaveTheColumnOut() throws Exception {
    Random random = new Random(7);
    StringBuilder text = new StringBuilder("a,label\n");
    for (int i = 0; i < 200; i++) {
      double a = random.nextGaussian();
      text.append(a).append(',').append(a > 0 ? "yes" : "no").append('\n');
    }
    text.append("999999999,yes\n");
    Path csv = Files.writeString(dir.resolve("outl.csv"), text);
    Outcome run = launch("--csv", csv.toString(), "--label", "label", "--epochs", "1");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("warning: outl.csv: the feature \"a\" holds 999999999 at line"
        + " 202,"), run.out());
    assertTrue(run.out().contains("or leave the column out (--drop a)"), run.out());
  }
}
