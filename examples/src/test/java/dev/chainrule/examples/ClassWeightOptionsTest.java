package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * on, given weights, the JSON line that says which were used, and every refusal of the command
 * line (the saved file's record: {@link ClassWeightFilesTest}).
 */
class ClassWeightOptionsTest {
  @TempDir
  Path dir;

  /** 60 rows of class a, 20 of b and 10 of c, in three clusters, interleaved. */
  private Path imbalanced() throws IOException {
    return imbalanced(dir);
  }

  /** train on {@link #imbalanced()} with {@code more}, for 2 epochs unless they say. */
  private Cli.Result train(String... more) throws IOException {
    return train(dir, more);
  }

  /** {@link #imbalanced()}'s file, written in {@code dir}. */
  static Path imbalanced(Path dir) throws IOException {
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

  /** {@link #train(String...)} with its files in {@code dir}. */
  static Cli.Result train(Path dir, String... more) throws IOException {
    List<String> args = new ArrayList<>(List.of("train", "--csv", imbalanced(dir).toString(),
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
    Map<String, Object> json = Cli.run(with(args, "--json")).json();
    assertEquals(Boolean.FALSE, json.get("at_chance"));
    // The figure at_chance judges, the mean recall of the matrix the text run printed (the same
    // seed, the same run); 1e-12: the same three recalls, summed in another order.
    assertEquals(meanRecall(r.out()), (Double) json.get("test_balanced_accuracy"), 1e-12);
    assertTrue((Double) json.get("test_balanced_accuracy") > 1.0 / 3, json.toString());
    assertFalse(train("--json").json().containsKey("test_balanced_accuracy"), "unweighted");
  }

  /** The mean recall over the classes with test rows, from a printed confusion matrix. */
  private static double meanRecall(String out) {
    List<String> lines = out.lines().toList();
    int header = lines.indexOf(lines.stream().filter(l -> l.strip().startsWith("true\\pred"))
        .findFirst().orElseThrow());
    double sum = 0;
    int present = 0;
    for (int i = header + 1; i <= header + 3; i++) {
      String[] cells = lines.get(i).strip().split("\\s+");
      int row = i - header - 1;
      double total = 0;
      for (int j = 1; j < cells.length; j++) {
        total += Double.parseDouble(cells[j]);
      }
      if (total > 0) {
        sum += Double.parseDouble(cells[row + 1]) / total;
        present++;
      }
    }
    return sum / present;
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
