package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Runs the README's first look at core, line for line. */
class ReadmeCoreTest {
  @Test
  void firstLook() {
    Tensor x = Tensor.matrix(new double[][] {{1, 2, 3}, {4, 5, 6}});
    Tensor w = Tensors.randn(Shape.of(3, 2), 42L);                // random factories take a seed
    Tensor logits = x.matmul(w).add(Tensor.vector(0.5, -0.5));    // [2, 2] + [2] broadcasts
    Tensor probabilities = logits.sub(logits.logSumExp(1, true)).exp();  // a stable softmax per row
    Tensor predicted = probabilities.argmax(1, false);           // the class index of each row

    // Rows of probabilities sum to one up to rounding of two terms.
    assertTrue(probabilities.sum(1, false).allClose(Tensors.ones(2), 0, 1e-15));
    assertEquals(logits.argmax(1, false), predicted);
  }

  @Test
  void joinsPutTheReceiverFirst() {
    Tensor x = Tensor.matrix(new double[][] {{1, 2, 3}, {4, 5, 6}});
    Tensor rows = x.concat(0, x.mul(10));                        // [4, 3]: x, then 10·x below it
    Tensor pair = x.stack(0, x.neg());                           // [2, 2, 3]: x at index 0
    Tensor wide = Tensors.concat(1, x, x, x);                    // [2, 9], from a list of parts

    // Whole numbers: every comparison is exact.
    assertEquals(Tensor.matrix(new double[][] {{1, 2, 3}, {4, 5, 6}, {10, 20, 30}, {40, 50, 60}}),
        rows);
    assertEquals(x, pair.slice(0, 0, 1).reshape(2, 3));
    assertEquals(x.neg(), pair.slice(0, 1, 2).reshape(2, 3));
    assertEquals(Shape.of(2, 9), wide.shape());
    assertEquals(x, wide.slice(1, 6, 9));
  }

  @Test
  void float32AndFloat64() {
    Tensor images = Tensors.rand(Shape.of(1000, 784), Tensors.seeded(1), DType.FLOAT32);
    Tensor centred = images.sub(images.mean(0, true)).mul(2);      // still float32
    Tensor mixed = centred.add(Tensor.vector(0.5));                 // float64, like the vector
    Tensor back = mixed.to(DType.FLOAT32);                          // rounds each value to float

    assertEquals(DType.FLOAT32, centred.dtype());
    assertEquals(DType.FLOAT64, mixed.dtype());
    assertEquals(DType.FLOAT32, back.dtype());
    // Centred columns sum to zero up to float32 rounding of 1,000 terms of size about 1.
    assertTrue(centred.sum(0, false).abs().max().item() < 1e-3);
  }

  @Test
  void recyclingInALoopOfYourOwn() {
    Recycling.clear();
    long before = Recycling.recycledCount();
    Tensor x = Tensors.randn(Shape.of(128, 512), 1L);
    Tensor w = Tensors.randn(Shape.of(128, 512), 2L);
    double total = 0;
    try (Recycling.Scope scope = Recycling.open()) {
      for (int step = 0; step < 100; step++) {
        Tensor product = x.mul(w);        // born in the scope: its array may come back
        Tensor active = product.relu();   // ...into this result, from the second step on
        scope.recycle(product);           // the promise: nothing reads product again
        total += active.sum().item();
        scope.recycle(active);
      }
    }

    assertEquals(200, Recycling.recycledCount() - before, "every result went back");
    // Bit for bit the loop without recycling: a reused array is overwritten, never read.
    double fresh = 0;
    for (int step = 0; step < 100; step++) {
      fresh += x.mul(w).relu().sum().item();
    }
    assertEquals(fresh, total, 0.0);
    Recycling.clear();
  }
}
