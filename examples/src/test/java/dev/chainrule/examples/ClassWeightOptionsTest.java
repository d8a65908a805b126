package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.examples.run.ClassWeights;
import dev.chainrule.optim.checkpoint.SafeTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --class-weights} and {@code --label-smoothing}: balanced weights from the rows trained
 * on, given weights, the JSON line and the saved file that say which were used, a run continued
 * from the file that trains on them again, and every refusal.
 */
class ClassWeightOptionsTest {
  @TempDir
  Path dir;

  /** 60 rows of class a, 20 of b and 10 of c, in three clusters, interleaved. */
  private Path imbalanced() throws IOException {
    StringBuilder text = new StringBuilder("x1,x2,kind\n");
    for (int i = 0; i < 90; i++) {
      String kind = i % 9 < 6 ? "a" : i % 9 < 8 ? "b" : "c";
      double cx = kind.equals("b") ? 3 : 0;
      double cy = kind.equals("c") ? 3 : 0;
      text.append(cx + (i % 7) * 0.1).append(',').append(cy + (i % 5) * 0.1).append(',')
          .append(kind).append('\n');
    }
    return Files.writeString(dir.resolve("imbalanced.csv"), text);
  }

  /** train on {@link #imbalanced()} with {@code more}, for 2 epochs unless they say. */
  private Cli.Result train(String... more) throws IOException {
    List<String> args = new ArrayList<>(List.of("train", "--csv", imbalanced().toString(),
        "--label", "kind", "--out", dir.resolve("out").toString()));
    if (!List.of(more).contains("--epochs")) {
      args.addAll(List.of("--epochs", "2"));
    }
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  /**
   * The split holds out a fifth of each class: 48, 16 and 8 training rows of 72, so the
   * balanced weights N/(K·n_k) are 72/144, 72/48 and 72/24, exactly.
   */
  @Test
  void balancedWeightsComeFromTheTrainingRows() throws IOException {
    Cli.Result r = train("--class-weights", "balanced", "--json");
    assertEquals(0, r.exitCode(), r.err());
    Map<String, Object> json = r.json();
    assertEquals("0.5,1.5,3.0", json.get("class_weights"));
    assertEquals("balanced", json.get("class_weights_rule"));
    assertEquals(0.0, json.get("label_smoothing"));
    Cli.Result text = train("--class-weights", "BALANCED");
    assertTrue(text.out().contains("loss: softmax cross-entropy with class weights (balanced):"
        + " a 0.5, b 1.5, c 3"), text.out());
  }

  @Test
  void givenWeightsAndSmoothingAreUsedAndReported() throws IOException {
    Map<String, Object> plain = train("--json").json();
    assertEquals(Double.NaN, plain.get("class_weights"), "null: no weights");
    assertEquals(Double.NaN, plain.get("class_weights_rule"));
    Cli.Result r = train("--class-weights", "1, 2,4", "--label-smoothing", "0.1", "--json");
    assertEquals(0, r.exitCode(), r.err());
    Map<String, Object> json = r.json();
    assertEquals("1.0,2.0,4.0", json.get("class_weights"));
    assertEquals("given", json.get("class_weights_rule"));
    assertEquals(0.1, json.get("label_smoothing"));
    assertNotEquals(plain.get("train_loss"), json.get("train_loss"), "another loss");
    assertTrue(train("--label-smoothing", "0.1").out().contains(
        "loss: softmax cross-entropy with label smoothing 0.1"));
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
    assertEquals("0.5,1.5,3.0", metadata.get(ClassWeights.WEIGHTS_KEY));
    assertEquals("balanced", metadata.get(ClassWeights.RULE_KEY));
    assertEquals("0.05", metadata.get(ClassWeights.SMOOTHING_KEY));

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
    assertEquals(metadata.get(ClassWeights.WEIGHTS_KEY),
        SafeTensors.read(continued).metadata().get(ClassWeights.WEIGHTS_KEY));

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
    assertFalse(metadata.containsKey(ClassWeights.WEIGHTS_KEY), metadata.toString());
    assertFalse(metadata.containsKey(ClassWeights.RULE_KEY), metadata.toString());
    assertEquals("0.05", metadata.get(ClassWeights.SMOOTHING_KEY));
  }

  @Test
  void aFileTrainedWithoutWeightsRecordsNone() throws IOException {
    Path file = dir.resolve("plain.safetensors");
    assertEquals(0, train("--save", file.toString()).exitCode());
    Map<String, String> metadata = SafeTensors.read(file).metadata();
    assertFalse(metadata.containsKey(ClassWeights.WEIGHTS_KEY), metadata.toString());
    assertFalse(metadata.containsKey(ClassWeights.SMOOTHING_KEY), metadata.toString());
  }

  @Test
  void badValuesAreUsageErrors() throws IOException {
    assertUsage("--class-weights gives 2 weights for 3 classes (a, b, c): give one per class,"
        + " in that order", train("--class-weights", "1,2"));
    assertUsage("--class-weights: 'heavy' is not a number; give balanced or one weight per"
        + " class, e.g. 1,4.5", train("--class-weights", "1,heavy,2"));
    assertUsage("--class-weights: weight 0 is not a positive number; each class's weight scales"
        + " its share of the loss", train("--class-weights", "1,0,2"));
    assertUsage("--class-weights: weight -1 is not a positive number", train("--class-weights",
        "1,-1,2"));
    assertUsage("--class-weights: weight NaN is not a positive number", train("--class-weights",
        "1,NaN,2"));
    // NaN is refused by the program's reading of numbers: "'NaN' is not a finite number".
    // As typed, as --class-weights' weights are: "got 1", not "got 1.0".
    for (String epsilon : new String[] {"1", "-0.1", "1e0"}) {
      assertUsage("--label-smoothing must lie in [0, 1), got " + epsilon + " (ε mixes",
          train("--label-smoothing", epsilon));
    }
    // NaN is refused by the program's reading of numbers, as every option's.
    assertUsage("Invalid value for option '--label-smoothing': 'NaN' is not a finite number",
        train("--label-smoothing", "NaN"));
    // Naming only the options given.
    String[] regression = {"train", "--csv", imbalanced().toString(), "--label", "x2", "--task",
        "regression", "--drop", "kind", "--out", dir.resolve("r").toString()};
    assertUsage("error: --label-smoothing smooths classes; a regression has none",
        Cli.run(with(regression, "--label-smoothing", "0.1")));
    assertUsage("error: --class-weights weighs classes; a regression has none",
        Cli.run(with(regression, "--class-weights", "1,2")));
    assertUsage("error: --class-weights and --label-smoothing weigh and smooth classes; a"
        + " regression has none", Cli.run(with(regression, "--class-weights", "balanced",
        "--label-smoothing", "0.1")));
  }

  @Test
  void theOptionsSetTrainingAndEpochsZeroTrainsNothing() throws IOException {
    Path file = dir.resolve("m.safetensors");
    assertEquals(0, train("--save", file.toString()).exitCode());
    assertUsage("--class-weights, --label-smoothing set the training loss; --epochs 0 trains"
        + " nothing, it evaluates --load's model", Cli.run("train", "--csv",
        imbalanced().toString(), "--load", file.toString(), "--epochs", "0", "--class-weights",
        "balanced", "--label-smoothing", "0.1", "--out", dir.resolve("e").toString()));
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
      metadata.put(ClassWeights.WEIGHTS_KEY, bad);
      metadata.put(ClassWeights.RULE_KEY, record[1]);
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

  /** A class whose only row the split sends to the test rows has no balanced weight: N/0. */
  @Test
  void balancedWeightsRefuseAClassWithoutTrainingRows() throws IOException {
    Path csv = Files.writeString(dir.resolve("rare.csv"), Files.readString(imbalanced())
        + "9,9,d\n");
    Cli.Result r = Cli.run("train", "--csv", csv.toString(), "--label", "kind", "--test-fraction",
        "0.5", "--class-weights", "balanced", "--epochs", "1", "--out", dir.resolve("d")
            .toString());
    assertEquals(1, r.exitCode(), r.out());
    assertTrue(r.err().contains("--class-weights balanced: class d has no training row, so its"
        + " weight N/(K·n_k) would divide by 0; give the weights (--class-weights w1,w2,...), or"
        + " data with rows of every class"), r.err());
  }

  /**
   * Balanced weights trade accuracy on the common class for recall on the rare ones: on
   * overlapping classes of 80%, 10% and 10% the run's accuracy falls below the common class's
   * share, which is no sign of learning nothing; the run is judged by its balanced accuracy (the
   * mean recall, against 1/3), and neither warns nor says at_chance.
   */
  @Test
  void aWeightedRunIsJudgedByItsBalancedAccuracy() throws IOException {
    java.util.Random random = new java.util.Random(1);
    StringBuilder text = new StringBuilder("x1,x2,kind\n");
    for (int i = 0; i < 300; i++) {
      String kind = i % 10 < 8 ? "common" : i % 10 < 9 ? "rare" : "scarce";
      double cx = kind.equals("rare") ? 1.5 : 0;
      double cy = kind.equals("scarce") ? 1.5 : 0;
      text.append(String.format(java.util.Locale.ROOT, "%.3f,%.3f,%s%n",
          cx + random.nextGaussian(), cy + random.nextGaussian(), kind));
    }
    Path csv = Files.writeString(dir.resolve("overlapping.csv"), text);
    String[] args = {"train", "--csv", csv.toString(), "--label", "kind", "--epochs", "5",
        "--class-weights", "balanced", "--out", dir.resolve("o").toString()};
    Cli.Result r = Cli.run(args);
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.testAccuracy() < 0.8, "below the common class's share:\n" + r.out());
    assertFalse(r.out().contains("warning: test accuracy"), r.out());
    List<String> withJson = new ArrayList<>(List.of(args));
    withJson.add("--json");
    assertEquals(Boolean.FALSE, Cli.run(withJson.toArray(String[]::new)).json().get("at_chance"));
  }

  /** The other classification commands take the options too. */
  @Test
  void irisTakesThemToo() throws IOException {
    Map<String, Object> json = Cli.run("iris", "--epochs", "1", "--class-weights", "balanced",
        "--label-smoothing", "0.1", "--json", "--out", dir.resolve("iris").toString()).json();
    String[] weights = ((String) json.get("class_weights")).split(",");
    assertEquals(3, weights.length);
    assertEquals(0.1, json.get("label_smoothing"));
  }

  private static String[] with(String[] args, String... more) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  private static void assertUsage(String message, Cli.Result r) {
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains(message), r.err());
  }
}
