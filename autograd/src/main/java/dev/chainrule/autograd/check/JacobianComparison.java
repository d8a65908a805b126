package dev.chainrule.autograd.check;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autograd.Gradients;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The comparison behind {@link GradCheck}: the engine's Jacobian against central differences,
 * element by element when outputs × inputs is small, else through random projections ⟨Jᵀv, u⟩
 * against ⟨v, Ju⟩, every comparison offered to a {@link Worst}.
 */
final class JacobianComparison {
  private JacobianComparison() {}

  /**
   * Refuses a check that would compare nothing: its report could only say PASSED about a
   * gradient nobody looked at. Inputs without elements beside others are fine (concatenating an
   * empty slice is legitimate); they add no comparison.
   */
  static void checkSomethingToCompare(String op, String what, List<Shape> shapes,
      Shape output) {
    checkArgument(!shapes.isEmpty(), "%s: no %s to check", op, what);
    checkArgument(shapes.stream().anyMatch(s -> s.size() > 0), "%s: every one of the %s has no"
        + " elements (shapes %s): there is nothing to compare", op, what, shapes);
    checkArgument(output.size() > 0, "%s: the function's output (shape %s) has no elements:"
        + " there is nothing to compare", op, output);
  }

  /**
   * Every analytical value first (the probe may move values the graph reads), then the rest.
   * Before anything, f is evaluated once more at the point itself and compared with the value
   * the engine differentiated: one evaluation among the 2n of the comparisons, and the only way
   * to tell a function that is not deterministic from a wrong rule. The comparisons are made all
   * the same, so that the report's worst comparison is a real one.
   */
  static GradCheckReport compare(String what, Probe probe, Variable out,
      List<Variable> leaves, GradCheck.Options options) {
    checkSomethingToCompare("gradCheck", what, leaves.stream().map(Variable::shape).toList(),
        out.shape());
    int outputs = out.value().size();
    long work = (long) outputs * leaves.stream().mapToLong(v -> v.value().size()).sum();
    // Before the probe moves any value the graph reads.
    Optional<Linearity> nonLinear = Linearity.find(out, leaves, options);
    Worst worst = new Worst(options, Determinism.compare(out.value(), probe.atPoint()),
        (i, weights) -> gradients(out, leaves, weights).get(i));
    if (work <= options.fullJacobianLimit()) {
      fullJacobian(probe, out, leaves, options, worst);
    } else {
      projections(probe, out, leaves, options, worst);
    }
    boolean full = work <= options.fullJacobianLimit();
    GradCheckReport report = worst.report(probe, full);
    // A rule not linear in g is wrong whatever the comparisons found, unless the function is
    // not deterministic, which explains anything.
    if (nonLinear.isEmpty() || report.verdict() == Verdict.WRONG_DERIVATIVE
        || report.verdict() == Verdict.NOT_DETERMINISTIC) {
      return report;
    }
    return nonLinear.get().report(probe, options, report.method(), report.comparisons());
  }

  /**
   * The incoming gradient each row of the full Jacobian is read with: −2, not 1, so that a rule
   * that ignores its incoming gradient g (returns the Jacobian itself, as a loss's rule written
   * without {@code .mul(g)} does) or takes it as |g| gives the wrong row. A power of two, so that
   * dividing it back out is exact. PyTorch's gradcheck tests the same with a second backward.
   */
  private static final double ROW_SEED = -2;

  private static void fullJacobian(Probe probe, Variable out, List<Variable> leaves,
      GradCheck.Options options, Worst worst) {
    int outputs = out.value().size();
    double[] values = out.value().toArray();
    double[][][] analytical = new double[leaves.size()][outputs][];
    for (int j = 0; j < outputs; j++) {
      Tensor seed = oneHot(out.shape(), j).mul(ROW_SEED);
      List<Tensor> grads = gradients(out, leaves, seed);
      for (int i = 0; i < leaves.size(); i++) {
        // + 0 turns the −0 that dividing a zero by −2 gives back into the 0 the rule gave.
        analytical[i][j] = grads.get(i).div(ROW_SEED).add(0.0).toArray();
      }
    }
    for (int i = 0; i < leaves.size(); i++) {
      Shape shape = leaves.get(i).shape();
      double[] steps = probe.steps(i, options.eps()).toArray();
      for (int k = 0; k < shape.size(); k++) {
        Tensor direction = oneHot(shape, k);
        double step = steps[k];
        double[] plus = probe.outputAt(i, direction, step).toArray();
        double[] minus = probe.outputAt(i, direction, -step).toArray();
        for (int j = 0; j < outputs; j++) {
          // Equal ends did not change, an infinite output (a −∞ mask) too, where ∞ − ∞ is NaN.
          double numerical = plus[j] == minus[j] ? 0 : (plus[j] - minus[j]) / (2 * step);
          double a = analytical[i][j][k];
          worst.offer(i, k, j, direction, oneHot(out.shape(), j), step, a, numerical,
              heldConstant(values[j], plus[j], minus[j], a) ? 0 : values[j]);
        }
      }
    }
  }

  private static void projections(Probe probe, Variable out, List<Variable> leaves,
      GradCheck.Options options, Worst worst) {
    RandomGenerator random = Tensors.seeded(options.seed());
    int count = options.projections();
    Tensor[] weights = new Tensor[count];
    Tensor[][] directions = new Tensor[count][leaves.size()];
    double[][] analytical = new double[count][leaves.size()];
    Tensor at = out.value();
    Tensor infinite = at.map(v -> Double.isInfinite(v) ? 1 : 0);
    boolean anyInfinite = infinite.sum().item() > 0;
    // Infinite elements make ⟨w, f⟩ infinite, NOT_FINITE, unless they are constants: the same at
    // both steps and no gradient through them (a −∞ mask's). Then the value is the finite
    // elements'. An overflow (x² at 1e200) holds too, but its gradient is not 0. Asked here, with
    // the analytical values, before the probe runs: out's graph is walked back at the values it
    // was recorded at.
    boolean[] inert = new boolean[count];
    for (int p = 0; p < count; p++) {
      weights[p] = Tensors.randn(out.shape(), random);
      List<Tensor> grads = gradients(out, leaves, weights[p]);
      for (int i = 0; i < leaves.size(); i++) {
        // Each element moves by its own step, as in the full Jacobian: the step's ratio to eps
        // goes into the direction, which the analytical side then follows too.
        Tensor scale = probe.steps(i, options.eps()).div(options.eps());
        directions[p][i] = Tensors.randn(leaves.get(i).shape(), random).mul(scale);
        analytical[p][i] = grads.get(i).mul(directions[p][i]).sum().item();
      }
      inert[p] = anyInfinite && gradients(out, leaves, weights[p].mul(infinite)).stream()
          .allMatch(g -> g.abs().sum().item() == 0);
    }
    for (int p = 0; p < count; p++) {
      double value = at.mul(weights[p]).sum().item();
      double finiteValue = Probe.finite(at).mul(weights[p]).sum().item();
      for (int i = 0; i < leaves.size(); i++) {
        if (leaves.get(i).value().size() == 0) {
          continue;  // 0 against 0 along an empty direction would count as a comparison
        }
        Probe.Directional numerical = probe.directional(i, directions[p][i], weights[p],
            options.eps(), anyInfinite ? at : null);
        worst.offer(i, -1, -1, directions[p][i], weights[p], options.eps(), analytical[p][i],
            numerical.slope(), inert[p] && numerical.infinitiesHeld() ? finiteValue : value);
      }
    }
  }

  /**
   * Whether an output element infinite at the point is a constant there: the same value at both
   * steps and an engine gradient of 0 (a −∞ mask's element). It is then compared as the constant
   * it is; an overflow holds its infinity too but has a gradient, and a pole (log x² at 0) is
   * finite at the steps: both stay not finite.
   */
  private static boolean heldConstant(double value, double plus, double minus, double analytical) {
    return Double.isInfinite(value) && plus == value && minus == value && analytical == 0;
  }

  /** Σ ⟨seed, ∂out/∂leaf⟩ per leaf; zero where the graph shows no dependence at all. */
  static List<Tensor> gradients(Variable out, List<Variable> leaves, Tensor seed) {
    List<Tensor> result = new ArrayList<>();
    if (!out.requiresGrad()) {
      leaves.forEach(leaf -> result.add(Tensors.zeros(leaf.shape())));
      return result;
    }
    for (Variable g : Gradients.of(List.of(out), leaves, List.of(Variable.constant(seed)),
        Gradients.Options.retainingGraph().withAllowUnused())) {
      result.add(g.value());
    }
    return result;
  }

  /** A tensor of {@code shape} with 1 at the row-major position {@code index}, 0 elsewhere. */
  static Tensor oneHot(Shape shape, int index) {
    double[] data = new double[shape.size()];
    data[index] = 1;
    return Tensor.of(data, shape.dims());
  }
}
