package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Tensor;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * AwayFromKinks.pastNearKinks on two outputs of x, at 0 with step H = 1e-6: 2x, smooth, and
 * 100x + 4·relu(x − H/2), whose kink lies within the first step only (its slopes at H, 100 and
 * 102, bound a subgradient there). The engine's gradient is given per output, so each part's
 * value is known by hand.
 */
class PastNearKinksTest {
  private static final double H = 1e-6;

  /** The verdict for engine slopes {@code smooth} and {@code kinked} of the two outputs. */
  private static Optional<Diagnosis> verdict(double smooth, double kinked,
      GradCheck.Options options) {
    Probe probe = Probe.of(v -> {
      double x = v.get(0).value().item();
      return Variable.constant(Tensor.vector(2 * x, 100 * x + 4 * Math.max(x - H / 2, 0)));
    }, List.of(Tensor.vector(0)), false);
    EngineSlope engine = (i, w) -> Tensor.vector(smooth * w.toArray()[0]
        + kinked * w.toArray()[1]);
    Tensor weights = Tensor.vector(1, 1);
    Worst worst = new Worst(options, Optional.empty(), engine);
    worst.offer(0, -1, -1, Tensor.vector(1), weights, H, smooth + kinked, 103, 0);
    KinkBounds.Bounds coarse = KinkBounds.of(probe, 0, Tensor.vector(1), weights, H);
    NearKinks near = new NearKinks(Tensor.vector(0, 1), coarse);
    return AwayFromKinks.pastNearKinks(probe, worst, near, new double[] {H / 10, H / 100});
  }

  /**
   * The kinked output's engine value 5e-4 below its lower slope is within the tolerance of that
   * value (1e-6 + 1e-5·100 = 1e-3): the disagreement is the near kink's. 2e-3 below, it is not,
   * and nothing is concluded here.
   */
  @Test
  void theKinkedOutputsAreJudgedWithTheToleranceOfTheirOwnValue() {
    Optional<Diagnosis> d = verdict(2, 100 - 5e-4, GradCheck.Options.defaults());
    assertTrue(d.isPresent());
    assertEquals(Verdict.FINITE_DIFFERENCE_ARTEFACT, d.get().verdict(), d.get()::detail);
    assertTrue(d.get().detail().startsWith("1 of the 2 outputs have a kink within the first step,"
        + " near the point; over the other outputs alone the engine's value is 2.000000000 and"
        + " central differences give 2.000000000 and 2.000000000 at steps 1e-07 and 1e-08, in"
        + " agreement"), d.get()::detail);
    assertEquals(Optional.empty(), verdict(2, 100 - 2e-3, GradCheck.Options.defaults()));
  }

  /**
   * With atol 1 and rtol 0, the smooth output's engine value 3 is exactly a tolerance from its
   * central differences (exactly 2 at both steps): in agreement, as the check's comparisons
   * pass, and the near kink (the engine's 101, between its slopes) excuses the rest.
   */
  @Test
  void theOtherOutputsAgreeWithinTheToleranceInclusive() {
    GradCheck.Options unit = GradCheck.Options.defaults().withTolerances(1, 0);
    Optional<Diagnosis> d = verdict(3, 101, unit);
    assertTrue(d.isPresent());
    assertEquals(Verdict.FINITE_DIFFERENCE_ARTEFACT, d.get().verdict(), d.get()::detail);
  }
}
