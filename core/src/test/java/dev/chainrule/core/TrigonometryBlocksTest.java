package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A tensor's sin and cos are their kernels' one-element functions, bit for bit, in both types
 * ({@link SinCosSteps}, {@link FloatSinCos}), at lengths below, at and across a block's, with
 * elements past the kernels' bounds in whichever block.
 */
class TrigonometryBlocksTest {
  @Test
  void tensorsSinAndCosAreTheOneElementFunctions() {
    SplittableRandom random = new SplittableRandom(13);
    for (int length : new int[] {0, 1, 31, 1023, 1024, 1025, 2048, 2049, 5000}) {
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
      Tensor t32 = Tensor.of(x, length);
      Tensor t64 = t32.to(DType.FLOAT64);
      double[] sin32 = t32.sin().toArray();
      double[] cos32 = t32.cos().toArray();
      double[] sin64 = t64.sin().toArray();
      double[] cos64 = t64.cos().toArray();
      for (int i = 0; i < length; i++) {
        assertEquals(Float.floatToIntBits(FloatSinCos.sin(x[i])),
            Float.floatToIntBits((float) sin32[i]), "float32 sin at " + x[i]);
        assertEquals(Float.floatToIntBits(FloatSinCos.cos(x[i])),
            Float.floatToIntBits((float) cos32[i]), "float32 cos at " + x[i]);
        assertEquals(Double.doubleToLongBits(SinCosSteps.sin(x[i])),
            Double.doubleToLongBits(sin64[i]), "float64 sin at " + x[i]);
        assertEquals(Double.doubleToLongBits(SinCosSteps.cos(x[i])),
            Double.doubleToLongBits(cos64[i]), "float64 cos at " + x[i]);
      }
    }
  }
}
