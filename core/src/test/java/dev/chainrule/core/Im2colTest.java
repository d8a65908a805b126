package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * im2col writes every element of its columns, the padding's zeros included, whatever the array
 * held before: a convolution reuses one columns array for every image of the batch, and an array
 * from a pool would hold another op's values.
 */
class Im2colTest {

  @Test
  void paddingIsWrittenAsZerosOverWhatTheArrayHeld() {
    Conv2dOptions options = Conv2dOptions.builder().stride(2, 1).padding(1, 2).build();
    ConvPlan plan = ConvPlan.sized("im2col", "test", 1, 2, 4, 5, 1, 3, 3, options);
    double[] in = Tensors.randn(Shape.of(1, 2, 4, 5), 7L).dataF64();
    double[] clean = new double[plan.columnRows() * plan.positions()];
    double[] dirty = new double[clean.length];
    Arrays.fill(dirty, Double.NaN);
    ConvolutionF64.im2col(in, 0, plan, clean);
    ConvolutionF64.im2col(in, 0, plan, dirty);
    assertArrayEquals(clean, dirty);
    // The padding (1 row above and below, 2 columns each side) puts zeros in every tap's row.
    long zeros = Arrays.stream(clean).filter(v -> v == 0).count();
    assertTrue(zeros > 0, "the layout has padding to write");
  }
}
