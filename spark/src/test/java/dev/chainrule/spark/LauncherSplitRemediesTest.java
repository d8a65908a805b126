package dev.chainrule.spark;

import static dev.chainrule.spark.InProcessLaunch.launch;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.spark.InProcessLaunch.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A split whose rows trained on hold one class or one target value is refused (exit 1) naming
 * the launcher's options that mend it, --test-fraction, --validation and --seed, as the
 * program's train names its own: the launcher printed the library's words, "a smaller test
 * fraction or another seed", which name no option. The data and splits are train's
 * (TrainCsvTest's), as the launcher splits as train does.
 */
class LauncherSplitRemediesTest {
  @TempDir
  static Path dir;

  private static Path twoClasses;
  private static Path flat;

  @BeforeAll
  static void write() throws IOException {
    LocalSpark.context();
    // 60 rows of a and 2 of b: a large test fraction or validation share holds both b rows out.
    StringBuilder text = new StringBuilder("x,y,group\n");
    for (int i = 0; i < 60; i++) {
      text.append(Math.sin(i)).append(',').append(Math.cos(i)).append(",a\n");
    }
    twoClasses = Files.writeString(dir.resolve("two.csv"), text.append("9,9,b\n9,8,b\n"));
    // Twenty targets of 1.0 and one of 7.0: a split that holds the 7.0 out leaves one value.
    StringBuilder targets = new StringBuilder("x,y,target\n");
    for (int i = 0; i < 20; i++) {
      targets.append(Math.sin(i)).append(',').append(Math.cos(i)).append(",1.0\n");
    }
    flat = Files.writeString(dir.resolve("flat.csv"), targets.append("0.5,0.5,7.0\n"));
  }

  @Test
  void aTrainingPartOfOneClassNamesTheOptions() {
    Outcome test = launch("--csv", twoClasses.toString(), "--label", "group",
        "--test-fraction", "0.75", "--epochs", "1");
    assertEquals(1, test.code(), test.out());
    assertEquals("error: two.csv: the label \"group\" has one class (\"a\") in all 15 rows of the"
        + " split's training part, the other class's rows all in the 47 test rows (\"b\": 2):"
        + " there is nothing to tell apart; give more rows or a smaller --test-fraction",
        test.err().strip());
    Outcome validation = launch("--csv", twoClasses.toString(), "--label", "group",
        "--validation", "0.75", "--epochs", "1");
    assertEquals(1, validation.code(), validation.out());
    assertEquals("error: two.csv: the label \"group\" has one class (\"a\") in all 12 rows"
        + " trained on, the other class's rows all in the 38 validation rows (\"b\": 2): there"
        + " is nothing to tell apart; give more rows or a smaller --validation",
        validation.err().strip());
  }

  @Test
  void aTrainingPartOfOneTargetValueNamesTheOptions() {
    Outcome test = launch("--csv", flat.toString(), "--label", "target", "--task",
        "regression", "--test-fraction", "0.5", "--seed", "1", "--epochs", "1");
    assertEquals(1, test.code(), test.out());
    assertEquals("error: flat.csv: the target \"target\" is 1.0 in all 10 training rows of the"
        + " split (the other values are all in the 11 test rows): there is nothing to learn; give"
        + " more rows, a smaller --test-fraction or another --seed", test.err().strip());
    Outcome validation = launch("--csv", flat.toString(), "--label", "target", "--task",
        "regression", "--validation", "0.8", "--seed", "2", "--epochs", "1");
    assertEquals(1, validation.code(), validation.out());
    assertEquals("error: flat.csv: the target \"target\" is 1.0 in all 3 rows trained on (the"
        + " other values of the training part are all in its 14 validation rows): there is"
        + " nothing to learn; give more rows, a smaller --validation or another --seed",
        validation.err().strip());
  }
}
