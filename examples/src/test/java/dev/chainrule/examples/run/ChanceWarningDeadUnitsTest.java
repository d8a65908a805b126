package dev.chainrule.examples.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.Tensor;
import dev.chainrule.optim.metrics.ConfusionMatrix;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The advice for dead units (every weight's gradient exactly 0) in the words of the run it is
 * given to: a regression's, after "if they should, ", is what to do, and a network that refuses
 * {@code --activation} ({@code --model cnn}) is not sent to another.
 */
class ChanceWarningDeadUnitsTest {
  private static final String DEAD = "every weight's gradient was exactly 0 in the last epoch,"
      + " so no learning rate moves them (dead units: a ReLU whose input is negative for every"
      + " sample passes no gradient)";
  private static final ChanceWarning.Advice CNN = new ChanceWarning.Advice(false, false);

  /**
   * "If they should, every weight's gradient was exactly 0" was no advice: the sentence read as
   * if the features predicting the target made the gradients 0.
   */
  @Test
  void aRegressionsDeadUnitsAdviceIsWhatToDo() {
    assertEquals(Optional.of("warning: test R² -0.1000 is no better than 0, the score of always"
        + " predicting the test targets' mean: the network learned nothing it can use; the"
        + " features may not predict the target at all; if they should, try another --seed, more"
        + " --hidden units or another --activation, since " + DEAD),
        ChanceWarning.regressionWarning(-0.1, ChanceWarning.Trained.DEAD_UNITS,
            ChanceWarning.Advice.ALL));
    assertEquals(Optional.of("warning: test R² -0.1000 is no better than 0, the score of always"
        + " predicting the test targets' mean: the network learned nothing it can use; the"
        + " features may not predict the target at all; if they should, try a new model trained"
        + " without --load, with another --seed, more --hidden units or another --activation,"
        + " since " + DEAD), ChanceWarning.regressionWarning(-0.1,
            ChanceWarning.Trained.DEAD_UNITS, new ChanceWarning.Advice(true, false, true)));
  }

  @Test
  void aNetworkThatRefusesActivationIsNotSentToAnother() {
    ConfusionMatrix always = ConfusionMatrix.tally(Tensor.vector(0, 0, 0, 0, 0, 0),
        Tensor.vector(0, 0, 0, 1, 1, 2), 3);
    assertEquals(Optional.of("warning: test accuracy 0.5000 is no better than always answering"
        + " the most common class (0.5000 of the test rows): the network learned nothing it can"
        + " use; " + DEAD + "; try another --seed or more --hidden units"),
        ChanceWarning.warning(always, ChanceWarning.Trained.DEAD_UNITS, CNN));
    assertEquals("another --seed or more --hidden units", LossStall.deadUnitsRemedy(false, false));
    assertEquals("another --seed, more --hidden units or another --activation",
        LossStall.deadUnitsRemedy(false, true));
    // A new model in place of a loaded one is the user's to choose, --activation included.
    assertEquals("a new model trained without --load, with another --seed, more --hidden units"
        + " or another --activation", LossStall.deadUnitsRemedy(true, false));
  }
}
