package dev.chainrule.spark;

import static dev.chainrule.spark.InProcessLaunch.launch;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

  private static Path csv;
  private static Path checkpoint;

  @BeforeAll
  static void run() throws Exception {
    LocalSpark.context();
    csv = TestData.csv(dir.resolve("blobs.csv"), TestData.blobs(60, 11), "class");
    checkpoint = dir.resolve("run.safetensors");
    Outcome first = launch("--csv", csv.toString(), "--label", "class", "--epochs", "1",
        "--checkpoint", checkpoint.toString());
    assertEquals(0, first.code(), first.err());
  }

  @Test
  void anotherTaskIsNamedAsTheTask() {
    Outcome refused = launch("--csv", csv.toString(), "--label", "class", "--epochs", "2",
        "--task", "regression", "--resume", checkpoint.toString());
    assertEquals(2, refused.code());
    assertEquals("error: resume: run.safetensors holds another model or was trained on other"
        + " data: its task CLASSIFICATION, this run's REGRESSION (set by --task)"
        + " (see 'chainrule-spark --help')",
        refused.err().strip());
  }

  @Test
  void aDroppedFeatureIsNamedAsTheFeatures() {
    Outcome refused = launch("--csv", csv.toString(), "--label", "class", "--epochs", "2",
        "--drop", "x4", "--resume", checkpoint.toString());
    assertEquals(2, refused.code());
    assertEquals("error: resume: run.safetensors holds another model or was trained on other"
        + " data: its features [x1, x2, x3, x4], this run's [x1, x2, x3] (set by --features or"
        + " --drop) (see 'chainrule-spark --help')", refused.err().strip());
  }
}
