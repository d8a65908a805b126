package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gradient exactly at each kink, where the derivative does not exist and the library picks a
 * subgradient (the op table's formulas name each choice). Gradient checks sample away from the
 * kinks, so only a test at the tie itself notices a {@code >} that became {@code >=}.
 */
class SubgradientChoicesTest {

  private static Tensor gradOf(Variable x, Variable y) {
    y.sum().backward();
    return x.grad();
  }

  @Test
  void reluPassesNothingAtZero() {
    Variable x = Variable.parameter(Tensor.vector(-1, -0.0, 0, 1e-300, 2));
    assertEquals(Tensor.vector(0, 0, 0, 1, 1), gradOf(x, x.relu()), "relu′(0) = 0, as in PyTorch");
  }

  @Test
  void clampPassesTheGradientAtItsBoundsAndNotBeyond() {
    Variable x = Variable.parameter(Tensor.vector(-2, -1, -0.5, 0, 1, 3));
    assertEquals(Tensor.vector(0, 1, 1, 1, 1, 0), gradOf(x, x.clamp(-1, 1)),
        "the bounds pass the gradient, as in PyTorch");
    Variable y = Variable.parameter(Tensor.vector(0.5, 1, 1.5));
    assertEquals(Tensor.vector(0, 1, 0), gradOf(y, y.clamp(1, 1)), "a single-point range");
  }

  @Test
  void maximumAndMinimumSplitTheGradientAtATie() {
    Variable a = Variable.parameter(Tensor.vector(1, 2, 3));
    Variable b = Variable.parameter(Tensor.vector(3, 2, 1));
    a.maximum(b).sum().backward();
    assertEquals(Tensor.vector(0, 0.5, 1), a.grad());
    assertEquals(Tensor.vector(1, 0.5, 0), b.grad());

    Variable c = Variable.parameter(Tensor.vector(1, 2, 3));
    Variable d = Variable.parameter(Tensor.vector(3, 2, 1));
    c.minimum(d).sum().backward();
    // minimum is −max(−c, −d): the unchosen side's 0 may come out as −0, which equals 0.
    assertTrue(c.grad().allClose(Tensor.vector(1, 0.5, 0), 0, 0), c.grad().toString());
    assertTrue(d.grad().allClose(Tensor.vector(0, 0.5, 1), 0, 0), d.grad().toString());
  }

  /**
   * ELU at 0 takes its left branch at both orders: slope α and second derivative αe⁰ = α.
   * PyTorch 1.13's elu_backward takes the left branch (x ≤ 0) and its double backward the right
   * (x &lt; 0), so its second derivative at 0 is 0: F.elu(x, 0.5) at x = 0 gives 0.5, then 0.
   */
  @Test
  void eluTakesItsLeftBranchAtZeroAtSecondOrderToo() {
    Variable x = Variable.parameter(Tensor.vector(-1, 0, 1));
    Variable first = Gradients.of(List.of(x.elu(0.5).sum()), List.of(x), null,
        Gradients.Options.creatingGraph()).get(0);
    assertEquals(Tensor.vector(0.5 * Math.exp(-1), 0.5, 1), first.value());
    assertEquals(Tensor.vector(0.5 * Math.exp(-1), 0.5, 0), Gradients.of(first.sum(), x).get(0)
        .value());
  }

  @Test
  void maxAndMinReductionsShareTheGradientAmongTies() {
    Variable x = Variable.parameter(Tensor.vector(1, 3, 3, 0));
    assertEquals(Tensor.vector(0, 0.5, 0.5, 0), gradOf(x, x.max()));
    Variable y = Variable.parameter(Tensor.vector(1, 0, 3, 0));
    assertEquals(Tensor.vector(0, 0.5, 0, 0.5), gradOf(y, y.min()));

    Variable m = Variable.parameter(Tensor.matrix(new double[][] {{2, 2, 1}, {0, 5, -1}}));
    assertEquals(Tensor.matrix(new double[][] {{0.5, 0.5, 0}, {0, 1, 0}}),
        gradOf(m, m.max(1, false)));
    Variable n = Variable.parameter(Tensor.matrix(new double[][] {{2, 2, 1}, {0, 5, 0}}));
    assertEquals(Tensor.matrix(new double[][] {{0, 0, 1}, {0.5, 0, 0.5}}),
        gradOf(n, n.min(1, true)));
  }

  @Test
  void absAndStepAreFlatAtTheirKinks() {
    Variable x = Variable.parameter(Tensor.vector(-2, 0, 3));
    assertEquals(Tensor.vector(-1, 0, 1), gradOf(x, x.abs()), "abs′(0) = 0");
    Variable y = Variable.parameter(Tensor.vector(-1, 0.5, 2));
    assertEquals(Tensor.vector(0, 0, 0), gradOf(y, y.step(0.5)), "step′ = 0, at k too");
  }

  /**
   * ∂b of aᵇ is g·y·ln a, 0·(−∞) = NaN at a = 0; there it is 0 for b ≥ 0, as in PyTorch. The
   * catalogue samples only positive bases, so this is the only test of that branch.
   */
  @Test
  void powPassesTheExponentNothingAtAZeroBase() {
    Variable x = Variable.parameter(Tensor.vector(0, 2));
    Variable y = Variable.parameter(Tensor.vector(1.5, 1.5));
    x.pow(y).sum().backward();
    // Math.pow, Math.log and two products, each within an ulp or so of its exact value: the
    // result agrees with the closed form to a few ulp; 1e-14 relative still fails if ln 2,
    // a factor y, or the zero were lost.
    Tensor wantY = Tensor.vector(0, Math.pow(2, 1.5) * Math.log(2));
    assertTrue(y.grad().allClose(wantY, 1e-14, 0), () -> y.grad() + " vs " + wantY);
    assertEquals(0.0, y.grad().get(0), "0 exactly at the zero base, not NaN");
    // The base's rule g·b·aᵇ⁻¹ is untouched: 1.5·0^0.5 = 0 and 1.5·√2.
    Tensor wantX = Tensor.vector(0, 1.5 * Math.sqrt(2));
    assertTrue(x.grad().allClose(wantX, 1e-14, 0), () -> x.grad() + " vs " + wantX);

    Variable z = Variable.parameter(Tensor.vector(0, 0));
    Variable w = Variable.parameter(Tensor.vector(0, -1));
    z.pow(w).sum().backward();
    assertEquals(0.0, w.grad().get(0), "b = 0, where 0ᵇ jumps from 1 to 0: 0, PyTorch's choice");
    assertEquals(Double.NEGATIVE_INFINITY, w.grad().get(1),
        "b < 0 is not masked: 0⁻¹·ln 0 = ∞·(−∞), as in PyTorch");
  }

  /**
   * 1ᵇ is 1 for every b (C99's pow, which core follows; Math.pow gave NaN for an infinite or NaN
   * b), so ∂b = g·y·ln 1 = 0 there, as in PyTorch, and ∂a = g·b·1ᵇ⁻¹ is b itself: +∞ for b = +∞,
   * NaN for b = NaN (PyTorch gives the same). With Math.pow's NaN output both were NaN.
   */
  @Test
  void powAtBaseOneGivesTheExponentNothingWhateverTheExponent() {
    double inf = Double.POSITIVE_INFINITY;
    Variable x = Variable.parameter(Tensor.vector(1, 1, 1));
    Variable y = Variable.parameter(Tensor.vector(inf, -inf, Double.NaN));
    Variable out = x.pow(y);
    assertEquals(Tensor.vector(1, 1, 1), out.value());
    out.sum().backward();
    assertEquals(Tensor.vector(0, 0, 0), y.grad());
    assertEquals(Tensor.vector(inf, -inf, Double.NaN), x.grad());
  }

  /**
   * The mask must not leave ln 0 in the recorded graph, where a second derivative would meet
   * 0·(−∞) again. With x^1.5 at x = 0: ∂²/∂b² = y·ln²a and ∂²/∂a∂b = aᵇ⁻¹(b·ln a + 1) both tend
   * to 0, and at x = 2 they are 2^1.5·ln²2 and √2·(1.5·ln 2 + 1).
   */
  @Test
  void powExponentGradientAtAZeroBaseStaysFiniteAtSecondOrder() {
    Variable x = Variable.parameter(Tensor.vector(0, 2));
    Variable y = Variable.parameter(Tensor.vector(1.5, 1.5));
    Variable dy = Gradients.of(List.of(x.pow(y).sum()), List.of(y), null,
        Gradients.Options.creatingGraph()).get(0);
    List<Variable> second = Gradients.of(List.of(dy.sum()), List.of(x, y), null,
        Gradients.Options.defaults());
    double ln2 = Math.log(2);
    Tensor wantX = Tensor.vector(0, Math.sqrt(2) * (1.5 * ln2 + 1));
    Tensor wantY = Tensor.vector(0, Math.pow(2, 1.5) * ln2 * ln2);
    // A few more roundings than at first order, on O(1) values: 1e-13 relative.
    assertTrue(second.get(0).value().allClose(wantX, 1e-13, 0),
        () -> second.get(0).value() + " vs " + wantX);
    assertTrue(second.get(1).value().allClose(wantY, 1e-13, 0),
        () -> second.get(1).value() + " vs " + wantY);
  }

  /**
   * x⁰ is 1 around x = 0, so its derivative there is 0, where g·b·aᵇ⁻¹ reads 0·0⁻¹ = NaN; the
   * constant term of a polynomial must not poison the gradient at an input of exactly 0
   * (PyTorch gives 0 too). Away from 0, and for other exponents, the formula stands.
   */
  @Test
  void powPassesTheBaseNothingForAZeroExponentAtAZeroBase() {
    Variable x = Variable.parameter(Tensor.vector(0, 3));
    // 0.5·x⁰ − x¹ + 2·x²: derivative −1 + 4x, so −1 at 0 and 11 at 3
    x.pow(0).mul(0.5).sub(x.pow(1)).add(x.pow(2).mul(2)).sum().backward();
    // each term within an ulp of its exact integer: 1e-14 relative still fails if one is lost
    assertTrue(x.grad().allClose(Tensor.vector(-1, 11), 1e-14, 0), () -> x.grad().toString());

    Variable z = Variable.parameter(Tensor.vector(0, 2, 0));
    Variable w = Variable.parameter(Tensor.vector(0, 0, 2));
    z.pow(w).sum().backward();
    assertEquals(0.0, z.grad().get(0), "0⁰: 0, not NaN");
    assertEquals(0.0, z.grad().get(1), "2⁰: the formula, 0·2⁻¹");
    assertEquals(0.0, z.grad().get(2), "0²: the formula, 2·0¹");
  }

  /**
   * x⁰ is 1 around every x, so its derivative is 0 also where x⁻¹ overflows: a subnormal x, in
   * float64 (1e-310) and float32 (1e-40, 1.4e-45), where g·0·x⁻¹ read 0·∞ = NaN, and a NaN x
   * (x⁰ = 1 there too). PyTorch gives 0 at each. A normal x keeps the formula, 0·x⁻¹ = 0.
   */
  @Test
  void powPassesTheBaseNothingForAZeroExponentWhereTheReciprocalOverflows() {
    Variable wide = Variable.parameter(Tensor.vector(1e-310, -1e-310, Double.NaN, 1e-300));
    wide.pow(0).sum().backward();
    // exactly 0: the masked product is g·0·1, the formula g·0·x⁻¹ with x⁻¹ finite
    assertEquals(Tensor.vector(0, 0, 0, 0), wide.grad(), () -> wide.grad().toString());
    Variable narrow = Variable.parameter(Tensor.of(new float[] {1e-40f, -Float.MIN_VALUE}, 2));
    narrow.pow(0).sum().backward();
    assertEquals(0.0, narrow.grad().get(0), "float32 subnormal: 0, not 0·∞");
    assertEquals(0.0, narrow.grad().get(1), "float32 smallest subnormal: 0, not 0·∞");
    Variable base = Variable.parameter(Tensor.vector(1e-310));
    Variable exponent = Variable.parameter(Tensor.vector(0));
    base.pow(exponent).sum().backward();
    assertEquals(0.0, base.grad().get(0), "a tensor exponent of 0 too");
  }

  /**
   * The masked exponent leaves nothing infinite in the recorded graph: the second derivative
   * of x⁰ at 0 is 0, not 0·∞, and elsewhere the mixed derivative ∂²y/∂a∂b = aᵇ⁻¹(b·ln a + 1)
   * keeps its value at b = 0, 1/a.
   */
  @Test
  void powBaseGradientAtAZeroPowerStaysFiniteAtSecondOrder() {
    Variable x = Variable.parameter(Tensor.vector(0, 2));
    Variable b = Variable.parameter(Tensor.vector(0, 0));
    Variable dx = Gradients.of(List.of(x.pow(b).sum()), List.of(x), null,
        Gradients.Options.creatingGraph()).get(0);
    List<Variable> second = Gradients.of(List.of(dx.sum()), List.of(x, b), null,
        Gradients.Options.defaults());
    // x⁰'s second derivative: b(b − 1)xᵇ⁻² = 0 at x = 2, and 0 by the mask's choice at x = 0
    assertTrue(second.get(0).value().allClose(Tensor.vector(0, 0), 0, 0),
        () -> second.get(0).toString());
    assertTrue(Double.isFinite(second.get(1).value().get(0)), () -> second.get(1).toString());
    assertEquals(0.5, second.get(1).value().get(1), 1e-15, "1/a at a = 2, exact up to rounding");
  }
}
