package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * maxPool2d of an empty batch with long spatial axes: its check that every window reaches the
 * input looked at each of the 2^30 windows in turn (2.7 s for nothing to pool; PyTorch 1.13
 * answers in microseconds). It now looks at the first and the last window where the taps cannot
 * step over the input, and the closed form is held to the window-by-window answer here.
 */
class EmptyLongPoolingTest {
  /**
   * The fixed call takes milliseconds (0.6 s with the first call's class loading); the old one
   * 2.7 s per long axis, 5.4 s for the two here.
   */
  private static final Duration QUICK = Duration.ofSeconds(2);

  @Test
  void anEmptyBatchWithALongAxisPoolsAtOnce() {
    for (DType dtype : DType.values()) {
      Tensor x = Tensors.zeros(Shape.of(0, 1, Integer.MAX_VALUE, Integer.MAX_VALUE), dtype);
      Tensor pooled = assertTimeoutPreemptively(QUICK, () -> x.maxPool2d(Pool2dOptions.of(2)));
      assertEquals(Shape.of(0, 1, 1073741823, 1073741823), pooled.shape());
    }
  }

  @Test
  void theFirstAndLastWindowsDecideAsEveryWindowDoes() {
    int cases = 0;
    int refused = 0;
    for (int in = 1; in <= 7; in++) {
      for (int kernel = 1; kernel <= 4; kernel++) {
        for (int stride = 1; stride <= 4; stride++) {
          for (int padding = 0; padding <= 5; padding++) {
            for (int dilation = 1; dilation <= 5; dilation++) {
              int out = Window.outputSize(in, kernel, stride, padding, dilation);
              boolean expected = everyWindowOneByOne(in, out, kernel, stride, padding, dilation);
              assertEquals(expected,
                  Window.everyWindowReachesInput(in, out, kernel, stride, padding, dilation),
                  String.format(java.util.Locale.ROOT, "in %d, out %d, kernel %d, stride %d,"
                      + " padding %d, dilation %d", in, out, kernel, stride, padding, dilation));
              cases++;
              refused += expected ? 0 : 1;
            }
          }
        }
      }
    }
    // Both answers occur often enough for the comparison to mean something.
    assertEquals(3360, cases);
    assertEquals(true, refused > 100, "windows that miss the input: " + refused);
  }

  private static boolean everyWindowOneByOne(int in, int out, int kernel, int stride,
      int padding, int dilation) {
    for (int o = 0; o < out; o++) {
      boolean reaches = false;
      for (int k = 0; k < kernel; k++) {
        long at = (long) o * stride - padding + (long) k * dilation;
        reaches |= at >= 0 && at < in;
      }
      if (!reaches) {
        return false;
      }
    }
    return true;
  }
}
