package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.spark.InProcessLaunch.Outcome;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resume with another choice of the data is refused as a usage error (exit 2, as the same
 * contradiction against train --load's file) naming the option that made it: another
 * --task was blamed on --csv and --test-fraction (it splits the rows otherwise), and a dropped
 * feature on --hidden and --activation (it narrows the first layer).
 */
class ResumeNamesTheOptionTest {
  @TempDir
  static Path dir;

  private static ResumeFixture blobs;

  @BeforeAll
  static void run() throws Exception {
    blobs = ResumeFixture.checkpointed(dir, "run.safetensors");
  }

  @Test
  void anotherTaskIsNamedAsTheTask() {
    Outcome refused = blobs.resume("--task", "regression");
    assertEquals(2, refused.code());
    assertEquals("error: resume: run.safetensors holds another model or was trained on other"
        + " data: its task CLASSIFICATION, this run's REGRESSION (set by --task)"
        + " (see 'chainrule-spark --help')",
        refused.err().strip());
  }

  @Test
  void aDroppedFeatureIsNamedAsTheFeatures() {
    Outcome refused = blobs.resume("--drop", "x4");
    assertEquals(2, refused.code());
    assertEquals("error: resume: run.safetensors holds another model or was trained on other"
        + " data: its features [x1, x2, x3, x4], this run's [x1, x2, x3] (set by --drop: the"
        + " checkpoint was saved without --drop; this run has --drop x4) (see 'chainrule-spark"
        + " --help')", refused.err().strip());
  }

  /**
   * --features naming other columns than the checkpoint's is a contradicting option too, exit
   * 2, whether it leaves one out (which narrows the first layer, compared after the features)
   * or names the same columns in another order (which keeps every layer's width, so only the
   * features tell the runs apart).
   */
  @Test
  void otherFeaturesAreNamedAsTheFeatures() {
    Outcome fewer = blobs.resume("--features", "x1,x2,x4");
    assertEquals(2, fewer.code(), fewer.err());
    assertEquals("error: resume: run.safetensors holds another model or was trained on other"
        + " data: its features [x1, x2, x3, x4], this run's [x1, x2, x4] (set by --features)"
        + " (see 'chainrule-spark --help')", fewer.err().strip());

    Outcome reordered = blobs.resume("--features", "x2,x1,x3,x4");
    assertEquals(2, reordered.code(), reordered.err());
    assertTrue(reordered.err().contains("its features [x1, x2, x3, x4], this run's [x2, x1, x3,"
        + " x4] (set by --features)"), reordered.err());
  }

  /**
   * Another --test-fraction is named as the option whether or not it changes the count of rows
   * trained on: 0.3 holds out more rows, and the count's check, which ran first, called it other
   * data (exit 1, "training rows ... from --csv and --test-fraction"), while 0.2001 keeps the
   * count and was named as the option. The checkpoint's description records the fraction
   * exactly, so it is compared before the rows.
   */
  @Test
  void anotherTestFractionIsNamedWhetherOrNotTheRowsChange() {
    for (String fraction : new String[] {"0.3", "0.2001"}) {
      Outcome refused = blobs.resume("--test-fraction", fraction);
      assertEquals(2, refused.code(), fraction + ": " + refused.err());
      assertEquals("error: resume: run.safetensors holds another model or was trained on other"
          + " data: its split seed 42, test fraction 0.2, this run's seed 42, test fraction "
          + fraction + " (set by --seed and --test-fraction) (see 'chainrule-spark --help')",
          refused.err().strip());
    }
  }
}
