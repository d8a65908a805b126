package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.core.DType;
import dev.chainrule.core.DenseActivation;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The conventions every op follows, as PyTorch and NumPy users expect them. */
class ApiConventionsTest {
  private static final Tensor X = Tensor.matrix(new double[][] {{1, 2, 3}, {4, 5, 6}});

  @Test
  void indexingTakesTheAxisFirstAndCountsNegativeIndicesFromTheEnd() {
    Variable x = Variable.parameter(X);
    Tensor last = Tensor.vector(-1);
    assertEquals(Tensor.of(new double[] {3, 6}, 2, 1), x.take(1, last).value());
    assertEquals(x.take(-1, Tensor.vector(2)).value(), x.take(1, last).value());
    Tensor column = Tensor.of(new double[] {-1, 0}, 2, 1);
    assertEquals(Tensor.of(new double[] {3, 4}, 2, 1), x.gather(-1, column).value());
    Variable zeros = Variable.constant(Tensors.zeros(2, 3));
    assertEquals(Tensor.matrix(new double[][] {{0, 0, 1}, {1, 0, 0}}),
        zeros.scatterAdd(1, column, Variable.constant(Tensors.ones(2, 1))).value());
    assertEquals(Tensor.matrix(new double[][] {{0, 0, 1}, {0, 0, 1}}),
        zeros.indexAdd(1, last, Variable.constant(Tensors.ones(2, 1))).value());
    x.take(1, last).sum().backward();
    assertEquals(Tensor.matrix(new double[][] {{0, 0, 1}, {0, 0, 1}}), x.grad(),
        "the gradient goes to the element -1 picked");
  }

  @Test
  void shapesAreIntsOrShapesAlike() {
    Variable row = Variable.parameter(Tensor.vector(1, 2, 3));
    assertEquals(row.broadcastTo(Shape.of(2, 3)).value(), row.broadcastTo(2, 3).value());
    Variable block = Variable.parameter(Tensors.ones(2, 3));
    assertEquals(block.sumTo(Shape.of(3)).value(), block.sumTo(3).value());
    assertEquals(block.reshape(3, 2).value(), block.reshape(Shape.of(3, 2)).value());
  }

  @Test
  void varianceIsPopulationByDefaultAndUnbiasedOnRequest() {
    Variable x = Variable.parameter(Tensor.vector(1, 2, 3, 4));
    // Exact: the deviations and their squares are short binary fractions, 5/3 rounds once.
    assertEquals(1.25, x.variance().item(), "Σ(x − 2.5)² = 5, over n = 4");
    assertEquals(5.0 / 3, x.variance(0, false, true).item(), "over n − 1 = 3 (PyTorch)");
    x.variance(0, false, true).backward();
    // ∂/∂x Σ(x − x̄)²/3 = 2(x − x̄)/3
    assertTrue(x.grad().allClose(Tensor.vector(-1, -1.0 / 3, 1.0 / 3, 1), 1e-15, 1e-15));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Variable.parameter(Tensor.vector(7)).variance(0, false, true));
    assertEquals("variance: the unbiased variance needs at least 2 values per group, [1] has 1"
        + " over the reduced axes", e.getMessage());
  }

  @Test
  void softmaxCrossEntropyTakesClassIndicesOrRows() {
    Tensor logits = Tensor.matrix(new double[][] {{1, 2, 0}, {0.5, -1, 3}});
    Tensor classes = Tensor.vector(1, -1 + 3);
    for (Reduction reduction : List.of(Reduction.MEAN, Reduction.SUM)) {
      Variable z1 = Variable.parameter(logits);
      Variable z2 = Variable.parameter(logits);
      Variable byIndex = z1.softmaxCrossEntropy(classes, reduction);
      Variable byRow = z2.softmaxCrossEntropy(Tensors.oneHot(classes, 3), reduction);
      // Different kernels (class indices: the softmax's row sums and one logarithm of their
      // product; rows: a log-softmax), so the last bits may differ: 1e-15 is a few ulps here.
      assertEquals(byRow.item(), byIndex.item(), 1e-15);
      byIndex.backward();
      byRow.backward();
      assertTrue(z2.grad().allClose(z1.grad(), 1e-15, 1e-15), z1.grad()::toString);
    }
    Variable z = Variable.parameter(logits);
    // Exact: halving is exact, and the mean is the same sum halved.
    assertEquals(z.softmaxCrossEntropy(classes, Reduction.SUM).item() / 2,
        z.softmaxCrossEntropy(classes).item(), "the default is the mean over rows");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> z.softmaxCrossEntropy(Tensor.vector(0, 1, 2)));
    assertEquals("softmaxCrossEntropy: logits [2, 3] and targets [3] do not match: targets are"
        + " class indices (the logits' shape without the last axis) or rows like the logits",
        e.getMessage());
    // The fused op is one number; the per-row losses are nn's composition.
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> z.softmaxCrossEntropy(classes, Reduction.NONE));
    assertEquals("softmaxCrossEntropy: the fused op sums or averages the rows' losses"
        + " (Reduction.MEAN or SUM), not NONE: for the per-row losses use"
        + " Losses.softmaxCrossEntropy (nn), or −Σ y·logSoftmax(-1) along the last axis",
        none.getMessage());
  }

  @Test
  void squaredErrorTakesDataOfItsShapeInItsTypeAndAPositiveDivisor() {
    Variable x = Variable.parameter(X.to(DType.FLOAT32));
    Tensor target = Tensor.matrix(new double[][] {{0, 2, 3}, {4, 5, 9}});  // float64 data
    Variable loss = x.squaredError(target, 6);
    assertEquals(DType.FLOAT32, loss.dtype(), "data take the variable's type");
    assertEquals((1 + 9) / 6.0, loss.item(), 1e-7);
    loss.backward();
    // ∂x = 2(x − t)/6, to float32's precision (1e-7 on values below 1).
    assertTrue(x.grad().to(DType.FLOAT64).allClose(
        Tensor.matrix(new double[][] {{2 / 6.0, 0, 0}, {0, 0, -6 / 6.0}}), 0, 1e-7));
    assertEquals("squaredError: prediction [2, 3] and target [3] differ in shape",
        assertThrows(IllegalArgumentException.class,
            () -> x.squaredError(Tensor.vector(1, 2, 3), 1)).getMessage());
    for (double divisor : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertEquals("squaredError: divisor must be positive and finite, got " + divisor,
          assertThrows(IllegalArgumentException.class, () -> x.squaredError(target, divisor))
              .getMessage());
    }
    assertEquals("squaredError: target is null", assertThrows(NullPointerException.class,
        () -> x.squaredError(null, 1)).getMessage());
  }

  @Test
  void everyActivationIsAMethodOfVariable() {
    Variable x = Variable.parameter(Tensor.vector(-1, 2));
    for (Variable y : List.of(x.relu(), x.sigmoid(), x.tanh(), x.softplus(), x.leakyRelu(0.1),
        x.elu(1), x.gelu(), x.geluTanh(), x.softmax(0), x.logSoftmax(0), x.step(0))) {
      assertEquals(x.shape(), y.shape());
    }
  }

  @Test
  void missingArgumentsAreNamed() {
    Variable x = Variable.parameter(X);
    NullPointerException e = assertThrows(NullPointerException.class, () -> x.sum(null, false));
    assertEquals("sum: axes are null (for all axes call sum())", e.getMessage());
    e = assertThrows(NullPointerException.class, () -> x.variance(null, false, true));
    assertEquals("variance: axes are null (for all axes call variance())", e.getMessage());
    e = assertThrows(NullPointerException.class, () -> x.broadcastTo((int[]) null));
    assertEquals("broadcastTo: dimensions are null", e.getMessage());
    e = assertThrows(NullPointerException.class, () -> x.take(0, null));
    assertEquals("take: index is null", e.getMessage());
  }

  @Test
  void aCotangentIsAPlainTensor() {
    Variable x = Variable.parameter(X);
    Variable y = x.mul(x);
    Tensor v = Tensors.randn(Shape.of(2, 3), 3L);
    assertEquals(X.mul(2).mul(v), Gradients.of(y, List.of(x), v).get(0).value());
  }

  @Test
  void linearTakesPyTorchsLayoutAndSaysWhenShapesDoNotFit() {
    Variable x = Variable.constant(X);
    Variable w = Variable.parameter(Tensors.ones(4, 3));
    assertEquals(Shape.of(2, 4), Variable.linear(x, w, null).shape());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Variable.linear(x, Variable.parameter(Tensors.ones(3, 4)), null));
    assertEquals("linear: input [2, 3] and weight [3, 4] should be [..., in] and [out, in]",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Variable.linear(x, w, Variable.parameter(Tensors.ones(3))));
    assertEquals("linear: bias [3] does not match weight [4, 3] (expected [4])", e.getMessage());
  }

  /**
   * As PyTorch's F.linear, samples along several axes [..., in] and one sample [in] are taken:
   * a [2, 2, 3] input was refused as "should be [n, in]" though Dense took it.
   */
  @Test
  void linearTakesOneSampleOrSeveralLeadingAxes() {
    Tensor x3 = Tensors.randn(Shape.of(2, 2, 3), 5);
    Variable w = Variable.parameter(Tensors.randn(Shape.of(4, 3), 6));
    Variable b = Variable.parameter(Tensors.randn(Shape.of(4), 7));

    Variable y = Variable.linear(Variable.constant(x3), w, b, DenseActivation.TANH);
    Variable rows = Variable.linear(Variable.constant(x3.reshape(4, 3)), w, b,
        DenseActivation.TANH);
    assertEquals(Shape.of(2, 2, 4), y.shape());
    assertEquals(rows.value().reshape(2, 2, 4), y.value(), "the same rows, in their axes");
    Tensor sample = Tensors.randn(Shape.of(3), 9);
    Variable one = Variable.linear(Variable.constant(sample), w, b);
    assertEquals(Shape.of(4), one.shape());
    assertEquals(Variable.linear(Variable.constant(sample.reshape(1, 3)), w, b).value()
        .reshape(4), one.value(), "a batch of one, without its batch axis");
    assertTrue(GradCheck.check(in -> Variable.linear(in.get(0), in.get(1), in.get(2),
        DenseActivation.SIGMOID), List.of(x3, w.value(), b.value())).passed());
    assertTrue(GradCheck.check(in -> Variable.linear(in.get(0), in.get(1), null),
        List.of(Tensors.randn(Shape.of(3), 8), w.value())).passed());
  }
}
