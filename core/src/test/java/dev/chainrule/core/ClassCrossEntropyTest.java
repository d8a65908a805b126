package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fused cross-entropy against class indices, held to its definition Σᵢ (logSumExpᵢ − zᵢ,cᵢ)
 * computed with the tensor ops, and to the softmax kernel bit for bit.
 */
class ClassCrossEntropyTest {
  private static final SplittableRandom RANDOM = new SplittableRandom(7);

  private static Tensor logits(int rows, int classes, double spread, DType dtype) {
    double[] values = new double[rows * classes];
    for (int i = 0; i < values.length; i++) {
      values[i] = (RANDOM.nextDouble() - 0.5) * 2 * spread;
    }
    return Tensor.of(values, rows, classes).to(dtype);
  }

  private static Tensor classes(int rows, int classes) {
    double[] values = new double[rows];
    for (int i = 0; i < rows; i++) {
      values[i] = RANDOM.nextInt(classes);
    }
    return Tensor.vector(values);
  }

  /** The definition, in float64 whatever the logits' type. */
  private static double definition(Tensor logits, Tensor classes) {
    Tensor z = logits.to(DType.FLOAT64);
    Tensor picked = z.gather(1, classes.reshape(classes.size(), 1));
    return z.logSumExp(1, true).sub(picked).sum().item();
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void theLossIsTheDefinitionAndTheSoftmaxIsTheKernels(DType dtype) {
    // Iris's shape, a batch of ten classes, and rows long enough (sums near 1,000) that the
    // product of the sums passes 2^900 and is turned into a logarithm every ninety rows or so.
    int[][] shapes = {{150, 3}, {128, 10}, {700, 1000}, {1, 1}, {0, 4}};
    for (int[] shape : shapes) {
      Tensor z = logits(shape[0], shape[1], 1e-3 + 5 * (shape[1] % 7), dtype);
      Tensor c = classes(shape[0], shape[1]);
      ClassCrossEntropy.Forward forward = ClassCrossEntropy.forward(z, c);
      double expected = definition(z, c);
      // Float64: the definition rounds each of its n logarithms and sums them, the kernel takes
      // one logarithm per 2^900 of product, so they agree to a few ulps of the total. Float32:
      // the kernel's exponentials are float32 (each row's sum within about 2^-23 of the float64
      // one, so its logarithm within 2^-23), summed in float64: n·2^-23 at most.
      double tolerance = dtype == DType.FLOAT64 ? 1e-14 * Math.max(1, Math.abs(expected))
          : shape[0] * 0x1p-23;
      assertEquals(expected, forward.total(), tolerance, () -> dtype + " " + z.shape());
      assertEquals(z.softmax(-1), forward.probabilities(), "the softmax kernel's bits");
      assertEquals(dtype, forward.probabilities().dtype());
    }
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void theGradientIsTheSoftmaxLessTheOneHotRowsScaled(DType dtype) {
    Tensor z = logits(50, 7, 4, dtype);
    Tensor c = classes(50, 7);
    Tensor p = ClassCrossEntropy.forward(z, c).probabilities();
    double scale = 1.0 / 50;
    Tensor expected = p.copy().axpyInPlace(-1, Tensors.oneHot(c, 7, dtype)).scaleInPlace(scale);
    assertEquals(expected, ClassCrossEntropy.gradient(p, c, scale), "bit for bit");
  }

  @Test
  void largeLogitsStayFiniteAndInfiniteOnesDoNot() {
    Tensor z = Tensor.matrix(new double[][] {{1e4, -1e4, 0}, {-1e4, 1e4, 1e4}});
    Tensor c = Tensor.vector(1, 2);
    // Row 0: log-sum-exp 1e4, class logit −1e4; row 1: 1e4 + log 2, class logit 1e4.
    assertEquals(2e4 + Math.log(2), ClassCrossEntropy.forward(z, c).total(), 1e-11);
    Tensor infinite = Tensor.matrix(new double[][] {{Double.POSITIVE_INFINITY, 0}});
    assertTrue(Double.isNaN(ClassCrossEntropy.forward(infinite, Tensor.vector(0)).total()),
        "∞ − ∞: no number, as log Σ e^z − z is for PyTorch");
    assertEquals(Double.POSITIVE_INFINITY,
        ClassCrossEntropy.forward(infinite, Tensor.vector(1)).total());
  }

  @Test
  void refusesWhatCannotBeTargets() {
    Tensor z = Tensors.zeros(2, 3);
    assertMessage("softmaxCrossEntropy: class 3.0 out of range for 3 classes (valid: whole"
        + " numbers 0 to 2)", () -> ClassCrossEntropy.forward(z, Tensor.vector(0, 3)));
    assertMessage("softmaxCrossEntropy: class 0.5 out of range for 3 classes (valid: whole"
        + " numbers 0 to 2)", () -> ClassCrossEntropy.gradient(z, Tensor.vector(0.5, 1), 1));
    assertMessage("softmaxCrossEntropy: classes [3] do not match logits [2, 3] (one class per"
        + " row: the logits' shape without the last axis)",
        () -> ClassCrossEntropy.forward(z, Tensor.vector(0, 1, 2)));
    assertMessage("softmaxCrossEntropy: logits [2, 0] have no classes",
        () -> ClassCrossEntropy.forward(Tensors.zeros(2, 0), Tensor.vector(0, 0)));
    assertMessage("softmaxCrossEntropy: logits [] need a class axis",
        () -> ClassCrossEntropy.forward(Tensor.scalar(1), Tensor.scalar(0)));
    assertMessage("softmaxCrossEntropy: classes are null", () -> ClassCrossEntropy.forward(z, null));
  }

  private static void assertMessage(String expected, Runnable call) {
    Exception e = assertThrows(RuntimeException.class, call::run);
    assertEquals(expected, e.getMessage());
  }
}
