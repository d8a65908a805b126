package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A hook on an op's output runs again in a second-order pass only where a rule reads that output,
 * as in PyTorch: div's and standardize's rules read their inputs when they are recorded, as
 * PyTorch's do (div: −grad·((a / b) / b); layer and batch normalization: the input and
 * statistics of it), so a hook on their outputs runs once per pass that reaches the output from
 * above, not again through the op's own rule. Before, both read the output y, and a ×2 hook on y
 * doubled the second-order terms through y. Every expected value is PyTorch 1.13's (float64),
 * computed once and written here as a literal.
 */
class OutputHooksInSecondOrderTest {

  /**
   * With h = x / y hooked by ×2 and L = Σ h: dL/dy = −2x / y², whose derivatives are −2 / y² in x
   * and 4x / y³ in y; reading h in div's rule doubled them again (−16, 48 at the first element).
   */
  @Test
  void aHookOnAQuotientRunsOnceAndItsHessianIsPyTorchs() {
    for (boolean reciprocal : new boolean[] {false, true}) {
      Variable x = Variable.parameter(Tensor.vector(1, 2), "x");
      Variable y = Variable.parameter(Tensor.vector(0.5, 4), "y");
      Variable h = reciprocal ? x.mul(y.reciprocal()) : x.div(y);
      int[] calls = {0};
      h.registerHook(g -> {
        calls[0]++;
        return g.mul(2);
      });
      List<Variable> g = Gradients.of(List.of(h.sum()), List.of(x, y), null,
          Gradients.Options.creatingGraph());
      List<Variable> second = Gradients.of(List.of(g.get(1).sum()), List.of(x, y), null,
          Gradients.Options.defaults().withAllowUnused());
      String form = reciprocal ? "x·y⁻¹" : "x / y";
      // Powers of two and their quotients: every value on the way is exact, so both forms and
      // PyTorch agree to the bit.
      assertEquals(Tensor.vector(-8, -0.25), g.get(1).value(), form);
      assertEquals(Tensor.vector(-8, -0.125), second.get(0).value(), form + ": ∂/∂x");
      assertEquals(Tensor.vector(32, 0.125), second.get(1).value(), form + ": ∂/∂y");
      assertEquals(1, calls[0], form + ": the second pass never reaches h (PyTorch's: 1 call)");
    }
  }

  /**
   * The divisor's gradient keeps PyTorch's order in a recorded pass too: −g·((a / b) / b), where
   * g·a would overflow (−Double.MAX_VALUE / 1.5 with g = 2 gives 1.6e308, not ∞).
   */
  @Test
  void theRecordedDivisorsGradientDoesNotOverflow() {
    Variable a = Variable.parameter(Tensor.scalar(-Double.MAX_VALUE, DType.FLOAT64));
    Variable b = Variable.parameter(Tensor.scalar(1.5, DType.FLOAT64));
    Variable quotient = a.div(b);
    List<Variable> g = Gradients.of(List.of(quotient), List.of(a, b),
        List.of(Variable.constant(Tensor.scalar(2, DType.FLOAT64))),
        Gradients.Options.creatingGraph());
    // The first-order test's PyTorch value (QuotientPowerGradientOrderTest), to the bit: the
    // recorded rule divides twice in the same order.
    assertEquals(1.5979494532109474e308, g.get(1).item());
  }

  /**
   * reciprocal's rule reads its output, as PyTorch's does (−grad·(y·y)), so a hook on y runs in
   * both passes there: with r = 1/x hooked by ×2 and L = Σ w·r, dL/dx = −2w·r², and the second
   * pass, back through r, doubles its derivative again (64 and 3, not 32 and 1.5). As 1 / x,
   * after div's rule stopped reading its output, it would run once.
   */
  @Test
  void aHookOnAReciprocalRunsInBothPassesAsPyTorchs() {
    Variable x = Variable.parameter(Tensor.vector(0.5, 2), "x");
    Variable r = x.reciprocal();
    int[] calls = {0};
    r.registerHook(g -> {
      calls[0]++;
      return g.mul(2);
    });
    Variable g = Gradients.of(List.of(r.mul(Variable.constant(Tensor.vector(1, 3))).sum()),
        List.of(x), null, Gradients.Options.creatingGraph()).get(0);
    Variable second = Gradients.of(g.sum(), x).get(0);
    // Powers of two and small multiples: exact, so PyTorch's to the bit.
    assertEquals(Tensor.vector(-8, -1.5), g.value());
    assertEquals(Tensor.vector(64, 3), second.value());
    assertEquals(2, calls[0], "PyTorch: 2 calls");
  }

  /**
   * −g·(y·y) is PyTorch's product, so ordinary gradients are its bits; −g·(y / x), what 1 / x
   * through div's rule gave, missed one of six in float64 and two in float32.
   */
  @Test
  void reciprocalGradientsArePyTorchsBitForBit() {
    double[] x = {0.3, -1.7, 2.9, 1e-3, 123.456, -0.77};
    double[] g = {1.1, 0.3, -2.7, 0.9, 3.3, 0.123};
    double[][] torch = {
        {-12.222222222222225, -0.10380622837370243, 0.32104637336504166, -900000.0,
            -0.00021651577139300538, -0.2074548827795581},
        {-12.222222328186035, -0.10380621999502182, 0.3210463523864746, -899999.875,
            -0.00021651573479175568, -0.2074548751115799}};
    DType[] types = {DType.FLOAT64, DType.FLOAT32};
    for (int t = 0; t < 2; t++) {
      Variable v = Variable.parameter(Tensor.vector(x).to(types[t]));
      v.reciprocal().backward(Tensor.vector(g).to(types[t]));
      assertEquals(Tensor.vector(torch[t]).to(types[t]), v.grad(), types[t].toString());
    }
  }

  private static final double[][] X = {{0.5, -1.2, 0.3}, {1.5, 0.7, -0.4}, {-0.9, 0.2, 1.1}};
  private static final double[][] C = {{1, 2, 3}, {-1, 0.5, 2}, {0.7, -1.5, 1}};
  private static final double[][] V = {{0.3, -0.7, 1.1}, {0.4, -0.2, 0.9}, {-1, 0.6, 0.5}};
  private static final double[][] U = {{-0.5, 0.8, 0.2}, {1.3, -0.6, 0.1}, {0.9, 0.4, -1.2}};

  /**
   * Layer normalization (axis 1) with a ×2 hook on its output: L = Σ c·h³, its gradient g, the
   * Hessian-vector product of v and the third derivative along v and u. Reading h in the rule
   * gave another Hessian (−38.8 for −31.5 at the first element). The gradient and the product are
   * PyTorch's layer_norm's; the third derivative is that of PyTorch's composition (x − x̄) /
   * √(mean((x − x̄)²) + ε), whose rules read no h either: 1.13's layer_norm and batch_norm give
   * another one, since their double backward takes the saved mean and 1/σ as constants (without
   * a hook their third derivative along u, −24.6 here, is not the −2.14 that central differences
   * of their own Hessian-vector product give; the composition's and this rule's are).
   */
  @Test
  void aHookedLayerNormalizationsHigherDerivativesArePyTorchs() {
    Derivatives d = derivatives(1);
    assertClose(new double[] {0.3941911133523188, 0.05286584471167721, -0.44705695806400136,
        1.7890996466430416, -3.090782171758546, 1.3016825251154955, 2.810256518180137,
        -6.245038258360609, 3.434781740180475}, d.gradient, "gradient");
    assertClose(new double[] {-31.536103256446257, -4.478966886127411, 36.01507014257367,
        -1.0987046028029734, -0.3799243254445006, 1.478628928247482, -4.8170499873956025,
        5.327340386127954, -0.5102903987323546}, d.hvp, "Hessian-vector product");
    assertClose(new double[] {-43.86389531297662, 20.00001714162939, 23.863878171347228,
        -21.038970042479114, 38.25477060212129, -17.21580055964218, -3.142660611706802,
        3.4463393975973062, -0.303678785890515}, d.third, "third derivative");
    assertEquals(3, d.calls, "once per pass, each reaching h through the cube's rule (PyTorch: 3)");
  }

  /**
   * The same for batch normalization (axis 0): the gradient and the product against PyTorch's
   * batch_norm in training, the third derivative against its composition, as above.
   */
  @Test
  void aHookedBatchNormalizationsHigherDerivativesArePyTorchs() {
    Derivatives d = derivatives(0);
    assertClose(new double[] {1.2428403243853299, 1.8979269446921831, -14.656676371657126,
        -0.725067997143236, 5.313322456706884, 7.81705057692056, -0.5177723272420945,
        -7.211249401399069, 6.839625794736566}, d.gradient, "gradient");
    assertClose(new double[] {-0.9487209253014033, -5.117564165067972, -8.486347231746715,
        0.30327883493248287, -0.893581539868272, 0.7485181717403218, 0.6454420903689211,
        6.011145704936247, 7.737829060006396}, d.hvp, "Hessian-vector product");
    assertClose(new double[] {-10.454517721495186, -2.1173460028306614, 59.389575725692175,
        4.890547309237966, -1.3139089224083307, -46.21571534546974, 5.563970412257217,
        3.431254925238992, -13.173860380222436}, d.third, "third derivative");
    assertEquals(3, d.calls, "once per pass (PyTorch: 3)");
  }

  private record Derivatives(double[] gradient, double[] hvp, double[] third, int calls) {}

  private static Derivatives derivatives(int axis) {
    Variable x = Variable.parameter(Tensor.matrix(X), "x");
    Variable h = x.standardize(new int[] {axis}, 1e-5);
    int[] calls = {0};
    h.registerHook(g -> {
      calls[0]++;
      return g.mul(2);
    });
    Variable loss = h.pow(3).mul(Variable.constant(Tensor.matrix(C))).sum();
    Variable g = Gradients.of(List.of(loss), List.of(x), null,
        Gradients.Options.creatingGraph()).get(0);
    Variable hvp = Gradients.of(List.of(g.mul(Variable.constant(Tensor.matrix(V))).sum()),
        List.of(x), null, Gradients.Options.creatingGraph()).get(0);
    Variable third = Gradients.of(hvp.mul(Variable.constant(Tensor.matrix(U))).sum(), x).get(0);
    return new Derivatives(g.value().toArray(), hvp.value().toArray(), third.value().toArray(),
        calls[0]);
  }

  /**
   * Within 1e-10 of PyTorch's, relative to the largest magnitude (1 at least): both are float64,
   * but PyTorch's double backward of layer_norm is another formula than this rule differentiated
   * again, so they round differently, by up to about 1e-13 here; the hook's doubling moved the
   * Hessian by 20 % and more.
   */
  private static void assertClose(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    double scale = 1;
    for (double e : expected) {
      scale = Math.max(scale, Math.abs(e));
    }
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-10 * scale, what + " at " + i);
    }
  }
}
