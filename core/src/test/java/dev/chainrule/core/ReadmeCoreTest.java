package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Runs the README's first look at core, line for line. */
class ReadmeCoreTest {
  @Test
  void firstLook() {
    Tensor x = Tensor.matrix(new double[][] {{1, 2, 3}, {4, 5, 6}});
    Tensor w = Tensors.randn(Shape.of(3, 2), 42L);                // every random factory takes a seed
    Tensor logits = x.matmul(w).add(Tensor.vector(0.5, -0.5));    // [2, 2] + [2] broadcasts
    Tensor probabilities = logits.sub(logits.logSumExp(1, true)).exp();  // a stable softmax per row
    Tensor predicted = probabilities.argmax(1, false);           // the class index of each row

    // Rows of probabilities sum to one up to rounding of two terms.
    assertTrue(probabilities.sum(1, false).allClose(Tensors.ones(2), 0, 1e-15));
    assertEquals(logits.argmax(1, false), predicted);
  }

  @Test
  void float32AndFloat64() {
    Tensor images = Tensors.rand(Shape.of(1000, 784), Tensors.seeded(1), DType.FLOAT32);
    Tensor centred = images.sub(images.mean(0, true)).mul(2);      // still float32
    Tensor mixed = centred.add(Tensor.vector(0.5));                 // float64: the vector is float64
    Tensor back = mixed.to(DType.FLOAT32);                          // rounds each value to float

    assertEquals(DType.FLOAT32, centred.dtype());
    assertEquals(DType.FLOAT64, mixed.dtype());
    assertEquals(DType.FLOAT32, back.dtype());
    // Centred columns sum to zero up to float32 rounding of 1,000 terms of size about 1.
    assertTrue(centred.sum(0, false).abs().max().item() < 1e-3);
  }
}
