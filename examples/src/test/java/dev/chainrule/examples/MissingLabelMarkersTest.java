package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Labels that hold no value. A spreadsheet's #N/A (one of the markers pandas reads as missing)
 * was a third class beside yes and no, learnt and predicted without a word. An infinite label in
 * rows to predict stopped predict, though labels are only scored there, and with --missing drop
 * left its row unpredicted while rows of empty labels were predicted.
 */
class MissingLabelMarkersTest {
  @TempDir
  Path dir;

  /** Two classes apart on a; every tenth label is {@code marker}. */
  private Path classes(String marker) throws IOException {
    StringBuilder text = new StringBuilder("a,b,label\n");
    for (int i = 0; i < 60; i++) {
      text.append(i % 2 * 4 + Math.sin(i)).append(',').append(Math.cos(i)).append(',')
          .append(i % 10 == 0 ? marker : i % 2 == 0 ? "no" : "yes").append('\n');
    }
    return Files.writeString(dir.resolve("na.csv"), text);
  }

  private Cli.Result train(Path csv, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("train", "--csv", csv.toString(),
        "--epochs", "1", "--out", dir.resolve("out").toString()));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void aSpreadsheetsMissingLabelIsRefusedOrItsRowDropped() throws IOException {
    Path csv = classes("#N/A");
    Cli.Result refused = train(csv, "--label", "label");
    assertEquals(1, refused.exitCode(), refused.out());
    assertTrue(refused.err().contains("na.csv: line 2, column 3 (label): class label \"#N/A\""
        + " marks a missing value"), refused.err());
    Cli.Result dropped = train(csv, "--label", "label", "--missing", "drop");
    assertEquals(0, dropped.exitCode(), dropped.err());
    assertTrue(dropped.out().contains("na.csv: left out 6 rows with missing values"),
        dropped.out());
    assertFalse(dropped.out().contains("#N/A"), "no class #N/A:\n" + dropped.out());
  }

  /** None in a feature is no number, as any word is (pandas 2 reads it as missing). */
  @Test
  void pythonsNoneInAFeatureIsNotANumber() throws IOException {
    Path csv = Files.writeString(dir.resolve("f.csv"), Files.readString(classes("no"))
        + "None,0.5,yes\n");
    Cli.Result refused = train(csv, "--label", "label");
    assertEquals(1, refused.exitCode(), refused.out());
    assertTrue(refused.err().contains("f.csv: line 62, column 1 (a): \"None\" is not a number"),
        refused.err());
  }

  /**
   * None as a class, as Sleep Health's "Sleep Disorder" (None, Insomnia, Sleep Apnea) has it: as
   * a marker of a missing value it refused training, --missing drop left out every None row and
   * the class, and predict with a model saved before left those rows unscored.
   */
  @Test
  void noneIsAClassInTrainingAndPrediction() throws IOException {
    Path csv = classes("None");
    Path model = dir.resolve("m.safetensors");
    Cli.Result trained = train(csv, "--label", "label", "--save", model.toString());
    assertEquals(0, trained.exitCode(), trained.err());
    Cli.Result dropped = train(csv, "--label", "label", "--missing", "drop");
    assertEquals(0, dropped.exitCode(), dropped.err());
    assertFalse(dropped.out().contains("left out"), dropped.out());
    Cli.Result predicted = Cli.run("predict", "--load", model.toString(), "--csv",
        csv.toString());
    assertEquals(0, predicted.exitCode(), predicted.err());
    assertTrue(predicted.err().contains(" of 60)"), "every row scored:\n" + predicted.err());
    assertFalse(predicted.err().contains("not scored"), predicted.err());
  }

  @Test
  void anInfiniteLabelInRowsToPredictIsPredictedAndNotScored() throws IOException {
    StringBuilder text = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 40; i++) {
      text.append(i % 7).append(',').append(i % 5).append(',').append(3 * (i % 7) - i % 5)
          .append('\n');
    }
    Path model = dir.resolve("r.safetensors");
    Cli.Result trained = train(Files.writeString(dir.resolve("r.csv"), text), "--label", "y",
        "--task", "regression", "--save", model.toString());
    assertEquals(0, trained.exitCode(), trained.err());
    Path rows = Files.writeString(dir.resolve("new.csv"),
        "a,b,y\n1,1,2\n2,1,inf\n3,1,NaN\n4,1,\n5,1,1e400\n6,1,17\n");
    for (String missing : List.of("reject", "drop")) {
      Cli.Result r = Cli.run("predict", "--load", model.toString(), "--csv", rows.toString(),
          "--missing", missing);
      assertEquals(0, r.exitCode(), missing + ": " + r.err());
      assertEquals(List.of("line,predicted", "2", "3", "4", "5", "6", "7"), r.lines().stream()
          .map(l -> l.replaceAll(",[-0-9.eE]+$", "")).toList(), missing + ": every row");
      assertTrue(r.err().contains("; 4 rows without a label not scored"), missing + ": "
          + r.err());
    }
  }
}
