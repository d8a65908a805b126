package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The launcher warns of a regression no better than a constant, as train does. */
class LaunchReportRegressionWordsTest {
  @Test
  void anR2OfAtMostZeroIsWarnedAbout() {
    assertEquals(Optional.of("warning: test R² -0.0360 is no better than 0, the score of always"
        + " predicting the test targets' mean: the network learned nothing it can use; the"
        + " features may not predict the target at all; if they should, try another --lr or"
        + " --activation (the program's train, with the same options, draws the"
        + " gradient pictures that show whether the gradients vanish)"),
        LaunchReport.meanWarning(-0.036));
    assertEquals(Optional.empty(), LaunchReport.meanWarning(0.5));
    assertEquals(Optional.empty(), LaunchReport.meanWarning(Double.NaN));
  }
}
