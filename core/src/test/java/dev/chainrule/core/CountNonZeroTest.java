package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * countNonZero counts as PyTorch's count_nonzero does (NaN and infinities are not zero, −0.0
 * is), and exactly past 2^24 elements, where a float32 sum of a mask rounds to an even number:
 * the counts of right rows, NaN outputs and finite values took such sums and lost one.
 */
class CountNonZeroTest {
  @ParameterizedTest
  @EnumSource(DType.class)
  void zerosOfEitherSignAreNotCountedAndEverythingElseIs(DType dtype) {
    Tensor x = Tensor.vector(0, -0.0, 1, -2.5, Double.NaN, Double.POSITIVE_INFINITY, 1e-300)
        .to(dtype);
    // 1e-300 is 0 in float32 (below its smallest subnormal), a value in float64.
    assertEquals(dtype == DType.FLOAT64 ? 5 : 4, x.countNonZero());
    assertEquals(0, Tensors.zeros(Shape.of(3, 0), dtype).countNonZero());
  }

  @Test
  void aFloat32MaskPast2To24IsCountedExactly() {
    Tensor ones = Tensors.ones(Shape.of((1 << 24) + 1), DType.FLOAT32);
    assertEquals((1 << 24) + 1, ones.countNonZero());
    assertEquals(1 << 24, (long) ones.sum().item(), "what the sum gives: even past 2^24");
  }
}
