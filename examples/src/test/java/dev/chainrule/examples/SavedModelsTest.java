package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saved models rebuild themselves from the file alone, for evaluation and for predict. */
class SavedModelsTest {
  @TempDir
  Path dir;

  private String path(String name) {
    return dir.resolve(name).toString();
  }

  /** The test accuracy line and the confusion matrix that follows it. */
  private static List<String> evaluation(Cli.Result r) {
    List<String> lines = r.lines();
    int start = 0;
    while (!lines.get(start).startsWith("test accuracy")) {
      start++;
    }
    return lines.subList(start, start + 5);
  }

  @Test
  void trainingALoadedModelContinuesItsOptimizersState() throws IOException {
    assertEquals(0, Cli.run("iris", "--epochs", "2", "--save", path("two.safetensors"), "--out",
        path("a")).exitCode());
    Cli.Result resumed = Cli.run("iris", "--load", path("two.safetensors"), "--epochs", "1",
        "--save", path("three.safetensors"), "--out", path("b"));
    assertEquals(0, resumed.exitCode(), resumed.err());
    assertTrue(resumed.out().contains("continuing adam's state from two.safetensors, at lr"
        + " 0.02"), resumed.out());
    // Adam's step count goes on: two epochs' steps and one more epoch's, not one epoch's.
    double two = stepOf("two.safetensors");
    assertEquals(1.5 * two, stepOf("three.safetensors"));
    // Saved again without training, the state is kept, not continued: nothing trains.
    Cli.Result kept = Cli.run("iris", "--load", path("two.safetensors"), "--epochs", "0",
        "--save", path("again.safetensors"), "--out", path("k"));
    assertEquals(0, kept.exitCode(), kept.err());
    assertTrue(kept.out().contains("keeping adam's state from two.safetensors for"
        + " again.safetensors (--epochs 0 trains nothing), at lr 0.02"), kept.out());
    assertFalse(kept.out().contains("continuing"), kept.out());
    assertEquals(two, stepOf("again.safetensors"));

    Cli.Result switched = Cli.run("iris", "--load", path("two.safetensors"), "--epochs", "1",
        "--optimizer", "sgd", "--out", path("c"));
    assertEquals(0, switched.exitCode(), switched.err());
    assertTrue(switched.out().contains("note: two.safetensors: it holds adam's state, which sgd"
        + " (--optimizer) cannot continue; sgd starts afresh"), switched.out());
    // With --json the JSON line is all of standard output, and the note goes to standard error.
    Cli.Result quiet = Cli.run("iris", "--load", path("two.safetensors"), "--epochs", "1",
        "--optimizer", "sgd", "--out", path("c"), "--json");
    assertEquals(1, quiet.out().strip().lines().count(), quiet.out());
    assertTrue(quiet.err().contains("note: two.safetensors: it holds adam's state, which sgd"
        + " (--optimizer) cannot continue; sgd starts afresh"), quiet.err());

    // Without --optimizer and --lr the file's go on: a momentum run went on as Adam, the
    // default, its state dropped. An --lr given replaces the file's rate.
    assertEquals(0, Cli.run("iris", "--epochs", "2", "--optimizer", "momentum", "--lr", "0.05",
        "--save", path("momentum.safetensors"), "--out", path("d")).exitCode());
    Cli.Result goesOn = Cli.run("iris", "--load", path("momentum.safetensors"), "--epochs", "1",
        "--out", path("e"));
    assertTrue(goesOn.out().contains("; momentum, lr 0.05,"), goesOn.out());
    assertTrue(goesOn.out().contains("continuing momentum's state from momentum.safetensors, at"
        + " lr 0.05"), goesOn.out());
    Cli.Result slower = Cli.run("iris", "--load", path("momentum.safetensors"), "--epochs", "1",
        "--lr", "0.01", "--out", path("f"));
    assertTrue(slower.out().contains("continuing momentum's state from momentum.safetensors, at"
        + " lr 0.01"), slower.out());
  }

  /**
   * A saved run goes on where it stopped: the file says how many epochs its weights had, and a
   * run that loads it trains the next ones, with the batch orders and the optimizer state an
   * uninterrupted run had, so four epochs in two runs end in the weights of four in one.
   */
  @Test
  void aLoadedRunContinuesItsEpochsAsOneRunWould() throws IOException {
    assertEquals(0, Cli.run("iris", "--epochs", "4", "--save", path("four.safetensors"),
        "--out", path("a")).exitCode());
    assertEquals(0, Cli.run("iris", "--epochs", "2", "--save", path("two.safetensors"),
        "--out", path("b")).exitCode());
    Cli.Result resumed = Cli.run("iris", "--load", path("two.safetensors"), "--epochs", "2",
        "--save", path("more.safetensors"), "--out", path("c"), "--json");
    assertEquals(0, resumed.exitCode(), resumed.err());
    var straight = dev.chainrule.optim.checkpoint.SafeTensors.read(dir.resolve("four.safetensors"));
    var split = dev.chainrule.optim.checkpoint.SafeTensors.read(dir.resolve("more.safetensors"));
    assertEquals(straight.tensors(), split.tensors(), "bit for bit");
    assertEquals("4", split.metadata().get("epoch"));
    assertTrue(resumed.out().contains("\"epochs\":2,"), resumed.out());
    assertTrue(resumed.out().contains("\"first_epoch\":3"), resumed.out());
    Cli.Result told = Cli.run("iris", "--load", path("two.safetensors"), "--epochs", "2",
        "--out", path("d"));
    assertTrue(told.out().contains("(2 epochs trained; this run trains epochs 3 to 4)"),
        told.out());
    // Saved again without training, a file keeps its optimizer state with its epoch count.
    assertEquals(0, Cli.run("iris", "--load", path("two.safetensors"), "--epochs", "0",
        "--save", path("again.safetensors"), "--out", path("e")).exitCode());
    assertEquals(dev.chainrule.optim.checkpoint.SafeTensors.read(dir.resolve("two.safetensors"))
        .tensors(), dev.chainrule.optim.checkpoint.SafeTensors.read(
            dir.resolve("again.safetensors")).tensors());
    // A count with no room for this run's epochs is not gone on from.
    var two = dev.chainrule.optim.checkpoint.SafeTensors.read(dir.resolve("two.safetensors"));
    Map<String, String> huge = new java.util.LinkedHashMap<>(two.metadata());
    huge.put("epoch", Integer.toString(Integer.MAX_VALUE));
    dev.chainrule.optim.checkpoint.SafeTensors.writeWithInt64(dir.resolve("huge.safetensors"),
        two.tensors(), huge, java.util.Set.of());
    Cli.Result wraps = Cli.run("iris", "--load", path("huge.safetensors"), "--epochs", "1",
        "--out", path("f"));
    assertEquals(0, wraps.exitCode(), wraps.err());
    assertTrue(wraps.out().contains("note: huge.safetensors: its \"epoch\" metadata"
        + " (2147483647) is not a count of epochs this run's 1 can follow"), wraps.out());
  }

  /**
   * A state the same optimizer cannot load (a moment estimate made negative) starts afresh, as
   * another optimizer's does, but says why: it used to say "adam's state, which adam cannot
   * continue".
   */
  @Test
  void aDamagedOptimizerStateIsDroppedWithItsReason() throws IOException {
    assertEquals(0, Cli.run("iris", "--epochs", "1", "--save", path("good.safetensors"), "--out",
        path("a")).exitCode());
    var file = dev.chainrule.optim.checkpoint.SafeTensors.read(dir.resolve("good.safetensors"));
    Map<String, dev.chainrule.core.Tensor> tensors = new java.util.LinkedHashMap<>(
        file.tensors());
    tensors.put("optimizer.0.exp_avg_sq", tensors.get("optimizer.0.exp_avg_sq").neg().sub(1));
    dev.chainrule.optim.checkpoint.SafeTensors.write(dir.resolve("damaged.safetensors"),
        tensors, file.metadata());
    Cli.Result damaged = Cli.run("iris", "--load", path("damaged.safetensors"), "--epochs", "1",
        "--out", path("b"));
    assertEquals(0, damaged.exitCode(), damaged.err());
    assertTrue(damaged.out().contains("note: damaged.safetensors: its optimizer state cannot be"
        + " loaded (Adam.loadState: \"0.exp_avg_sq\""), damaged.out());
    assertTrue(damaged.out().contains("; adam starts afresh"), damaged.out());
    // A rate no run reaches (NaN) is not taken up either: building Adam at it failed the run
    // with "Adam: the learning rate must be finite", naming neither the file nor the entry.
    tensors = new java.util.LinkedHashMap<>(file.tensors());
    tensors.put("optimizer.lr", dev.chainrule.core.Tensor.scalar(Double.NaN));
    dev.chainrule.optim.checkpoint.SafeTensors.write(dir.resolve("nan-rate.safetensors"),
        tensors, file.metadata());
    Cli.Result nanRate = Cli.run("iris", "--load", path("nan-rate.safetensors"), "--epochs", "1",
        "--out", path("c"));
    assertEquals(0, nanRate.exitCode(), nanRate.err());
    assertTrue(nanRate.out().contains("note: nan-rate.safetensors: its optimizer state cannot be"
        + " loaded ("), nanRate.out());
    // Evaluating alone reads no optimizer state.
    assertEquals(0, Cli.run("iris", "--load", path("nan-rate.safetensors"), "--epochs", "0",
        "--out", path("d")).exitCode());
  }

  /**
   * A row whose features overflow the model gave NaN scores, printed as class 0 with probability
   * NaN and counted in the accuracy, exit 0: refused, naming the row and the feature. Column a is
   * 0 or 1 (standard deviation 0.5), so 1e308 is infinite once scaled.
   */
  @Test
  void predictRefusesOutputsThatAreNotFinite() throws IOException {
    StringBuilder data = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 40; i++) {
      data.append(i % 2).append(',').append(i).append(',').append(i % 2 == 0 ? "cat" : "dog")
          .append('\n');
    }
    Files.writeString(dir.resolve("small.csv"), data);
    assertEquals(0, Cli.run("train", "--csv", path("small.csv"), "--label", "y", "--epochs", "1",
        "--save", path("small.safetensors"), "--out", path("a")).exitCode());
    Files.writeString(dir.resolve("huge.csv"), "a,b,y\n1,2,cat\n1e308,3,dog\n");
    Cli.Result r = Cli.run("predict", "--load", path("small.safetensors"), "--csv",
        path("huge.csv"));
    assertEquals(1, r.exitCode(), r.out());
    assertEquals("error: the model's outputs are not finite for 1 row (the first: line 3 of"
        + " huge.csv, whose \"a\" is Infinity after scaling): features that large overflow the"
        + " model, and its answers for them would mean nothing", r.err().strip());
  }

  private double stepOf(String file) throws IOException {
    return dev.chainrule.optim.checkpoint.SafeTensors.read(dir.resolve(file)).tensors()
        .get("optimizer.step").item();
  }

  @Test
  void loadingTakesArchitectureActivationScalingAndSplitFromTheFile() {
    Cli.Result trained = Cli.run("iris", "--hidden", "8", "--activation", "relu", "--seed", "3",
        "--save", path("iris.safetensors"), "--out", path("a"));
    assertEquals(0, trained.exitCode(), trained.err());
    // None of the options that made the model: the file says them all (width, activation, the
    // standardisation and the split's seed), so the evaluation is the trained run's, line by line.
    Cli.Result loaded = Cli.run("iris", "--epochs", "0", "--load", path("iris.safetensors"),
        "--out", path("b"));
    assertEquals(0, loaded.exitCode(), loaded.err());
    assertTrue(loaded.out().startsWith("iris: 4-8-3 network (relu, float64)"), loaded.out());
    assertEquals(evaluation(trained), evaluation(loaded));

    // Other data split by the file's seed would test on rows the model trained on: blobs with
    // another --points drew a test part of the first 100 points of each cluster, some trained
    // on, and reported 0.99. The option contradicts the file, as --seed does: a usage error.
    assertEquals(0, Cli.run("blobs", "--epochs", "1", "--save", path("blobs.safetensors"),
        "--out", path("c")).exitCode());
    Cli.Result fewer = Cli.run("blobs", "--epochs", "0", "--load", path("blobs.safetensors"),
        "--points", "100", "--out", path("d"));
    assertEquals(2, fewer.exitCode(), fewer.out());
    assertEquals("error: --points 100 contradicts blobs.safetensors, whose test rows were split"
        + " from 300 points per cluster (another number would test on training rows) (see"
        + " 'chainrule blobs --help')", fewer.err().strip());
    // Without --points, the file's: the default 300 was refused for a model of 100 a cluster.
    assertEquals(0, Cli.run("blobs", "--epochs", "1", "--points", "100", "--save",
        path("blobs-100.safetensors"), "--out", path("e")).exitCode());
    Cli.Result itsOwn = Cli.run("blobs", "--epochs", "0", "--load", path("blobs-100.safetensors"),
        "--out", path("f"));
    assertEquals(0, itsOwn.exitCode(), itsOwn.err());
    assertTrue(itsOwn.out().contains("; 225 training and 75 test samples"), itsOwn.out());
  }

  @Test
  void predictGivesClassNamesAndProbabilitiesAndScoresLabelledRows() throws IOException {
    Path csv = dir.resolve("pets.csv");
    StringBuilder text = new StringBuilder("id,weight,height,kind\n");
    for (int i = 0; i < 80; i++) {
      boolean dog = i % 2 == 1;
      text.append(i).append(',').append((dog ? 20 : 4) + Math.sin(i)).append(',')
          .append((dog ? 50 : 25) + 2 * Math.cos(i)).append(',').append(dog ? "dog" : "cat")
          .append('\n');
    }
    Files.writeString(csv, text);
    assertEquals(0, Cli.run("train", "--csv", csv.toString(), "--label", "kind", "--drop", "id",
        "--save", path("pets.safetensors"), "--out", path("o")).exitCode());
    // The same --drop agrees with the loaded model; dropping one of its features contradicts it.
    assertEquals(0, Cli.run("train", "--csv", csv.toString(), "--load", path("pets.safetensors"),
        "--epochs", "0", "--drop", "id", "--out", path("o-same")).exitCode());
    Cli.Result contradicting = Cli.run("train", "--csv", csv.toString(), "--load",
        path("pets.safetensors"), "--epochs", "0", "--drop", "weight", "--out", path("o-other"));
    assertEquals(2, contradicting.exitCode(), contradicting.out());
    assertTrue(contradicting.err().startsWith("error: --drop contradicts pets.safetensors, whose"
        + " features are weight,height"), contradicting.err());

    Path fresh = Files.writeString(dir.resolve("fresh.csv"),
        "height,colour,weight\n24,black,3.5\n\n52,brown,21\n");
    Cli.Result printed = Cli.run("predict", "--load", path("pets.safetensors"), "--csv",
        fresh.toString());
    assertEquals(0, printed.exitCode(), printed.err());
    List<String> lines = printed.lines();
    assertEquals("line,predicted,probability", lines.get(0));
    assertTrue(lines.get(1).matches("2,cat,(0\\.9\\d+|1\\.0000)"),
        "by column name, in any order: " + lines);
    assertTrue(lines.get(2).matches("4,dog,(0\\.9\\d+|1\\.0000)"),
        "file lines, blank ones counted: " + lines);
    assertEquals(3, lines.size(), "no labels, so no score: " + lines);

    Cli.Result scored = Cli.run("predict", "--load", path("pets.safetensors"), "--csv",
        csv.toString(), "--json");
    assertEquals(0, scored.exitCode(), scored.err());
    assertEquals(81, scored.lines().size(), "80 rows, then the summary");
    assertTrue(scored.lines().get(0).matches("\\{\"line\":2,\"predicted\":\"cat\","
        + "\"probability\":(0\\.9\\d*|1\\.0)}"), scored.lines().get(0));
    Map<String, Object> summary = scored.json();
    assertEquals(80.0, summary.get("rows"));
    assertEquals(1.0, summary.get("accuracy"), "well-separated classes");

    Cli.Result written = Cli.run("predict", "--load", path("pets.safetensors"), "--csv",
        csv.toString(), "--output", path("predictions.csv"));
    assertEquals(0, written.exitCode(), written.err());
    assertEquals(List.of("wrote 80 predictions to " + path("predictions.csv"),
        "accuracy 1.0000 (80 of 80)"), written.lines());
    assertEquals(81, Files.readAllLines(dir.resolve("predictions.csv")).size());

    // Rows still to be labelled beside labelled ones: all predicted, only the labelled scored,
    // under either policy for missing features (a label not known yet is not a missing feature).
    Path mixed = Files.writeString(dir.resolve("mixed.csv"),
        "height,weight,kind\n24,3.5,cat\n52,21,\n51,20,dog\n25,4,NA\n");
    for (String policy : List.of("reject", "drop")) {
      Cli.Result partly = Cli.run("predict", "--load", path("pets.safetensors"), "--csv",
          mixed.toString(), "--missing", policy);
      assertEquals(0, partly.exitCode(), partly.err());
      // Standard output is the CSV alone (predict > out.csv); the score goes to standard error.
      assertEquals(List.of("line,predicted,probability", "2,cat", "3,dog", "4,dog", "5,cat"),
          partly.lines().stream().map(line -> line.replaceAll(",[0-9.]+$", "")).toList());
      assertEquals("accuracy 1.0000 (2 of 2); 2 rows without a label not scored",
          partly.err().strip());
    }
    Map<String, Object> partlyScored = Cli.run("predict", "--load", path("pets.safetensors"),
        "--csv", mixed.toString(), "--json").json();
    assertEquals(4.0, partlyScored.get("rows"));
    assertEquals(2.0, partlyScored.get("scored"));

    // With --json, nothing but JSON: no note of left-out rows or of the file written.
    Path holes = Files.writeString(dir.resolve("holes.csv"),
        "height,weight\n24,3.5\n,21\n51,20\n");
    Cli.Result dropped = Cli.run("predict", "--load", path("pets.safetensors"), "--csv",
        holes.toString(), "--missing", "drop", "--json", "--output", path("holes-out.csv"));
    assertEquals(0, dropped.exitCode(), dropped.err());
    assertEquals(1, dropped.lines().size(), dropped.out());
    assertEquals(1.0, dropped.json().get("dropped_rows"));
    // --json asks for JSON lines: the file written holds the predictions as such, not CSV.
    List<String> jsonLines = Files.readAllLines(dir.resolve("holes-out.csv"));
    assertEquals(2, jsonLines.size(), jsonLines.toString());
    assertTrue(jsonLines.get(0).startsWith("{\"line\":2,\"predicted\":") && jsonLines.get(1)
        .startsWith("{\"line\":4,\"predicted\":"), jsonLines.toString());
    Path petsWithAHole = Files.writeString(dir.resolve("pets-hole.csv"),
        Files.readString(csv) + "80,,30,cat\n");
    Cli.Result trained = Cli.run("train", "--csv", petsWithAHole.toString(), "--label", "kind",
        "--drop", "id", "--epochs", "1", "--missing", "drop", "--json", "--out", path("o2"));
    assertEquals(0, trained.exitCode(), trained.err());
    assertEquals(1, trained.lines().size(), trained.out());
    assertEquals(1.0, trained.json().get("dropped_rows"), "train counts them as predict does");

    // Printed as CSV (predict > out.csv, or --output -), the predictions are all of standard
    // output: the note of the rows left out goes to standard error with the score.
    Cli.Result toStdout = Cli.run("predict", "--load", path("pets.safetensors"), "--csv",
        holes.toString(), "--missing", "drop", "--output", "-");
    assertEquals(0, toStdout.exitCode(), toStdout.err());
    assertEquals(List.of("line,predicted,probability", "2", "4"), toStdout.lines().stream()
        .map(line -> line.startsWith("line") ? line : line.replaceAll(",.*", "")).toList());
    assertTrue(toStdout.err().startsWith("holes.csv: left out 1 row with missing values"),
        toStdout.err());
    assertFalse(Files.exists(Path.of("-")), "no file named -");
  }

  @Test
  void predictGivesRegressionValuesInTheLabelsUnits() throws IOException {
    Path csv = prices("prices.csv");
    assertEquals(0, Cli.run("train", "--csv", csv.toString(), "--label", "price", "--task",
        "regression", "--save", path("prices.safetensors"), "--out", path("o")).exitCode());
    Path fresh = Files.writeString(dir.resolve("fresh.csv"), "x\n2\n");
    Cli.Result r = Cli.run("predict", "--load", path("prices.safetensors"), "--csv",
        fresh.toString(), "--json");
    assertEquals(0, r.exitCode(), r.err());
    double predicted = Double.parseDouble(r.lines().get(0).replaceAll(".*\"predicted\":", "")
        .replace("}", ""));
    // 1000·2 + 500 = 2500, within 2 % of the price range (the fit's standardised error is
    // about 1 % of the spread on this line).
    assertEquals(2500, predicted, 0.02 * 4000);

    // The CSV output gives the same number as the JSON line, every digit of it: six significant
    // digits would print a price in millions as 1.23457e+06.
    Cli.Result table = Cli.run("predict", "--load", path("prices.safetensors"), "--csv",
        fresh.toString());
    assertEquals(0, table.exitCode(), table.err());
    assertEquals("2," + Double.toString(predicted), table.lines().get(1));
  }

  @Test
  void aFloat32ModelPredictsInTheTargetsUnitsInFloat64() throws IOException {
    Path csv = prices("prices32.csv");
    assertEquals(0, Cli.run("train", "--csv", csv.toString(), "--label", "price", "--task",
        "regression", "--dtype", "float32", "--save", path("prices32.safetensors"), "--out",
        path("o")).exitCode());
    Path fresh = Files.writeString(dir.resolve("fresh32.csv"), "x\n2\n");
    Cli.Result r = Cli.run("predict", "--load", path("prices32.safetensors"), "--csv",
        fresh.toString(), "--json");
    assertEquals(0, r.exitCode(), r.err());
    String predicted = r.lines().get(0).replaceAll(".*\"predicted\":", "").replace("}", "");
    // The rows are standardised in the model's type, as training did; its float32 output goes
    // back to the price's units in float64, as training scored it (Float32PredictedUnitsTest
    // holds the values to training's scores). Within 2 % of the price range of 1000·2 + 500, as
    // in float64.
    assertEquals(2500, Double.parseDouble(predicted), 0.02 * 4000);
  }

  /** 200 rows of price = 1000·x + 500, x from 0 to 3.98. */
  private Path prices(String name) throws IOException {
    StringBuilder text = new StringBuilder("x,price\n");
    for (int i = 0; i < 200; i++) {
      text.append(i / 50.0).append(',').append(1000 * i / 50.0 + 500).append('\n');
    }
    return Files.writeString(dir.resolve(name), text);
  }
}
