package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The float32 sin and cos widen a block at a time into float64 and run {@link SinCos}'s float64
 * kernel: the same bits as that kernel on the widened elements rounded once, at lengths below,
 * at and across the block's, with elements past its bound patched in whichever block.
 */
class TrigonometryBlocksTest {
  @Test
  void float32SinAndCosAreTheFloat64KernelRoundedOnce() {
    SplittableRandom random = new SplittableRandom(13);
    for (int length : new int[] {0, 1, 31, 1023, 1024, 1025, 2048, 5000}) {
      float[] x = new float[length];
      for (int i = 0; i < length; i++) {
        x[i] = (float) (random.nextDouble(-1e4, 1e4) * (i % 3 == 0 ? 1e-4 : 1));
      }
      if (length > 3) {
        x[0] = Float.NaN;
        x[1] = Float.NEGATIVE_INFINITY;
        x[2] = -0f;
        x[length - 1] = 3e9f;
      }
      Tensor t = Tensor.of(x, length);
      double[] sin = t.sin().toArray();
      double[] cos = t.cos().toArray();
      double[] wide = Tensor.of(x, length).to(DType.FLOAT64).toArray();
      double[] sin64 = new double[length];
      double[] cos64 = new double[length];
      SinCos.sin(wide, sin64);
      SinCos.cos(wide, cos64);
      for (int i = 0; i < length; i++) {
        assertEquals(Float.floatToIntBits((float) sin64[i]),
            Float.floatToIntBits((float) sin[i]), "sin at " + x[i]);
        assertEquals(Float.floatToIntBits((float) cos64[i]),
            Float.floatToIntBits((float) cos[i]), "cos at " + x[i]);
      }
    }
  }
}
