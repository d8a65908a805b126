package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The float32 sin and cos widen a block at a time into float64 before calling Math's: the same
 * bits as Math.sin of each element widened, at lengths below, at and across the block's.
 */
class TrigonometryBlocksTest {
  @Test
  void float32SinAndCosAreMathsRoundedOnce() {
    SplittableRandom random = new SplittableRandom(13);
    for (int length : new int[] {0, 1, 31, 2047, 2048, 2049, 5000}) {
      float[] x = new float[length];
      for (int i = 0; i < length; i++) {
        x[i] = (float) (random.nextDouble(-1e4, 1e4) * (i % 3 == 0 ? 1e-4 : 1));
      }
      if (length > 2) {
        x[0] = Float.NaN;
        x[1] = Float.NEGATIVE_INFINITY;
        x[2] = -0f;
      }
      Tensor t = Tensor.of(x, length);
      double[] sin = t.sin().toArray();
      double[] cos = t.cos().toArray();
      for (int i = 0; i < length; i++) {
        assertEquals(Float.floatToIntBits((float) Math.sin(x[i])),
            Float.floatToIntBits((float) sin[i]), "sin at " + x[i]);
        assertEquals(Float.floatToIntBits((float) Math.cos(x[i])),
            Float.floatToIntBits((float) cos[i]), "cos at " + x[i]);
      }
    }
  }
}
