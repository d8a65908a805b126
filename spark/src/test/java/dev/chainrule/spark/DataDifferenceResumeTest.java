package dev.chainrule.spark;

import static dev.chainrule.spark.InProcessLaunch.launch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.spark.InProcessLaunch.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A --resume file trained on another data set (as many rows, but other classes, other column
 * names, or balanced weights counted on other rows) is refused as a failure, exit 1, naming the
 * data: no option was given that contradicts it. The class count was blamed on --hidden and
 * --activation with exit 2, as the layers' last width was compared first.
 */
class DataDifferenceResumeTest {
  @TempDir
  static Path dir;

  private static ResumeFixture blobs;

  @BeforeAll
  static void run() throws Exception {
    blobs = ResumeFixture.checkpointed(dir, "blobs.safetensors");
  }

  @Test
  void anotherClassCountIsTheDatas() throws Exception {
    // The same 60 rows with class 2 relabelled 1: two classes where the file has three.
    String text = Files.readString(blobs.csv()).replaceAll(",2\n", ",1\n");
    Path other = Files.writeString(dir.resolve("two-classes.csv"), text);
    Outcome refused = blobs.resumeOn(other);
    assertEquals(1, refused.code(), refused.err());
    assertTrue(refused.err().contains("its classes [0, 1, 2], this run's [0, 1] (from the labels"
        + " in --csv)"), refused.err());
    assertFalse(refused.err().contains("--hidden"), refused.err());
  }

  @Test
  void otherColumnNamesWithoutFeaturesAreTheDatas() throws Exception {
    String text = Files.readString(blobs.csv()).replaceFirst("x1,x2,x3,x4,", "a,b,c,d,");
    Path other = Files.writeString(dir.resolve("renamed.csv"), text);
    Outcome refused = blobs.resumeOn(other);
    assertEquals(1, refused.code(), refused.err());
    assertTrue(refused.err().contains("its features [x1, x2, x3, x4], this run's [a, b, c, d]"
        + " (from the header of --csv, no --features or --drop given)"), refused.err());
  }

  @Test
  void balancedWeightsCountedOnOtherRowsAreTheDatas() throws Exception {
    Path imbalanced = TestData.imbalanced(dir.resolve("imbalanced.csv"));
    Path saved = dir.resolve("balanced.safetensors");
    Outcome first = launch("--csv", imbalanced.toString(), "--label", "kind", "--epochs", "1",
        "--class-weights", "balanced", "--checkpoint", saved.toString());
    assertEquals(0, first.code(), first.err());
    // As many rows and the same classes, but a fifth of the a rows become b: other counts.
    StringBuilder text = new StringBuilder();
    int line = 0;
    for (String row : Files.readAllLines(imbalanced)) {
      text.append(line++ % 5 == 1 && row.endsWith(",a") ? row.replaceFirst(",a$", ",b") : row)
          .append('\n');
    }
    Path other = Files.writeString(dir.resolve("rebalanced.csv"), text);
    Outcome refused = launch("--csv", other.toString(), "--label", "kind", "--epochs", "2",
        "--class-weights", "balanced", "--resume", saved.toString());
    assertEquals(1, refused.code(), refused.err());
    assertTrue(refused.err().contains("balanced class weights"), refused.err());
    assertTrue(refused.err().contains("another data set"), refused.err());
  }
}
