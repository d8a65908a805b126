package dev.chainrule.spark;

import static dev.chainrule.spark.InProcessLaunch.beforeSpark;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.spark.InProcessLaunch.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --class-weights} further apart than the shards' sums carry in {@code --dtype} (a share
 * of the largest below the type's smallest normal number, which the type holds with fewer
 * significant digits or as 0) are a usage error before Spark starts, in optim's {@code
 * ClassWeightRefusal}'s words. The launcher started its context, built the trainer, and ended
 * with the library's words ("softmaxCrossEntropy: class 0 weighs 1.0E-320 ...") and exit 1.
 * ({@code train}, whose {@code Trainer} takes the weighted mean whole, trains with such weights.)
 */
class LauncherClassWeightRangeTest {
  @TempDir
  static Path dir;

  private static String csv;

  @BeforeAll
  static void data() throws Exception {
    // The classes of the file are a, b and c, in that order.
    csv = TestData.imbalanced(dir.resolve("imbalanced.csv")).toString();
  }

  @Test
  void weightsTooFarApartAreAUsageErrorBeforeSparkStarts() {
    Outcome tiny = beforeSpark("--csv", csv, "--label", "kind", "--class-weights",
        "1e-320,1,1");
    assertEquals(2, tiny.code(), tiny.out() + tiny.err());
    assertEquals("", tiny.out(), "refused before Spark, whose start the 'train:' line follows");
    assertEquals("error: --class-weights 1e-320,1,1: class 0 weighs 1.0E-320 of the largest"
        + " class weight, below the smallest normal float64 number, 2.2250738585072014E-308,"
        + " which float64 holds only with fewer significant digits, or as 0, so a trainer that"
        + " sums the loss in parts weighted by the classes' shares (Spark's shards) would weigh"
        + " the class wrongly: weigh the classes within a factor of 4.49423283715579E307 of each"
        + " other (classes 0 = a, 1 = b, 2 = c) (see 'chainrule-spark --help')",
        tiny.err().strip());

    // Each within range on its own, apart by more than float64 carries.
    Outcome apart = beforeSpark("--csv", csv, "--label", "kind", "--class-weights",
        "1e-300,1,1e10");
    assertEquals(2, apart.code(), apart.out() + apart.err());
    assertTrue(apart.err().startsWith("error: --class-weights 1e-300,1,1e10: class 0 weighs"
        + " 1.0E-310 of the largest class weight"), apart.err());
  }

  /** float32 carries less: the check is made in the run's type, which float64 would pass. */
  @Test
  void float32WeightsAreCheckedInFloat32() throws IOException {
    Outcome narrow = beforeSpark("--csv", csv, "--label", "kind", "--class-weights",
        "1e-39,1,1", "--dtype", "float32");
    assertEquals(2, narrow.code(), narrow.out() + narrow.err());
    assertEquals("", narrow.out());
    assertTrue(narrow.err().contains("below the smallest normal float32 number"), narrow.err());
    assertTrue(narrow.err().contains("(classes 0 = a, 1 = b, 2 = c); a float64 run carries them"
        + " (--dtype float64) (see 'chainrule-spark --help')"), narrow.err());

    // A resume's type is its checkpoint's, which --dtype must match: no float64 suggested.
    // (The refusal comes before the file is read, so any readable file stands in for it.)
    Path checkpoint = Files.writeString(dir.resolve("run.safetensors"), "not read");
    Outcome resumed = beforeSpark("--csv", csv, "--label", "kind", "--class-weights",
        "1e-39,1,1", "--dtype", "float32", "--resume", checkpoint.toString());
    assertEquals(2, resumed.code(), resumed.out() + resumed.err());
    assertTrue(resumed.err().contains("(classes 0 = a, 1 = b, 2 = c) (see 'chainrule-spark"
        + " --help')"), resumed.err());
    assertFalse(resumed.err().contains("float64 run"), resumed.err());

    // The same weights in float64 pass the check and train (one short run in the tests' Spark).
    Outcome wide = InProcessLaunch.launch("--csv", csv, "--label", "kind", "--epochs", "1",
        "--class-weights", "1e-39,1,1");
    assertEquals(0, wide.code(), wide.err());
    assertFalse(wide.err().contains("error"), wide.err());
    assertEquals("1.0E-39,1.0,1.0", wide.launch().report.get("class_weights"));
  }
}
