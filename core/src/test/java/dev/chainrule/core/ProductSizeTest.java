package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A product whose result would have more than 2^31 − 1 elements is refused when it is planned,
 * naming the operation, both operands and the result. The kernels counted the result's elements
 * in an int, so 65537² wrapped to 131073 and 65536² to 0, and the GEMM seam's "does not fit an
 * array" message named neither matmul nor the shapes. Every operand here is small (at most
 * 65,537 elements, or empty): the refusal comes before anything the size of the result exists.
 */
class ProductSizeTest {

  /** The words of every refusal here, with HotSpot's longest array. */
  private static final String TOO_LONG = "more elements than a Java array holds (2147483645)";

  private static void assertRefused(String expected, Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  @Test
  void aMatrixProductTooLargeForAnArrayIsRefusedByMatmul() {
    assertRefused("matmul: [65537, 1] x [1, 65537]: the result [65537, 65537] has " + TOO_LONG,
        () -> Tensors.ones(65537, 1).matmul(Tensors.ones(1, 65537)));
    // 65536² = 2^32 wrapped to exactly 0 in an int.
    assertRefused("matmul: [65536, 0] x [0, 65536]: the result [65536, 65536] has " + TOO_LONG,
        () -> Tensors.zeros(65536, 0).matmul(Tensors.zeros(0, 65536)));
    assertRefused("matmul: [1, 65537]ᵀ x [65537, 1]ᵀ: the result [65537, 65537] has "
        + TOO_LONG, () -> Tensors.zeros(1, 65537).matmul(Tensors.zeros(65537, 1),
            Transpose.BOTH));
    assertRefused("matmul: [65537, 1] x [1, 65537]: the result [65537, 65537] has " + TOO_LONG,
        () -> Tensors.ones(Shape.of(65537, 1), DType.FLOAT32)
            .matmul(Tensors.ones(Shape.of(1, 65537), DType.FLOAT32)));
  }

  @Test
  void denseIsRefusedByItsOwnName() {
    Tensor x = Tensors.ones(65537, 1);
    assertRefused("dense: [65537, 1] x [1, 65537]: the result [65537, 65537] has " + TOO_LONG,
        () -> x.dense(Tensors.ones(1, 65537), Transpose.NONE, Tensors.zeros(65537)));
    assertRefused("dense: [65537, 1] x [65537, 1]ᵀ: the result [65537, 65537] has " + TOO_LONG,
        () -> x.dense(Tensors.ones(65537, 1), Transpose.RIGHT, Tensors.zeros(65537),
            DenseActivation.RELU));
  }

  @Test
  void aBatchedProductIsRefusedBeforeItsBatchIsLaidOut() {
    // 2 × 32768 × 32768 = 2^31, one more than an int holds.
    assertRefused("matmul: [2, 32768, 1] x [1, 32768]: the result [2, 32768, 32768] has "
        + TOO_LONG, () -> Tensors.zeros(2, 32768, 1).matmul(Tensors.zeros(1, 32768)));
    // The batch broadcasts to 65536 matrices of [1, 32768]; the message comes before the
    // batch's offset lists are made.
    assertRefused("matmul: [65536, 1, 0] x [1, 0, 32768]: the result [65536, 1, 32768] has "
        + TOO_LONG, () -> Tensors.zeros(65536, 1, 0).matmul(Tensors.zeros(1, 0, 32768)));
  }

  @Test
  void tensordotRowsIsRefusedByItsOwnName() {
    assertRefused("tensordotRows: [0, 65537] and [0, 65537]: the result [65537, 65537] has "
        + TOO_LONG, () -> Tensors.zeros(0, 65537).tensordotRows(Tensors.zeros(0, 65537)));
  }

  @Test
  void anEmptyBatchOfLargeMatricesIsNotRefused() {
    // The result [0, 65537, 65537] has no elements, though one of its matrices would not fit:
    // the limit is on the whole result, so NumPy's empty answer stands.
    assertEquals(Shape.of(0, 65537, 65537), Tensors.zeros(0, 65537, 1)
        .matmul(Tensors.zeros(1, 65537)).shape());
  }
}
