package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Batch normalization over more features than an array holds is refused naming the layer, as
 * Dense, Conv2d, Embedding and LayerNorm are ({@link ParameterSizes}); before, the tensor
 * factory refused it ("ones: [2147483647] holds ..."), naming no layer.
 */
class BatchNormSizeLimitTest {
  private static final int MOST = Integer.MAX_VALUE;

  private static void assertRefused(String expected, Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  @Test
  void aLayerTooLargeForAnArrayIsRefusedByName() {
    assertRefused("BatchNorm1d(2147483647): a weight of 2147483647 = 2147483647 elements is more"
        + " than a Java array holds (2147483645)", () -> BatchNorm1d.of(MOST));
    assertRefused("BatchNorm2d(2147483646): a weight of 2147483646 = 2147483646 elements is more"
        + " than a Java array holds (2147483645)", () -> BatchNorm2d.of(MOST - 1));
    assertRefused("BatchNorm1d(2147483647): running statistics of 2147483647 = 2147483647"
        + " elements is more than a Java array holds (2147483645)",
        () -> BatchNorm1d.builder(MOST).affine(false).build());
  }

  @Test
  void aLayerHoldingNoTensorTakesAnyFeatureCount() {
    // No weight and no running statistics: nothing to allocate (PyTorch's BatchNorm1d(2**31 - 1,
    // affine=False, track_running_stats=False) is made too).
    BatchNorm1d layer = BatchNorm1d.builder(MOST).affine(false).trackRunningStatistics(false)
        .build();
    assertEquals(0, layer.parameters().size());
  }
}
