package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class HigherOrderTest {
  private static final Tensor POINTS = Tensor.vector(0.3, 0.7, 1.5, 2.5);

  /** d²f/dx² elementwise, by differentiating the first derivative again. */
  private static Tensor secondDerivative(UnaryOperator<Variable> f, Tensor at) {
    Variable x = Variable.parameter(at);
    Variable first = Gradients.of(List.of(f.apply(x).sum()), List.of(x), null,
        Gradients.Options.creatingGraph()).get(0);
    return Gradients.of(first.sum(), x).get(0).value();
  }

  private static void assertClosedForm(UnaryOperator<Variable> f, DoubleUnaryOperator expected) {
    Tensor actual = secondDerivative(f, POINTS);
    Tensor want = POINTS.map(expected);
    // Both sides are a handful of float64 operations on O(1) values: agreement to ~1e-15.
    assertTrue(actual.allClose(want, 1e-12, 1e-14), () -> actual + " vs " + want);
  }

  @Test
  void secondDerivativesMatchClosedForms() {
    assertClosedForm(Variable::tanh, x -> {
      double t = Math.tanh(x);
      return -2 * t * (1 - t * t);
    });
    assertClosedForm(Variable::sigmoid, x -> {
      double s = 1 / (1 + Math.exp(-x));
      return s * (1 - s) * (1 - 2 * s);
    });
    assertClosedForm(Variable::exp, Math::exp);
    assertClosedForm(Variable::log, x -> -1 / (x * x));
  }

  /** The loss of a 3-4-2 tanh MLP on fixed data, as a function of its four parameters. */
  private static Variable mlpLoss(List<Variable> p) {
    Variable x = Variable.constant(Tensors.randn(Shape.of(6, 3), 11L));
    Variable y = Variable.constant(Tensors.randn(Shape.of(6, 2), 12L));
    Variable out = Variable.linear(Variable.linear(x, p.get(0), p.get(1)).tanh(), p.get(2),
        p.get(3));
    return out.sub(y).square().mean();
  }

  private static List<Tensor> parameters() {
    return List.of(Tensors.randn(Shape.of(4, 3), 1L), Tensors.randn(Shape.of(4), 2L),
        Tensors.randn(Shape.of(2, 4), 3L), Tensors.randn(Shape.of(2), 4L));
  }

  private static List<Tensor> gradient(List<Tensor> at) {
    List<Variable> p = at.stream().map(Variable::parameter).toList();
    return Gradients.of(List.of(mlpLoss(p)), p, null, Gradients.Options.defaults()).stream()
        .map(Variable::value).toList();
  }

  @Test
  void hessianVectorProductOfAnMlpLossMatchesFiniteDifferencesOfTheGradient() {
    List<Tensor> at = parameters();
    List<Tensor> v = at.stream().map(t -> Tensors.randn(t.shape(), t.size() + 99L)).toList();

    List<Variable> p = at.stream().map(Variable::parameter).toList();
    List<Variable> g = Gradients.of(List.of(mlpLoss(p)), p, null,
        Gradients.Options.creatingGraph());
    Variable gv = null;
    for (int i = 0; i < g.size(); i++) {
      Variable term = g.get(i).mul(Variable.constant(v.get(i))).sum();
      gv = gv == null ? term : gv.add(term);
    }
    List<Variable> hv = Gradients.of(gv, p.toArray(Variable[]::new));

    double eps = 1e-5;
    List<Tensor> plus = new ArrayList<>();
    List<Tensor> minus = new ArrayList<>();
    for (int i = 0; i < at.size(); i++) {
      plus.add(at.get(i).add(v.get(i).mul(eps)));
      minus.add(at.get(i).sub(v.get(i).mul(eps)));
    }
    List<Tensor> gPlus = gradient(plus);
    List<Tensor> gMinus = gradient(minus);
    for (int i = 0; i < at.size(); i++) {
      Tensor numerical = gPlus.get(i).sub(gMinus.get(i)).div(2 * eps);
      Tensor analytical = hv.get(i).value();
      assertEquals(at.get(i).shape(), analytical.shape());
      // Central differences of the gradient: truncation eps²·|∇³L| ≈ 1e-10, rounding
      // u·|∇L|/eps ≈ 1e-11; 1e-7 leaves a wide margin and still catches any wrong rule.
      assertTrue(analytical.allClose(numerical, 1e-6, 1e-7),
          () -> "parameter " + " : " + analytical + " vs " + numerical);
    }
  }
}
