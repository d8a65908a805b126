package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * {@code dense} in every transpose mode, batched and not, with non-square operands so that rows
 * and columns cannot be confused, against {@code matmul(mode).add(bias)}. The values are small
 * whole numbers, so every sum is exact and the two must agree bit for bit whichever path (the
 * bias fused into the product or added afterwards) computes them. Found by mutation testing
 * (issue 15): DenseProperties covers the plain mode only.
 */
class DenseModesTest {

  private static Tensor counting(int... dims) {
    Shape shape = Shape.of(dims);
    double[] values = new double[shape.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = i % 7 - 3;
    }
    return Tensor.of(values, dims);
  }

  @Test
  void everyModeAndBiasLayoutIsTheProductPlusTheBias() {
    // x is 2 × 3 after its transpose, W is 3 × 4 after its own: the product is 2 × 4.
    for (Transpose mode : Transpose.values()) {
      Tensor x = mode.left() ? counting(3, 2) : counting(2, 3);
      Tensor w = mode.right() ? counting(4, 3) : counting(3, 4);
      for (Tensor bias : new Tensor[] {counting(4), counting(1, 4), counting(2, 1),
          counting(1), Tensor.scalar(5), counting(2, 4)}) {
        assertEquals(x.matmul(w, mode).add(bias), x.dense(w, mode, bias),
            mode + " " + bias.shape());
      }
    }
  }

  /**
   * dense types its result as matmul(...).add(bias) does, whichever path runs: a float64 rank-0
   * bias (a {@code Tensor.scalar}) does not widen a float32 product. The fused path, taken when
   * the layer has one output (the bias's one element matches the row), made it float64 while a
   * layer of two outputs stayed float32. The values are then float32's too: 6 + 0.1 rounded.
   */
  @Test
  void aRankZeroBiasKeepsTheProductsTypeOnEveryPath() {
    Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Tensor bias = Tensor.scalar(0.1);
    for (int outputs : new int[] {1, 2}) {
      Tensor w = Tensors.ones(Shape.of(outputs, 3), DType.FLOAT32);
      Tensor fused = x.dense(w, Transpose.RIGHT, bias);
      assertEquals(DType.FLOAT32, fused.dtype(), outputs + " outputs");
      assertEquals(x.matmul(w, Transpose.RIGHT).add(bias), fused, outputs + " outputs");
      assertEquals(DType.FLOAT32, x.dense(w, Transpose.RIGHT, bias, DenseActivation.RELU)
          .dtype(), outputs + " outputs, with an activation");
    }
    // A float64 bias of rank 1 widens, as add does.
    Tensor wide = x.dense(Tensors.ones(Shape.of(1, 3), DType.FLOAT32), Transpose.RIGHT,
        Tensor.vector(0.1));
    assertEquals(DType.FLOAT64, wide.dtype());
  }

  @Test
  void aBatchOfInputsTakesTheBiasRowEachTime() {
    Tensor x = counting(2, 2, 3);
    Tensor w = counting(3, 4);
    Tensor bias = counting(4);
    assertEquals(x.matmul(w).add(bias), x.dense(w, Transpose.NONE, bias));
    assertEquals(x.matmul(counting(4, 3), Transpose.RIGHT).add(bias),
        x.dense(counting(4, 3), Transpose.RIGHT, bias));
  }

  @Test
  void aVectorInputIsOneRow() {
    Tensor x = counting(3);
    Tensor w = counting(3, 4);
    assertEquals(x.matmul(w).add(counting(4)), x.dense(w, Transpose.NONE, counting(4)));
  }

  /** A Dense layer's weight is [out, in]: linear reads it as PyTorch does, x·Wᵀ + b. */
  @Test
  void linearTakesTheWeightInPyTorchsLayout() {
    Tensor x = Tensor.matrix(new double[][] {{1, 0}});
    Tensor w = Tensor.matrix(new double[][] {{1, 2}, {3, 4}});
    assertEquals(Tensor.matrix(new double[][] {{11, 23}}),
        Tensor.linear(x, w, Tensor.vector(10, 20)), "row 0 of x·Wᵀ is [1, 3]");
    assertEquals(Tensor.matrix(new double[][] {{1, 3}}), Tensor.linear(x, w, null));
    // Variable.linear's checks and words: a weight [in, out] is named, not a transposed product.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Tensor.linear(counting(1, 3), counting(3, 2), null));
    assertEquals("linear: input [1, 3] and weight [3, 2] should be [n, in] and [out, in]",
        e.getMessage());
    // A bias that would broadcast ([1, out]) is still not PyTorch's [out]: refused, not added.
    IllegalArgumentException bias = assertThrows(IllegalArgumentException.class,
        () -> Tensor.linear(x, w, Tensor.matrix(new double[][] {{10, 20}})));
    assertEquals("linear: bias [1, 2] does not match weight [2, 2] (expected [2])",
        bias.getMessage());
  }
}
