package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.Pool2dOptions;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Dilated windows without {@code count_include_pad}, against a direct loop over each window's
 * taps: a window starting exactly at the input's first row counts its first tap (a dilation of 2
 * skipping it, as (−start − 1) / dilation + 1 would at a start of 0, divides by one tap too few).
 */
class DilatedUncountedPoolingTest {
  /** The mean of each window's taps that fall on the input. */
  private static double[] naive(Tensor x, Pool2dOptions o, int outH, int outW) {
    int h = x.shape().dim(2);
    int w = x.shape().dim(3);
    double[] out = new double[outH * outW];
    for (int i = 0; i < outH; i++) {
      for (int j = 0; j < outW; j++) {
        double sum = 0;
        int count = 0;
        for (int a = 0; a < o.kernelHeight(); a++) {
          for (int b = 0; b < o.kernelWidth(); b++) {
            int r = i * o.strideHeight() - o.paddingHeight() + a * o.dilationHeight();
            int c = j * o.strideWidth() - o.paddingWidth() + b * o.dilationWidth();
            if (r >= 0 && r < h && c >= 0 && c < w) {
              sum += x.get(0, 0, r, c);
              count++;
            }
          }
        }
        out[i * outW + j] = sum / count;
      }
    }
    return out;
  }

  @Test
  void windowsStartingAtTheEdgeCountTheirFirstTap() {
    Random random = new Random(70);
    double[] values = new double[5 * 6];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextDouble() * 2 - 1;
    }
    Tensor x = Tensor.of(values, 1, 1, 5, 6);
    // Stride 1 and padding 1: the second window of each axis starts at 0.
    Pool2dOptions o = Pool2dOptions.builder(2, 3).stride(1).padding(1).dilation(2)
        .countIncludePad(false).build();
    Tensor y = Variable.constant(x).avgPool2d(o).value();
    int outH = o.outputSize(5, true);
    int outW = o.outputSize(6, false);
    assertEquals(Shape.of(1, 1, outH, outW), y.shape());
    double[] expected = naive(x, o, outH, outW);
    double[] actual = y.toArray();
    for (int k = 0; k < expected.length; k++) {
      // At most 6 taps of magnitude < 1 summed then divided: a few roundings of 2^-53 each; a
      // miscounted window is off by a factor such as 2 / 1 or 6 / 4.
      assertEquals(expected[k], actual[k], 1e-14, "output " + k);
    }
  }
}
