package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Tensor;
import java.util.Optional;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * KinkedElement.judge on one input element, x at 0 with step H = 1e-6 (slopes at H/10, H/100 and
 * NEAR·H = 1e-10), for outputs whose kinks are placed by hand: which are resolved at the point,
 * whether rounding lets the slopes at 1e-10 count, and which outputs bend up.
 */
class KinkedElementResolutionTest {
  private static final double H = 1e-6;

  /**
   * The judgement of outputs {@code f} of x, with the engine's gradient {@code rule}·w for
   * weights w ({@code rule} per output: its derivative as the engine has it) and weights all 1.
   */
  private static Optional<Diagnosis> judge(DoubleFunction<double[]> f, double[] rule) {
    return judge(f, rule, GradCheck.Options.defaults());
  }

  private static Optional<Diagnosis> judge(DoubleFunction<double[]> f, double[] rule,
      GradCheck.Options options) {
    int m = rule.length;
    Probe probe = Probe.of(v -> Variable.constant(Tensor.of(f.apply(v.get(0).value().item()),
        m)), java.util.List.of(Tensor.of(new double[] {0}, 1)), false);
    EngineSlope engine = (i, w) -> {
      double[] weights = w.toArray();
      double sum = 0;
      for (int j = 0; j < m; j++) {
        sum += rule[j] * weights[j];
      }
      return Tensor.of(new double[] {sum}, 1);
    };
    Tensor weights = Tensor.of(new double[m], m).map(t -> 1);
    Tensor single = Tensor.of(new double[] {1}, 1);
    double value = engine.gradient(0, weights).item();
    Worst worst = new Worst(options, Optional.empty(), engine);
    worst.offer(0, 0, -1, single, weights, H, value, value + 1, 0);
    double[] steps = {H / 10, H / 100};
    Tensor at = probe.outputAt(0, single, 0);
    KinkBounds.Bounds wide = KinkBounds.of(probe, 0, single, weights, steps[0], at);
    KinkBounds.Bounds fine = KinkBounds.of(probe, 0, single, weights, steps[1], at);
    return KinkedElement.judge(probe, worst, 0, single, wide, fine, at, value, steps);
  }

  private static double relu(double t) {
    return Math.max(t, 0);
  }

  @Test
  void aRuleOutsideTheSlopesOfAKinkAtThePointIsWrong() {
    Optional<Diagnosis> d = judge(x -> new double[] {relu(x)}, new double[] {1.5});
    assertTrue(d.isPresent());
    assertEquals(Verdict.WRONG_DERIVATIVE, d.get().verdict());
  }

  /**
   * 2·relu(x + 1e-9) − relu(x): its slopes jump steadily at H/10 (0.02 | 1) and H/100 (0.2 | 1),
   * but at 1e-10 they are 2 | 1, as two kinks 1e-9 apart make them, not one at the point: the
   * element is not judged here, even with an engine of 3, outside every bound. Less x, every
   * slope 1 lower (left slopes negative), it is not judged either.
   */
  @Test
  void kinksApartAtTheFinestStepAreNotJudged() {
    assertEquals(Optional.empty(),
        judge(x -> new double[] {2 * relu(x + 1e-9) - relu(x)}, new double[] {3}));
    assertEquals(Optional.empty(),
        judge(x -> new double[] {2 * relu(x + 1e-9) - relu(x) - x}, new double[] {2}));
  }

  /**
   * 1e6 + relu(x): rounding (8 units of 1e6, 8.9e-10) is 8.9 at 1e-10, beyond a quarter of the
   * jump, so the slopes there do not count, and 0.089 at H/100, which widens the bounds 0 and 1:
   * an engine of 1.05 lies within them, 1.5 does not.
   */
  @Test
  void roundingAtTheFinestStepLeavesItsSlopesOut() {
    assertEquals(Optional.empty(), judge(x -> new double[] {1e6 + relu(x)}, new double[] {1.05}));
    Optional<Diagnosis> d = judge(x -> new double[] {1e6 + relu(x)}, new double[] {1.5});
    assertTrue(d.isPresent());
    assertEquals(Verdict.WRONG_DERIVATIVE, d.get().verdict());
  }

  /**
   * 3e4 + 2·relu(x): rounding at 1e-10 (8 units of 3e4, 2.7e-11, over it: 0.27) is under a
   * quarter of the jump 2, so the slopes there count, each off by rounding up to that much: an
   * engine of 2.1 is within them. At H/100 alone rounding is 100 times less, and 2.1 beyond.
   */
  @Test
  void slopesAtTheFinestStepBringTheirRounding() {
    assertEquals(Optional.empty(),
        judge(x -> new double[] {3e4 + 2 * relu(x)}, new double[] {2.1}));
  }

  /**
   * At zero tolerance (and f 0 at the point, so no rounding), relu's subgradients at the ends
   * of its slopes, 0 and 1, are not wrong.
   */
  @Test
  void atZeroToleranceTheEndsOfTheSlopesAreSubgradients() {
    GradCheck.Options exact = GradCheck.Options.defaults().withTolerances(0, 0);
    assertEquals(Optional.empty(), judge(x -> new double[] {relu(x)}, new double[] {0}, exact));
    assertEquals(Optional.empty(), judge(x -> new double[] {relu(x)}, new double[] {1}, exact));
  }

  /**
   * relu(x) and −relu(x) with a relu rule of −0.3 at 0: their sum's engine value, 0, lies within
   * the summed slopes [−1, 1], but the output that bends up (relu) has −0.3, outside its [0, 1]:
   * wrong, and said of the outputs that bend up.
   */
  @Test
  void theOutputsThatBendUpAreJudgedApart() {
    Optional<Diagnosis> d = judge(x -> new double[] {relu(x), -relu(x)},
        new double[] {-0.3, 0.3});
    assertTrue(d.isPresent());
    assertEquals(Verdict.WRONG_DERIVATIVE, d.get().verdict());
    assertTrue(d.get().detail().startsWith("along input element 0 alone, where the weighted"
        + " outputs that bend up have a kink at the point, their one-sided slopes bound a"
        + " subgradient's value between 0.000000000 and 1.000000000, and the engine's"
        + " -0.3000000000 lies outside them"), d.get()::detail);
  }
}
