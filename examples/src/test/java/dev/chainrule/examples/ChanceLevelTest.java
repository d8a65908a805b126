package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.examples.run.ChanceLevel;
import dev.chainrule.optim.metrics.ConfusionMatrix;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trained classifier no better than the most common class's share is called so. */
class ChanceLevelTest {
  /** Six rows, true classes 0 0 0 1 1 2: the most common class is half of them. */
  private static final Tensor TRUTH = Tensor.vector(0, 0, 0, 1, 1, 2);

  @Test
  void answeringTheMostCommonClassIsChance() {
    ConfusionMatrix always = ConfusionMatrix.tally(Tensor.vector(0, 0, 0, 0, 0, 0), TRUTH, 3);
    assertTrue(ChanceLevel.atChance(always));
    assertEquals(Optional.of("warning: test accuracy 0.5000 is no better than always answering"
        + " the most common class (0.5000 of the test rows): the network learned nothing it can"
        + " use; look at the gradient pictures (vanishing gradients?) and try another --lr or"
        + " --activation"), ChanceLevel.warning(always));
  }

  @Test
  void oneRowBetterIsNot() {
    ConfusionMatrix better = ConfusionMatrix.tally(Tensor.vector(0, 0, 0, 1, 0, 0), TRUTH, 3);
    assertFalse(ChanceLevel.atChance(better));
    assertEquals(Optional.empty(), ChanceLevel.warning(better));
  }

  /**
   * The README's vanishing-gradient run ends at one digit in ten while its loss still moves by
   * about ±0.01, which the loss-stall warning does not catch.
   */
  @Test
  void theReadmesSigmoidDigitsRunIsCalledChance(@TempDir Path dir) {
    Cli.Result r = Cli.run("digits", "--activation", "sigmoid", "--hidden", "32,32,32,32",
        "--optimizer", "sgd", "--lr", "0.1", "--epochs", "20", "--out", dir.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("warning: test accuracy 0.0"), r.out());
    Cli.Result relu = Cli.run("digits", "--activation", "relu", "--hidden", "32,32,32,32",
        "--optimizer", "sgd", "--lr", "0.1", "--epochs", "20", "--out", dir.toString(),
        "--json");
    assertTrue(relu.out().contains("\"at_chance\":false"), relu.out());
  }
}
