package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The softmax-row and moments kernels hand every scratch array they take from the pool back to
 * it ({@link Recycling#recycleUnseen}), counted by {@link Recycling#recycledCount}: a kernel that
 * forgot one would give the same values and leave a training step's garbage collector an array of
 * the batch's size per call. The pool takes arrays of {@link Recycling#MIN_ELEMENTS} or more, so
 * the shapes below have 128 rows (the shifts and sums per row) of 3 or 5 elements (rows written
 * out element by element, and rows walked by a loop) or runs of 128 (the moments' scratch rows).
 */
class KernelScratchRecyclingTest {
  private static final int ROWS = Recycling.MIN_ELEMENTS;

  /** How many arrays the pool took in while {@code call} ran, from an empty pool. */
  private static long recycledBy(Supplier<?> call) {
    Recycling.clear();
    long before = Recycling.recycledCount();
    call.get();
    return Recycling.recycledCount() - before;
  }

  private static Tensor logits(int length, DType dtype) {
    return Tensors.randn(Shape.of(ROWS, length), 3L, dtype);
  }

  /**
   * Softmax: the shifted logits, the shifts and the sums (its output is the result's). Log-softmax
   * adds the row logarithms; log-sum-exp the exponentials, which are not its result.
   */
  @ParameterizedTest
  @EnumSource(DType.class)
  void theSoftmaxRowKernelsHandBackTheirScratch(DType dtype) {
    for (int length : new int[] {3, 5}) {
      Tensor z = logits(length, dtype);
      String where = dtype + " rows of " + length;
      assertEquals(3, recycledBy(() -> z.softmax(-1)), "softmax " + where);
      assertEquals(4, recycledBy(() -> z.logSoftmax(-1)), "logSoftmax " + where);
      assertEquals(4, recycledBy(() -> z.logSumExp(1, false)), "logSumExp " + where);
    }
  }

  /**
   * The cross-entropy's forward: rows walked by a loop keep shifts and sums like softmax (3);
   * rows written out sum each row in the loop that uses it, so only the shifted logits and the
   * shifts go back (2).
   */
  @ParameterizedTest
  @EnumSource(DType.class)
  void theCrossEntropyHandsBackItsScratch(DType dtype) {
    Tensor classes = Tensors.zeros(ROWS);
    assertEquals(2, recycledBy(() -> ClassCrossEntropy.forward(logits(3, dtype), classes)),
        dtype + " rows of 3");
    assertEquals(3, recycledBy(() -> ClassCrossEntropy.forward(logits(5, dtype), classes)),
        dtype + " rows of 5");
  }

  /**
   * The moments' sums take a run's deviations and squares, the standardization's gradient a
   * run's products g·y and its copy of y: two arrays of the run's length each.
   */
  @ParameterizedTest
  @EnumSource(DType.class)
  void theMomentsKernelsHandBackTheirRows(DType dtype) {
    Shape shape = Shape.of(2, ROWS);
    int[] rows = {1};
    Tensor x = Tensors.randn(shape, 4L, dtype);
    Tensor mean = x.mean(rows, true);
    long sums = recycledBy(() -> x.moments(rows)) - recycledBy(() -> x.mean(rows, true));
    assertEquals(2, sums, dtype + " sums");
    Tensor scale = Tensors.ones(mean.shape()).to(dtype);
    assertEquals(2, recycledBy(() -> Moments.standardizedGradient(x, x, scale, rows)),
        dtype + " gradient");
  }
}
