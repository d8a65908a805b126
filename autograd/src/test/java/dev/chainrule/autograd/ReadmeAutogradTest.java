package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.autograd.check.Inputs;
import dev.chainrule.autograd.check.OpSpec;
import dev.chainrule.autograd.check.SpecReport;
import dev.chainrule.core.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's autograd snippets, verbatim (a test in examples checks they stay in sync). */
class ReadmeAutogradTest {

  @Test
  void gradientsOfAComposition() {
    Variable w = Variable.parameter(Tensor.vector(0.5, -1.0), "w");
    Variable x = Variable.constant(Tensor.matrix(new double[][] {{1, 2}, {3, 4}}));
    Variable loss = x.matmul(w).tanh().square().mean();
    loss.backward();
    System.out.println(w.grad());

    // ∂/∂w mean(tanh(xw)²) = xᵀ(2·tanh·(1 − tanh²))/2, written out by hand.
    Tensor t = x.value().matmul(w.value()).tanh();
    Tensor expected = x.value().matmul(t.mul(t.square().neg().add(1)), dev.chainrule.core
        .Transpose.LEFT);
    assertTrue(w.grad().allClose(expected, 1e-14, 1e-15), () -> w.grad() + " vs " + expected);
  }

  /** What a loop that forgets zeroGrad() gets, and what an intermediate variable keeps. */
  @Test
  void gradientsAccumulateUntilZeroGrad() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      Variable v = Variable.parameter(Tensor.vector(1, 2), "v");
      v.square().sum().backward();
      v.square().sum().backward();    // a new graph, the same gradient 2v, added into grad()
      System.out.println(v.grad());   // tensor([4, 8])
      v.zeroGrad();                   // an optimizer's zeroGrad() does this for its parameters
      Variable h = v.square().retainGrad();  // without retainGrad(), h.grad() stays null
      h.sum().backward();
      System.out.println(v.grad() + " " + h.grad());  // tensor([2, 4]) tensor([1, 1])
    } finally {
      System.setOut(original);
    }
    assertEquals(List.of("tensor([4, 8])", "tensor([2, 4]) tensor([1, 1])"),
        captured.toString(StandardCharsets.UTF_8).lines().toList(),
        "what the README's comments say it prints");
    Variable w = Variable.parameter(Tensor.vector(1, 2), "w");
    Variable k = w.square();
    k.sum().backward();
    assertEquals(null, k.grad(), "no retainGrad: an op's output keeps no gradient");
  }

  /** Defined once: the README's custom op. */
  static final Op SOFTPLUS = customOp();

  static Op customOp() {
    // softplus(x) = log(1 + eˣ), computed stably as max(x, 0) + log(1 + e^−|x|);
    // its derivative is σ(x).
    Op softplus = Op.unary("softplus",
        (ctx, x) -> x.relu().add(x.abs().neg().exp().log1p()),
        (ctx, g) -> g.mul(ctx.input(0).sigmoid()));
    return softplus;
  }

  @Test
  void customOp_runsAndIsChecked() {
    Op softplus = SOFTPLUS;
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      Variable x = Variable.parameter(Tensor.vector(-30, -1, 0, 2, 40), "x");
      softplus.apply(x).sum().backward();
      System.out.println(x.grad());
      // σ(x): tensor([9.3576e-14, 2.6894e-01, 5.0000e-01, 8.8080e-01, 1.0000e+00])

      System.out.println(GradCheck.check(in -> softplus.apply(in.get(0)), List.of(x.value())));
    } finally {
      System.setOut(original);
    }
    String[] lines = captured.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals("tensor([9.3576e-14, 2.6894e-01, 5.0000e-01, 8.8080e-01, 1.0000e+00])", lines[0]);
    assertTrue(lines[1].startsWith("PASSED (full Jacobian, 25 comparisons)"), lines[1]);
  }

  @Test
  void customOp_getsTheCatalogueCheck() {
    Op softplus = SOFTPLUS;
    OpSpec spec = OpSpec.unary("softplus", Inputs.Domain.ANY, softplus::apply);
    SpecReport report = spec.check(200, 42L);  // 200 random cases, first and second order
    assertTrue(report.passed(), report::toString);  // JUnit 5, in a test of yours

    assertEquals(400, report.checks(), "first and second order for each case");
    Op wrong = Op.unary("softplus", (ctx, x) -> x.softplus(),
        (ctx, g) -> g.mul(ctx.input(0).sigmoid()).mul(1.01));
    SpecReport caught = OpSpec.unary("softplus", Inputs.Domain.ANY, wrong::apply).check(20, 42L);
    assertTrue(caught.failures() >= 20, "a derivative 1% off fails every first-order check: "
        + caught);
  }

  @Test
  void vectorJacobianProductWithAPlainCotangent() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      Variable x = Variable.parameter(Tensor.vector(1, 2, 3), "x");
      Variable y = x.square();
      List<Variable> vjp = Gradients.of(y, List.of(x), Tensor.vector(1, 0, -1));
      System.out.println(vjp.get(0).value());  // 2x·v: tensor([ 2,  0, -6])

      assertEquals(Tensor.vector(2, 0, -6), vjp.get(0).value());
    } finally {
      System.setOut(original);
    }
    assertEquals(List.of("tensor([ 2,  0, -6])"),
        captured.toString(StandardCharsets.UTF_8).lines().toList(),
        "what the README's comment says it prints");
  }

  @Test
  void gradientHooks() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      Variable x = Variable.parameter(Tensor.vector(1, 2, -1), "x");
      Variable w = Variable.parameter(Tensor.vector(0.5, -1, 3), "w");
      Variable h = x.mul(w);
      h.registerHook(GradientHook.observer(g -> System.out.println("dL/dh = " + g.value())));
      HookHandle reversal = h.registerHook(Variable::neg);  // below h, climb the loss
      h.square().sum().backward();  // L = Σ h², dL/dh = 2h
      System.out.println(x.grad());  // −2h·w
      reversal.remove();

      // h = [0.5, -2, -3]: the observer, registered first, sees 2h; x receives −2h·w.
      assertEquals("dL/dh = tensor([ 1, -4, -6])\ntensor([-0.5,   -4,   18])\n",
          captured.toString(StandardCharsets.UTF_8), "as the README says");
      assertEquals(Tensor.vector(-0.5, -4, 18), x.grad());
      assertEquals(Tensor.vector(-1, 8, -6), w.grad(), "−2h·x");
    } finally {
      System.setOut(original);
    }
  }
}
