package dev.chainrule.spark;

import static dev.chainrule.spark.InProcessLaunch.launch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.spark.InProcessLaunch.Outcome;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's checks and JSON fields are train's: a classifier no better than always answering
 * the most common class is warned about (on standard error under {@code --json}, as train's
 * warnings are) and says {@code at_chance}, and the line names the run's {@code dtype}.
 */
class LauncherChecksTest {
  @TempDir
  static Path dir;

  private static Path csv;

  @BeforeAll
  static void data() throws Exception {
    LocalSpark.context();
    csv = TestData.csv(dir.resolve("blobs.csv"), TestData.blobs(200, 11), "class");
  }

  /**
   * The bug hunt's run, on the launcher: eight one-unit sigmoid layers pass almost nothing of the
   * input on (σ' ≤ 1/4 at each), so the network answers one class for every row, which scores at
   * most the most common class's share.
   */
  @Test
  void aClassifierAtChanceIsWarnedAboutAsTrainWarns() {
    Outcome run = launch("--csv", csv.toString(), "--label", "class", "--epochs", "3",
        "--hidden", "1,1,1,1,1,1,1,1", "--activation", "sigmoid", "--json");
    assertEquals(0, run.code(), run.err());
    String json = run.out().strip();
    assertEquals(1, json.lines().count(), "the JSON line is all on standard output: " + json);
    // A classification's loss fields between them, where train puts them.
    assertTrue(json.contains("\"loss_stalled\":false,\"at_chance\":true,\"class_weights\":null,"
        + "\"class_weights_rule\":null,\"label_smoothing\":0.0,\"dropped_rows\":0,"),
        "train's order: " + json);
    assertTrue(run.err().contains("warning: test accuracy "), run.err());
    assertTrue(run.err().contains(" is no better than always answering the most common class ("),
        run.err());
    assertTrue(run.err().contains("; try another --lr or --activation (the program's train,"),
        run.err());
    assertEquals(Boolean.TRUE, run.launch().report.get("at_chance"));

    Outcome text = launch("--csv", csv.toString(), "--label", "class", "--epochs", "3",
        "--hidden", "1,1,1,1,1,1,1,1", "--activation", "sigmoid");
    assertTrue(text.out().contains("warning: test accuracy "),
        "without --json the warning is among the other lines: " + text.out());
    // After the test accuracy's line and the confusion matrix, as train prints it.
    assertTrue(text.out().indexOf("\nwarning: test accuracy ")
        > text.out().indexOf("\ntest accuracy "), text.out());
  }

  @Test
  void aClassifierThatLearnedIsNotAtChance() {
    Outcome run = launch("--csv", csv.toString(), "--label", "class", "--epochs", "3",
        "--lr", "0.03", "--json");
    assertEquals(0, run.code(), run.err());
    assertEquals(Boolean.FALSE, run.launch().report.get("at_chance"), run.out());
    assertFalse(run.err().contains("warning:"), run.err());
  }

  /**
   * Every warning, not only the chance level's, reaches standard error under --json: the loss
   * stall's went to the writer that drops what is not the JSON line, as the chance level's would.
   */
  @Test
  void underJsonAStalledRunIsWarnedAboutOnStandardError() {
    Outcome run = launch("--csv", csv.toString(), "--label", "class", "--epochs", "2", "--lr",
        "1e-12", "--json");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.err().contains("warning: the training loss did not move in 2 epochs ("),
        run.err());
    assertEquals(1, run.out().strip().lines().count(), run.out());
  }

  /** A column of names stops the launch with train's way out: leave it out with --drop. */
  @Test
  void aTextColumnIsNamedWithTheDropThatLeavesItOut() throws Exception {
    Path pets = dir.resolve("pets.csv");
    java.nio.file.Files.writeString(pets, "name,a,b,y\nrex,1,2,0\nfido,2,3,1\n");
    Outcome run = launch("--csv", pets.toString(), "--label", "y", "--drop", "b");
    assertEquals(1, run.code(), run.err());
    assertTrue(run.err().contains("pets.csv: line 2, column 1 (name): \"rex\" is not a number;"
        + " if the column holds text (names, ids), leave it out with --drop b,name"), run.err());
  }

  /** A float32 run's figures differ from a float64 run's: the line says which it was. */
  @Test
  void theJsonLineNamesTheType() {
    for (String type : new String[] {"float32", "float64"}) {
      Outcome run = launch("--csv", csv.toString(), "--label", "class", "--epochs", "1",
          "--dtype", type, "--json");
      assertEquals(0, run.code(), run.err());
      assertTrue(run.out().contains(",\"parameters\":259,\"dtype\":\"" + type + "\","
          + "\"train_loss\":"), type + ": " + run.out());
    }
  }
}
