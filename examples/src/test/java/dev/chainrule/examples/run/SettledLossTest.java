package dev.chainrule.examples.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.optim.train.EpochResult;
import dev.chainrule.optim.train.History;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * A loss is settled when it flattened relative to its own descent: curves shaped as xor's runs
 * (stuck at ln 2 / 2, still falling slowly from ln 2, learning towards 0) are told apart.
 */
class SettledLossTest {
  /**
   * xor --seed 2 --optimizer sgd --lr 0.001: 0.6777 to 0.6750 in 1000 epochs at a steady rate,
   * 3.9e-4 of itself per tenth, which "at most 1e-3 of itself" called settled; it learns XOR by
   * 60,000 epochs. It moves by a tenth of its drop per tenth: not settled, still near its start.
   */
  @Test
  void aSlowSteadyFallIsNotSettled() {
    History slow = run(0, 1000, t -> 0.6777 - 0.0027 * t / 999);
    assertEquals(Optional.empty(), SettledLoss.describe(slow));
    assertEquals(Optional.of("the training loss is still near its start (0.6750 after 1000"
        + " epochs, from 0.6777)"), SettledLoss.nearStart(slow));
  }

  /**
   * xor --seed 1 (also 4, 6): from 0.7068 to ln 2 / 2 = 0.3466, moving by 3e-5 of itself over
   * the last 100 epochs, 3e-5 of its drop: settled, and not near its start.
   */
  @Test
  void aLossStoppedAtALocalMinimumIsSettled() {
    History stuck = run(0, 1000, t -> 0.3466 + 0.3602 * Math.exp(-t / 80.0)
        + 1e-5 * (999 - t) / 99);
    Optional<String> settled = SettledLoss.describe(stuck);
    // 1.35e-5 over epochs 899 to 999, of a last loss of 0.34660: 0.0039%.
    assertEquals(Optional.of("the training loss settled at 0.3466 (it moved by 0.0039% over the"
        + " last 100 epochs)"), settled);
    assertEquals(Optional.empty(), SettledLoss.nearStart(stuck));
  }

  /** A run learning XOR halves its loss every few hundred epochs: still going somewhere. */
  @Test
  void aLossFallingTowardsZeroIsNotSettled() {
    History learning = run(0, 1000, t -> 0.7 * Math.exp(-t / 475.0));
    assertEquals(Optional.empty(), SettledLoss.describe(learning));
    assertEquals(Optional.empty(), SettledLoss.nearStart(learning));
  }

  /**
   * Continued from a file (epochs 1000 on), the descent before is unknown: the loss is judged
   * against itself, and a loss near none of its start is claimed.
   */
  @Test
  void aContinuedRunIsJudgedAgainstItself() {
    History continued = run(1000, 100, t -> 0.34663 - 1e-7 * t);
    assertTrue(SettledLoss.describe(continued).isPresent());
    assertEquals(Optional.empty(), SettledLoss.nearStart(continued));
    assertFalse(SettledLoss.describe(run(1000, 100, t -> 0.6777 - 0.027 * t / 99)).isPresent(),
        "moving by 4e-3 of itself per tenth");
  }

  /** Under 100 epochs the last tenth says nothing; a loss that rose has not settled either. */
  @Test
  void shortOrRisingRunsAreNeither() {
    assertEquals(Optional.empty(), SettledLoss.describe(run(0, 99, t -> 0.3466)));
    assertEquals(Optional.empty(), SettledLoss.nearStart(run(0, 99, t -> 0.6777)));
    assertEquals(Optional.empty(), SettledLoss.describe(run(0, 1000, t -> 0.3 + 1e-4 * t)));
    assertEquals(Optional.empty(), SettledLoss.describe(null));
  }

  /**
   * "At most" a hundredth of the drop and of the loss, and a thousandth of itself for a continued
   * run, are inclusive: at the bound exactly (1 of a loss of 1000 that dropped by 100; all exact
   * in doubles) the loss has settled.
   */
  @Test
  void aChangeOfExactlyTheBoundIsSettled() {
    History fromStart = run(0, 100, t -> t < 90 ? 1100 - 99.0 * t / 89 : 1000);
    assertEquals(Optional.of("the training loss settled at 1000.0000 (it moved by 0.1% over the"
        + " last 10 epochs)"), SettledLoss.describe(fromStart));
    History continued = run(500, 100, t -> t < 90 ? 1001 : 1000);
    assertEquals(Optional.of("the training loss settled at 1000.0000 (it moved by 0.1% over the"
        + " last 10 epochs)"), SettledLoss.describe(continued));
  }

  /** A loss that never moved has no descent to have settled from: it is near its start. */
  @Test
  void aLossThatNeverMovedIsNearItsStart() {
    History flat = run(0, 100, t -> 0.6931);
    assertEquals(Optional.empty(), SettledLoss.describe(flat));
    assertEquals(Optional.of("the training loss is still near its start (0.6931 after 100"
        + " epochs, from 0.6931)"), SettledLoss.nearStart(flat));
  }

  /** A loss that reached 0 and stayed there learned everything; no share of 0 is a figure. */
  @Test
  void aLossAtZeroHasNotSettled() {
    History learned = run(0, 200, t -> t < 100 ? 0.7 * (99 - t) / 99 : 0);
    assertEquals(Optional.empty(), SettledLoss.describe(learned));
    assertEquals(Optional.empty(), SettledLoss.nearStart(learned));
  }

  /**
   * Near its start means within a tenth of the first loss, the bound included (100 of 1000);
   * a steady fall by 0.1 from 0.6777, 15% of it, went somewhere.
   */
  @Test
  void nearItsStartIsWithinATenthOfTheFirstLoss() {
    assertEquals(Optional.of("the training loss is still near its start (900.0000 after 100"
        + " epochs, from 1000.0000)"), SettledLoss.nearStart(run(0, 100, t -> 1000 - t * 100.0
        / 99)));
    assertEquals(Optional.empty(), SettledLoss.nearStart(run(0, 1000, t -> 0.6777 - 0.1 * t
        / 999)));
  }

  private static History run(int firstEpoch, int epochs, IntToDoubleFunction loss) {
    List<EpochResult> results = new ArrayList<>();
    for (int t = 0; t < epochs; t++) {
      results.add(new EpochResult(firstEpoch + t, loss.applyAsDouble(t), 0.5, Double.NaN,
          Double.NaN, 0.1, 0.01, 4));
    }
    return new History(results, false, firstEpoch + epochs - 1);
  }
}
