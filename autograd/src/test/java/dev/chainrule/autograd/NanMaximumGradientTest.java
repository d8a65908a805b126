package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Where max's output is NaN, which input gets its gradient. The expected arrays are PyTorch
 * 1.13's, obtained by running it once (torch.maximum, torch.minimum, torch.max() and torch.min()
 * over all elements, each backward with the upstream gradients below) and written here as
 * literals; along an axis, where PyTorch's two reductions disagree, the comments give both.
 */
class NanMaximumGradientTest {
  private static final double NAN = Double.NaN;
  private static final double INF = Double.POSITIVE_INFINITY;
  /** NaN in a, in b, in both, ordered pairs, ties (of zeros of either sign, of −∞ too). */
  private static final double[] A = {NAN, 1, NAN, 2, 1, 0.0, -0.0, INF, NAN, -INF};
  private static final double[] B = {1, NAN, NAN, 1, 1, -0.0, 0.0, NAN, -INF, -INF};
  private static final double[] G = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29};

  /**
   * Equal as numbers, NaN equal to NaN: a zero's sign is not compared, as maximum(0.0, −0.0) in
   * PyTorch gives either zero depending on the tensor's size, and minimum's gradient, computed as
   * −max(−a, −b), gives the side not chosen −0.0 where PyTorch gives 0.0.
   */
  private static void assertValues(double[] expected, Tensor actual, String what) {
    double[] got = actual.toArray();
    assertEquals(expected.length, got.length, what);
    for (int i = 0; i < got.length; i++) {
      double e = expected[i];
      assertTrue(Double.isNaN(e) ? Double.isNaN(got[i]) : e == got[i],
          what + " at " + i + ": expected " + e + ", got " + got[i]);
    }
  }

  /**
   * PyTorch's rule masks a's g where a &lt; b and b's where a &gt; b and halves it where a = b;
   * all three comparisons are false where either is NaN, so both get the whole g there.
   */
  @Test
  void maximumGivesTheWholeGradientToBothInputsWhereEitherIsNaN() {
    for (DType type : DType.values()) {
      Variable a = Variable.parameter(Tensor.vector(A).to(type));
      Variable b = Variable.parameter(Tensor.vector(B).to(type));
      Variable y = a.maximum(b);
      y.backward(Tensor.vector(G).to(type));
      assertValues(new double[] {NAN, NAN, NAN, 2, 1, 0, 0, NAN, NAN, -INF}, y.value(),
          "maximum " + type);
      // Bit for bit: the one 0 is +0.0, as PyTorch's.
      assertEquals(Tensor.vector(2, 3, 5, 7, 5.5, 6.5, 8.5, 19, 23, 14.5).to(type), a.grad(),
          "maximum's ∂a " + type);
      assertEquals(Tensor.vector(2, 3, 5, 0, 5.5, 6.5, 8.5, 19, 23, 14.5).to(type), b.grad(),
          "maximum's ∂b " + type);
    }
  }

  @Test
  void minimumDoesTheSame() {
    Variable a = Variable.parameter(Tensor.vector(A));
    Variable b = Variable.parameter(Tensor.vector(B));
    Variable y = a.minimum(b);
    y.backward(Tensor.vector(G));
    assertValues(new double[] {NAN, NAN, NAN, 1, 1, 0, 0, NAN, NAN, -INF}, y.value(), "minimum");
    assertValues(new double[] {2, 3, 5, 0, 5.5, 6.5, 8.5, 19, 23, 14.5}, a.grad(),
        "minimum's ∂a");
    assertValues(new double[] {2, 3, 5, 7, 5.5, 6.5, 8.5, 19, 23, 14.5}, b.grad(),
        "minimum's ∂b");
  }

  /** A broadcast NaN gets the sum of the gradients of every output it made NaN. */
  @Test
  void aBroadcastNaNGetsEveryGradient() {
    Variable a = Variable.parameter(Tensor.scalar(NAN));
    Variable b = Variable.parameter(Tensor.vector(1, 2, NAN));
    a.maximum(b).backward(Tensor.vector(2, 3, 5));
    assertEquals(Tensor.scalar(10), a.grad());
    assertEquals(Tensor.vector(2, 3, 5), b.grad());
  }

  /**
   * max() over every element gives its gradient to the NaNs that made it NaN, shared equally as
   * among ties (PyTorch's evenly_distribute_backward); x = y alone, false at every NaN, made the
   * share 0/0 and every gradient NaN, as PyTorch's amax() still gives.
   */
  @Test
  void maxAndMinOfAllElementsShareTheGradientAmongTheNaNs() {
    Variable x = Variable.parameter(Tensor.vector(1, NAN, 3, NAN, -INF));
    x.max().backward(Tensor.scalar(3));
    assertEquals(Tensor.vector(0, 1.5, 0, 1.5, 0), x.grad(), "max()");
    Variable y = Variable.parameter(Tensor.vector(1, NAN, 3, NAN, -INF));
    y.min().backward(Tensor.scalar(3));
    assertValues(new double[] {0, 1.5, 0, 1.5, 0}, y.grad(), "min()");
    Variable z = Variable.parameter(Tensor.vector(INF, NAN, 2).to(DType.FLOAT32));
    z.max().backward(Tensor.scalar(3, DType.FLOAT32));
    assertEquals(Tensor.vector(0, 3, 0).to(DType.FLOAT32), z.grad(), "max() of float32");
  }

  /**
   * Along an axis each group follows max()'s rule. PyTorch's reductions differ there: amax(1)
   * gives the NaN rows' elements NaN, as chainrule did, and max(1).values gives the row's g to the
   * index it returns, the first NaN (row 0: 0, 2, 0, 0) or the first of tied maxima (row 1:
   * 0, 3, 0, 0, where amax and chainrule share 1.5, 1.5).
   */
  @Test
  void alongAnAxisEachNaNGroupSharesItsGradientAmongItsNaNs() {
    double[][] rows = {{1, NAN, 3, NAN}, {1, 2, 2, 0}, {NAN, 0, 5, 1}};
    Variable x = Variable.parameter(Tensor.matrix(rows));
    x.max(1, false).backward(Tensor.vector(2, 3, 5));
    assertEquals(Tensor.matrix(new double[][] {{0, 1, 0, 1}, {0, 1.5, 1.5, 0}, {5, 0, 0, 0}}),
        x.grad(), "max(1)");
    Variable y = Variable.parameter(Tensor.matrix(rows));
    y.min(1, true).backward(Tensor.matrix(new double[][] {{2}, {3}, {5}}));
    assertValues(new double[] {0, 1, 0, 1, 0, 0, 0, 3, 5, 0, 0, 0}, y.grad().reshape(12),
        "min(1)");
  }
}
