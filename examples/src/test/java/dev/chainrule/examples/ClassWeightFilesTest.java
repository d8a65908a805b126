package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.model.ClassWeighting;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The saved file's record of {@code --class-weights} and {@code --label-smoothing}: a run that
 * continues the file trains on it again unless the command line gives others (or {@code none}),
 * and a record edited into something else is refused, naming the file and the entry.
 */
class ClassWeightFilesTest {
  @TempDir
  Path dir;

  private Path imbalanced() throws IOException {
    return ClassWeightOptionsTest.imbalanced(dir);
  }

  private Cli.Result train(String... more) throws IOException {
    return ClassWeightOptionsTest.train(dir, more);
  }

  /**
   * The file records the weights and ε; a run that continues it without the options trains on
   * them again, bit for bit as one run would (so both end in the same weights), and one that
   * gives others uses those.
   */
  @Test
  void aSavedFileRecordsTheLossAndAContinuedRunTrainsOnIt() throws IOException {
    Path file = dir.resolve("weighted.safetensors");
    Cli.Result first = train("--class-weights", "balanced", "--label-smoothing", "0.05",
        "--save", file.toString());
    assertEquals(0, first.exitCode(), first.err());
    Map<String, String> metadata = SafeTensors.read(file).metadata();
    assertEquals("0.5,1.5,3.0", metadata.get(ClassWeighting.WEIGHTS_KEY));
    assertEquals("balanced", metadata.get(ClassWeighting.RULE_KEY));
    assertEquals("0.05", metadata.get(ClassWeighting.SMOOTHING_KEY));

    Path continued = dir.resolve("continued.safetensors");
    Cli.Result again = Cli.run("train", "--csv", imbalanced().toString(), "--load",
        file.toString(), "--epochs", "2", "--json", "--save", continued.toString(), "--out",
        dir.resolve("again").toString());
    assertEquals(0, again.exitCode(), again.err());
    Map<String, Object> json = again.json();
    assertEquals("0.5,1.5,3.0", json.get("class_weights"));
    assertEquals(0.05, json.get("label_smoothing"));
    Map<String, Object> whole = train("--class-weights", "balanced", "--label-smoothing", "0.05",
        "--epochs", "4", "--json").json();
    assertEquals(whole.get("train_loss"), json.get("train_loss"), "2 + 2 epochs are one run of 4");
    assertEquals(metadata.get(ClassWeighting.WEIGHTS_KEY),
        SafeTensors.read(continued).metadata().get(ClassWeighting.WEIGHTS_KEY));

    Map<String, Object> other = Cli.run("train", "--csv", imbalanced().toString(), "--load",
        file.toString(), "--epochs", "1", "--class-weights", "1,1,1", "--json", "--out",
        dir.resolve("other").toString()).json();
    assertEquals("1.0,1.0,1.0", other.get("class_weights"));
    assertEquals(0.05, other.get("label_smoothing"), "the file's, not given");
  }

  /**
   * --class-weights none continues a weighted file on the unweighted loss, and its save records
   * no weights; the file's ε stays, as it does under any other --class-weights.
   */
  @Test
  void noneLeavesTheFilesWeightsOut() throws IOException {
    Path file = dir.resolve("weighted.safetensors");
    assertEquals(0, train("--class-weights", "balanced", "--label-smoothing", "0.05", "--save",
        file.toString()).exitCode());
    Path continued = dir.resolve("unweighted.safetensors");
    Cli.Result r = Cli.run("train", "--csv", imbalanced().toString(), "--load", file.toString(),
        "--epochs", "1", "--class-weights", "None", "--json", "--save", continued.toString(),
        "--out", dir.resolve("none").toString());
    assertEquals(0, r.exitCode(), r.err());
    Map<String, Object> json = r.json();
    assertEquals(Double.NaN, json.get("class_weights"), "null: no weights");
    assertEquals(Double.NaN, json.get("class_weights_rule"));
    assertEquals(0.05, json.get("label_smoothing"), "the file's");
    Map<String, String> metadata = SafeTensors.read(continued).metadata();
    assertFalse(metadata.containsKey(ClassWeighting.WEIGHTS_KEY), metadata.toString());
    assertFalse(metadata.containsKey(ClassWeighting.RULE_KEY), metadata.toString());
    assertEquals("0.05", metadata.get(ClassWeighting.SMOOTHING_KEY));
  }

  @Test
  void aFileTrainedWithoutWeightsRecordsNone() throws IOException {
    Path file = dir.resolve("plain.safetensors");
    assertEquals(0, train("--save", file.toString()).exitCode());
    Map<String, String> metadata = SafeTensors.read(file).metadata();
    assertFalse(metadata.containsKey(ClassWeighting.WEIGHTS_KEY), metadata.toString());
    assertFalse(metadata.containsKey(ClassWeighting.SMOOTHING_KEY), metadata.toString());
  }

  /**
   * A file whose entries were edited into something else is refused, naming the entry: weights
   * that are no numbers, and weights of another count than the classes whatever their rule
   * (balanced ones too, which failed an index into the class names; given ones were called a
   * usage error of a --class-weights the command line did not give).
   */
  @Test
  void aFileWhoseRecordIsNoWeightsIsRefused() throws IOException {
    Path file = dir.resolve("w.safetensors");
    assertEquals(0, train("--class-weights", "1,2,3", "--save", file.toString()).exitCode());
    var saved = SafeTensors.read(file);
    String[][] records = {{"1,x,3", "given"}, {"1,-2,3", "given"}, {"1,2,3,4", "balanced"},
        {"1,2", "balanced"}, {"0.5", "given"}, {"1,2,3,4", "given"}};
    for (String[] record : records) {
      String bad = record[0];
      Map<String, String> metadata = new java.util.LinkedHashMap<>(saved.metadata());
      metadata.put(ClassWeighting.WEIGHTS_KEY, bad);
      metadata.put(ClassWeighting.RULE_KEY, record[1]);
      Path edited = dir.resolve("edited.safetensors");
      SafeTensors.write(edited, saved.tensors(), metadata);
      Cli.Result r = Cli.run("train", "--csv", imbalanced().toString(), "--load",
          edited.toString(), "--epochs", "1", "--out", dir.resolve("x").toString());
      assertEquals(1, r.exitCode(), r.out());
      assertTrue(r.err().contains("edited.safetensors: its \"chainrule.class_weights\" metadata"
          + " (" + bad + ")"), r.err());
      assertTrue(r.err().contains("give --class-weights"), r.err());
      if (bad.split(",").length != 3) {
        int n = bad.split(",").length;
        assertTrue(r.err().contains(") holds " + n + " weight" + (n == 1 ? "" : "s") + " for 3"
            + " classes (a, b, c); give --class-weights"), r.err());
      }
      // The command line's weights replace the file's: the run goes on.
      assertEquals(0, Cli.run("train", "--csv", imbalanced().toString(), "--load",
          edited.toString(), "--epochs", "1", "--class-weights", "balanced", "--out",
          dir.resolve("y").toString()).exitCode());
    }
  }

  /** A regression's file edited to smooth classes is refused as the run's failure, named. */
  @Test
  void aRegressionFileEditedToSmoothIsRefused() throws IOException {
    Path file = dir.resolve("r.safetensors");
    String[] regression = {"train", "--csv", imbalanced().toString(), "--label", "x2", "--task",
        "regression", "--drop", "kind", "--epochs", "1", "--out", dir.resolve("r").toString()};
    List<String> saving = new ArrayList<>(List.of(regression));
    saving.addAll(List.of("--save", file.toString()));
    assertEquals(0, Cli.run(saving.toArray(String[]::new)).exitCode());
    var saved = SafeTensors.read(file);
    Map<String, String> metadata = new java.util.LinkedHashMap<>(saved.metadata());
    metadata.put(ClassWeighting.SMOOTHING_KEY, "0.1");
    Path edited = dir.resolve("edited.safetensors");
    SafeTensors.write(edited, saved.tensors(), metadata);
    Cli.Result r = Cli.run("train", "--csv", imbalanced().toString(), "--load",
        edited.toString(), "--drop", "kind", "--epochs", "1", "--out", dir.resolve("x").toString());
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains("edited.safetensors: its \"chainrule.label_smoothing\" metadata"
        + " smooths classes; a regression has none"), r.err());
  }
}
