package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --class-weights} whose smallest is below the model's type's smallest normal number as a
 * share of the largest ({@code 1e-320,1,1}; {@code 1e-39,1,1} in float32) train to the end with
 * finite losses. They were refused as a usage error before training, saying the class's
 * gradients would not be finite; {@code Trainer}'s weighted mean now forms each row's share of
 * the batch's weight in float64, as PyTorch's takes such weights, and only the Spark launcher,
 * whose shards sum the shares in the model's type, refuses them.
 */
class TinyClassWeightsTest {
  @TempDir
  Path dir;

  private Cli.Result train(String... more) throws IOException {
    return ClassWeightOptionsTest.train(dir, more);
  }

  /** The run's training loss, after checking that it ran to the end without a word of error. */
  private double trainLoss(String weights, String dtype) throws IOException {
    Cli.Result r = train("--class-weights", weights, "--dtype", dtype, "--epochs", "5",
        "--json");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertFalse(r.err().contains("error"), r.err());
    assertEquals(5.0, r.number("epochs"), "ran every epoch");
    double loss = r.number("train_loss");
    assertTrue(Double.isFinite(loss), weights + " in " + dtype + ": " + r.out());
    return loss;
  }

  /**
   * A class weighing 1e-320 (1e-39 in float32) of the others trains as one weighing 1e-300
   * (1e-30), which the check let through: both shares vanish beside the other classes' in every
   * sum of the step, so the runs are the same but for rounding (1e-9 relative, far wider than
   * the rounding and far narrower than the weight's effect). With class a weighed as much as the
   * others, the loss is another: the tiny weight is taken, not dropped or rounded up.
   */
  @Test
  void weightsFurtherApartThanTheTypesNormalNumbersTrain() throws IOException {
    // The classes of imbalanced.csv are a, b and c, in that order; a holds two thirds of rows.
    for (String[] run : new String[][] {{"float64", "1e-320", "1e-300"},
        {"float32", "1e-39", "1e-30"}}) {
      String dtype = run[0];
      double tiny = trainLoss(run[1] + ",1,1", dtype);
      double small = trainLoss(run[2] + ",1,1", dtype);
      assertEquals(small, tiny, 1e-9 * small, dtype);
      double even = trainLoss("1,1,1", dtype);
      assertTrue(Math.abs(even - tiny) > 1e-3 * even, dtype + ": " + tiny + " vs " + even);
    }
  }

  /**
   * The weights go where the run's weights go: the JSON line, the saved file's metadata in a
   * float32 model, and a run that continues that file, which trains on them again.
   */
  @Test
  void aFloat32ModelSavesAndContinuesWithThem() throws IOException {
    String model = dir.resolve("m.safetensors").toString();
    Cli.Result saved = train("--dtype", "float32", "--class-weights", "1e-39,1,1", "--save",
        model, "--json");
    assertEquals(0, saved.exitCode(), saved.out() + saved.err());
    assertEquals("1.0E-39,1.0,1.0", saved.json().get("class_weights"));
    Cli.Result loaded = train("--load", model, "--epochs", "2", "--json");
    assertEquals(0, loaded.exitCode(), loaded.out() + loaded.err());
    assertEquals("1.0E-39,1.0,1.0", loaded.json().get("class_weights"), "the file's weights");
    assertTrue(Double.isFinite(loaded.number("train_loss")), loaded.out());
  }
}
