package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reductions of tensors with no elements but a long axis, which cost no memory: the kernels
 * walked the rows of the reduced axes whether they held elements or not, so a float32
 * [2^31 − 1, 0].sum(0) never ended (its row counter, stepped by 8, wrapped negative past
 * 2^31 − 8) and float64 [2^31 − 1, 2^31 − 1, 0].sum(1) walked 2^62 empty runs. PyTorch 1.13
 * answers each in microseconds. The values of empty groups are PyTorch's: a sum 0, a mean and a
 * variance NaN.
 */
class EmptyLongAxisReductionsTest {
  private static final int LONGEST = Integer.MAX_VALUE;

  /**
   * Each call well within this: the fixed reductions take microseconds, the broken ones spun
   * for ever or took 2.5 s and more. Generous, so a slow machine's JIT warm-up never trips it.
   */
  private static final Duration QUICK = Duration.ofSeconds(2);

  private static <T> T quickly(ThrowingSupplier<T> call) {
    return assertTimeoutPreemptively(QUICK, call);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void sumsAlongALongEmptyAxisReturnAtOnce(DType dtype) {
    Tensor x = Tensors.zeros(Shape.of(LONGEST, 0), dtype);
    assertEquals(Shape.of(0), quickly(() -> x.sum(0, false)).shape());
    assertEquals(Shape.of(1, 0), quickly(() -> x.sum(0, true)).shape());
    assertEquals(Shape.of(0), quickly(() -> x.mean(0, false)).shape());
    assertEquals(Shape.of(0), quickly(() -> x.variance(0, false)).shape());
    assertEquals(Shape.of(0), quickly(() -> x.max(0, false)).shape());
    assertEquals(Shape.of(0), quickly(() -> x.min(0, false)).shape());
    assertEquals(Shape.of(0), quickly(() -> x.logSumExp(0, false)).shape());
    assertEquals(Shape.of(1, 0), quickly(() -> x.sumTo(Shape.of(1, 0))).shape());
    assertEquals(Shape.of(0), quickly(() -> x.sumTo(Shape.of(0))).shape());
    Tensor middle = Tensors.zeros(Shape.of(3, LONGEST, 0), dtype);
    assertEquals(Shape.of(3, 0), quickly(() -> middle.sum(1, false)).shape());
    Tensor square = Tensors.zeros(Shape.of(LONGEST, LONGEST, 0), dtype);
    assertEquals(Shape.of(LONGEST, 0), quickly(() -> square.sum(1, false)).shape());
    assertEquals(Shape.of(LONGEST, 0), quickly(() -> square.mean(1, false)).shape());
  }

  /**
   * Cells that exist over groups of no elements keep the values the kernels gave, which are
   * PyTorch's: torch.zeros(2**31 - 1, 0, 2).sum((0, 1)) is [0, 0], its mean and (population)
   * variance [nan, nan]; exact, as nothing is added.
   */
  @ParameterizedTest
  @EnumSource(DType.class)
  void emptyGroupsOfALongAxisKeepTheirValues(DType dtype) {
    Tensor x = Tensors.zeros(Shape.of(LONGEST, 0, 2), dtype);
    int[] axes = {0, 1};
    assertArrayEquals(new double[] {0, 0}, quickly(() -> x.sum(axes, false)).toArray());
    assertArrayEquals(new double[] {Double.NaN, Double.NaN},
        quickly(() -> x.mean(axes, false)).toArray());
    assertArrayEquals(new double[] {Double.NaN, Double.NaN},
        quickly(() -> x.variance(axes, false)).toArray());
    Tensor small = Tensors.zeros(Shape.of(0, 3), dtype);
    assertArrayEquals(new double[] {0, 0, 0}, small.sum(0, true).toArray());
    assertEquals(Shape.of(1, 3), small.sum(0, true).shape());
    assertEquals(dtype, x.sum(axes, false).dtype());
  }

  /**
   * A batched product with no elements in its result takes none: it listed an int offset per
   * batch first, for 2^31 − 1 batches an array past the VM's limit (an OutOfMemoryError).
   * PyTorch 1.13 gives the empty [2^31 − 1, 0, 3] at once.
   */
  @ParameterizedTest
  @EnumSource(DType.class)
  void anEmptyBatchedProductOfALongBatchReturnsAtOnce(DType dtype) {
    Tensor a = Tensors.zeros(Shape.of(LONGEST, 0, 0), dtype);
    Tensor b = Tensors.zeros(Shape.of(LONGEST, 0, 3), dtype);
    assertEquals(Shape.of(LONGEST, 0, 3), quickly(() -> a.matmul(b)).shape());
    Tensor c = Tensors.zeros(Shape.of(LONGEST, 2, 0), dtype);
    assertEquals(Shape.of(LONGEST, 0, 0), quickly(() -> c.matmul(c, Transpose.LEFT)).shape());
    // A batch of 2^32 matrices has no int size: asking for it refused the product.
    Tensor d = Tensors.zeros(Shape.of(65536, 65536, 0, 0), dtype);
    Tensor e = Tensors.zeros(Shape.of(65536, 65536, 0, 3), dtype);
    assertEquals(Shape.of(65536, 65536, 0, 3), quickly(() -> d.matmul(e)).shape());
  }

  @Test
  void aWholeSumOfALongEmptyTensorIsZero() {
    Tensor x = Tensors.zeros(Shape.of(LONGEST, LONGEST, 0), DType.FLOAT32);
    assertEquals(0.0, quickly(() -> x.sum()).item());
  }
}
