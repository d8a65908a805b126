package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What a check refuses before it evaluates anything: a point with a NaN or an infinity in it
 * (finite differences cannot step from there, and the report used to blame the function), and a
 * second-order check through an op declared first-order only (the engine's own refusal used to
 * escape from inside the check).
 */
class GradCheckPointRefusalsTest {
  private static final DifferentiableFunction TANH = in -> in.get(0).tanh();
  private static final String ADVICE = ", and finite differences cannot step from a value that"
      + " is not finite; check at a finite point (a −∞ mask belongs inside the function, as"
      + " Variable.where(mask, x, Variable.constant(minusInfinity)))";

  private static String refused(Executable call) {
    return assertThrows(IllegalArgumentException.class, call).getMessage();
  }

  @Test
  void aNonFiniteInputIsRefusedByIndexPositionAndValue() {
    List<Tensor> nan = List.of(Tensor.vector(1, 2),
        Tensor.matrix(new double[][] {{0.5, 1}, {Double.NaN, 2}}));
    assertEquals("gradCheck: input 1 is NaN at [1, 0]" + ADVICE,
        refused(() -> GradCheck.check(in -> in.get(0).add(in.get(1).sum()), nan)));
    List<Tensor> infinities = List.of(Tensor.vector(1, Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY));
    assertEquals("gradCheck: input 0 is -Infinity at [1] (2 of its 3 elements are not finite)"
        + ADVICE, refused(() -> GradCheck.check(TANH, infinities)));
    assertEquals("gradGradCheck: input 0 is -Infinity at [1] (2 of its 3 elements are not"
        + " finite)" + ADVICE, refused(() -> GradCheck.gradGradCheck(TANH, infinities)));
    // Float32 is looked at before widening, and a rank-0 input's position is [].
    assertEquals("gradCheck: input 0 is Infinity at []" + ADVICE, refused(() -> GradCheck.check(
        TANH, List.of(Tensor.scalar(Double.POSITIVE_INFINITY).to(DType.FLOAT32)))));
  }

  @Test
  void aNonFiniteParameterIsRefusedByItsName() {
    Variable w = Variable.parameter(Tensor.vector(0.5, Double.NaN), "0.weight");
    Variable b = Variable.parameter(Tensor.vector(1));
    assertEquals("gradCheck: parameter 1 (0.weight [2]) is NaN at [1]" + ADVICE,
        refused(() -> GradCheck.checkParameters(() -> b.sum().add(w.sum()), List.of(b, w))));
  }

  /** Large but finite values are a point like any other: refused only past float64's range. */
  @Test
  void largeFiniteInputsAreStillChecked() {
    GradCheckReport report = GradCheck.check(in -> in.get(0).mul(2),
        List.of(Tensor.vector(Double.MAX_VALUE / 4, -1e300)));
    assertTrue(report.passed(), report::toString);
  }

  @Test
  void aSecondOrderCheckThroughAFirstOrderOnlyOpIsRefusedByItsName() {
    Op cube = Op.unary("cube", (ctx, x) -> x.mul(x).mul(x),
        (ctx, g) -> g.mul(Variable.constant(ctx.input(0).value().square().mul(3))))
        .firstOrderOnly();
    List<Tensor> x = List.of(Tensor.vector(0.5, -1));
    assertEquals("gradGradCheck: op 'cube' is declared first-order only (firstOrderOnly()): its"
        + " backward rule cannot be differentiated again, so the function has no second"
        + " derivatives to check; check its first derivatives with GradCheck.check, and declare"
        + " an OpSpec of it firstOrderOnly() too",
        refused(() -> GradCheck.gradGradCheck(in -> cube.apply(in.get(0)).tanh(), x)));
    assertTrue(GradCheck.check(in -> cube.apply(in.get(0)).tanh(), x).passed(),
        "its first derivatives check");
    // Only a parameter the function reads leads to it: the engine never differentiates its
    // rule here, so the second derivatives in x check as they did.
    Variable w = Variable.parameter(Tensor.vector(0.25, 2));
    GradCheckReport beside = GradCheck.gradGradCheck(
        in -> in.get(0).square().mul(cube.apply(w)).sum(), x);
    assertTrue(beside.passed(), beside::toString);
  }
}
