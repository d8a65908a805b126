package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.optim.checkpoint.Checkpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --monitor}: the validation figure {@code --patience} watches and keeps the best epoch
 * by, on {@code ClassWeightOptionsTest}'s imbalanced file (classes a, b and c, two thirds a; 54
 * training, 18 validation and 18 test rows). With {@code --lr 0.01} and the default seed the
 * validation macro F1 reaches 1 at epoch 4 and stays there, so {@code --monitor macro-f1} stops
 * at epoch 9 with epoch 4's weights, while the validation loss falls through all 20 epochs and
 * {@code --monitor loss} keeps the last. (Parsing and the unknown name: TrainingOptionsTest.)
 */
class MonitorOptionTest {
  @TempDir
  Path dir;

  private String path(String name) {
    return dir.resolve(name).toString();
  }

  /** train on the imbalanced file at rate 0.01, its classes the label unless {@code more} says. */
  private Cli.Result train(String... more) throws IOException {
    List<String> args = new ArrayList<>(List.of("train", "--csv",
        ClassWeightOptionsTest.imbalanced(dir).toString(), "--lr", "0.01", "--out",
        path("out")));
    if (!List.of(more).contains("--label")) {
      args.addAll(List.of("--label", "kind"));
    }
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  private Map<String, Object> json(String... more) throws IOException {
    List<String> args = new ArrayList<>(List.of(more));
    args.add("--json");
    Cli.Result r = train(args.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.err());
    return r.json();
  }

  @Test
  void macroF1KeepsAnotherEpochThanTheLoss() throws IOException {
    Map<String, Object> f1 = json("--validation", "0.25", "--patience", "5", "--epochs", "20",
        "--monitor", "macro-f1");
    assertEquals(9.0, f1.get("epochs"));
    assertEquals(Boolean.TRUE, f1.get("stopped_early"));
    assertEquals(4.0, f1.get("weights_epoch"));
    assertEquals("macro-f1", f1.get("monitor"));
    assertEquals(1.0, f1.get("monitor_best"), "every validation row right: F1 1 in each class");

    Map<String, Object> loss = json("--validation", "0.25", "--patience", "5", "--epochs", "20");
    assertEquals(Boolean.FALSE, loss.get("stopped_early"));
    assertEquals(20.0, loss.get("weights_epoch"), "the loss still falls at the last epoch");
    assertEquals("loss", loss.get("monitor"), "the default figure, named");
    assertTrue((Double) loss.get("monitor_best") < 0.1, loss.toString());

    Cli.Result text = train("--validation", "0.25", "--patience", "5", "--epochs", "20",
        "--monitor", "macro-f1");
    assertEquals(0, text.exitCode(), text.err());
    assertTrue(text.out().contains("epoch 4/20  loss 0.5363  train acc 0.8704  validation loss"
        + " 0.4193  validation acc 1.0000  validation macro-f1 1.0000  "), text.out());
    assertTrue(text.out().contains("stopped after epoch 9: no better validation macro-f1 for 5"
        + " epochs; the model keeps the weights of epoch 4, whose validation macro-f1 1.0000 was"
        + " the highest"), text.out());
  }

  /**
   * The README's run, its end's line as the README quotes it: on the breast cancer file the
   * validation macro F1 reaches 1 at epoch 7, and the run stops five epochs later, where the
   * loss's run trains every epoch and keeps epoch 49.
   */
  @Test
  void theReadmesRunOnTheBreastCancerFile() throws IOException {
    Path csv = dir.resolve("breast_cancer.csv");
    try (var in = getClass().getResourceAsStream("/breast_cancer.csv")) {
      Files.copy(in, csv);
    }
    String[] run = {"train", "--csv", csv.toString(), "--label", "diagnosis", "--validation",
        "0.2", "--patience", "5", "--out", path("cancer")};
    Cli.Result f1 = Cli.run(with(run, "--monitor", "macro-f1"));
    assertEquals(0, f1.exitCode(), f1.err());
    assertTrue(f1.out().contains("stopped after epoch 12: no better validation macro-f1 for 5"
        + " epochs; the model keeps the weights of epoch 7, whose validation macro-f1 1.0000 was"
        + " the highest"), f1.out());
    Cli.Result loss = Cli.run(with(run, "--json"));
    assertEquals(0, loss.exitCode(), loss.err());
    assertEquals(49.0, loss.json().get("weights_epoch"), "the validation loss falls to epoch 49");
  }

  /**
   * Saved under {@code --monitor macro-f1} after 6 epochs (holding epoch 4's weights), the file
   * records the figure: continued with {@code --patience} alone it watches macro F1 again and
   * ends as one run does, bit for bit; another {@code --monitor} is refused naming both.
   */
  @Test
  void aSavedRunGoesOnWatchingItsFigure() throws IOException {
    String[] f1 = {"--validation", "0.25", "--patience", "5", "--monitor", "macro-f1"};
    json(with(f1, "--epochs", "20", "--save", path("whole.safetensors")));
    json(with(f1, "--epochs", "6", "--save", path("first.safetensors")));
    assertEquals("metric:macro-f1:max", SafeTensors.list(dir.resolve("first.safetensors"))
        .metadata().get("chainrule.early_stopping.monitor"));

    Map<String, Object> rest = json("--load", path("first.safetensors"), "--patience", "5",
        "--epochs", "20", "--save", path("rest.safetensors"));
    assertEquals("macro-f1", rest.get("monitor"), "the file's figure");
    assertEquals(5.0, rest.get("first_epoch"));
    assertEquals(4.0, rest.get("weights_epoch"), "an epoch of the first run's");
    assertEquals(SafeTensors.read(dir.resolve("whole.safetensors")).tensors(),
        SafeTensors.read(dir.resolve("rest.safetensors")).tensors(), "bit for bit");
    // Named as the file's, it is the same run.
    assertEquals(4.0, json("--load", path("first.safetensors"), "--patience", "5", "--epochs",
        "20", "--monitor", "MACRO-F1").get("weights_epoch"));

    Cli.Result other = train("--load", path("first.safetensors"), "--patience", "5", "--epochs",
        "20", "--monitor", "loss");
    assertEquals(2, other.exitCode(), other.err());
    assertEquals(List.of("error: --monitor loss contradicts first.safetensors, whose run's"
        + " --patience watched macro-f1 and kept the best epoch by it; give --monitor macro-f1 or"
        + " leave out --monitor, which takes the file's (see 'chainrule train --help')"),
        other.err().lines().toList());
    // A library caller's record of a figure no --monitor names (here the same metric, lower
    // better) goes on from nothing the program can watch.
    Checkpoint file = SafeTensors.read(dir.resolve("first.safetensors"));
    Map<String, String> metadata = new LinkedHashMap<>(file.metadata());
    metadata.put("chainrule.early_stopping.monitor", "metric:macro-f1:min");
    SafeTensors.write(dir.resolve("theirs.safetensors"), file.tensors(), metadata);
    Cli.Result theirs = train("--load", path("theirs.safetensors"), "--patience", "5",
        "--epochs", "20");
    assertEquals(1, theirs.exitCode(), theirs.err());
    assertEquals(List.of("error: theirs.safetensors: its early-stopping record watched metric"
        + " macro-f1 (min), a figure --monitor does not name; continue it without --patience,"
        + " which leaves the record alone"), theirs.err().lines().toList());
    // Without --patience the record is left alone, and no figure is watched.
    Map<String, Object> plain = json("--load", path("first.safetensors"), "--epochs", "2");
    assertFalse(plain.containsKey("monitor"), plain.toString());
  }

  /** The classes' figures have no meaning for a regression, nor its error for class scores. */
  @Test
  void aFigureOfTheOtherTaskIsRefused() throws IOException {
    String[] regression = {"--label", "x2", "--task", "regression", "--drop", "kind",
        "--validation", "0.25", "--patience", "5", "--epochs", "3"};
    Cli.Result f1 = train(with(regression, "--monitor", "macro-f1"));
    assertEquals(2, f1.exitCode(), f1.err());
    assertEquals(List.of("error: --monitor macro-f1 is a classification's figure; a regression"
        + " watches loss or mae (see 'chainrule train --help')"), f1.err().lines().toList());
    Cli.Result mae = train("--validation", "0.25", "--patience", "5", "--epochs", "3",
        "--monitor", "mae");
    assertEquals(2, mae.exitCode(), mae.err());
    assertEquals(List.of("error: --monitor mae is a regression's figure; a classification"
        + " watches loss, accuracy, balanced-accuracy or macro-f1 (see 'chainrule train"
        + " --help')"), mae.err().lines().toList());

    Map<String, Object> fit = json(with(regression, "--monitor", "mae"));
    assertEquals("mae", fit.get("monitor"));
    assertTrue((Double) fit.get("monitor_best") > 0, fit.toString());
  }

  /** xor has no rows to hold out, so no figure of them to watch. */
  @Test
  void xorRefusesIt() {
    Cli.Result r = Cli.run("xor", "--monitor", "loss", "--out", path("xor"));
    assertEquals(2, r.exitCode(), r.err());
    assertEquals(List.of("error: --monitor: xor trains and scores the same four points, and has"
        + " no rows to hold out to choose an epoch by (see 'chainrule xor --help')"),
        r.err().lines().toList());
    assertFalse(Cli.run("xor", "--help").out().contains("--monitor"), "nor shows it in its help");
  }

  private static String[] with(String[] base, String... more) {
    List<String> all = new ArrayList<>(List.of(base));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}
