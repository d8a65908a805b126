package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What {@link Module#evaluatesRowsAlone} promises of rows run in parts of another size: the
 * values of one call on the whole batch up to a few ulps of the largest output. Not a few ulps of
 * each output: an output near 0 is a sum that cancels, and was measured thousands of its own ulps
 * off (the Javadoc said "a few ulps apart" until it was measured).
 */
class RowGroupingRoundingTest {
  private static final int ROWS = 300;

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void partsOfAnyLengthGiveTheWholeBatchsOutputsToAFewUlpsOfTheLargest(DType type) {
    Sequential model = Sequential.of(Dense.of(784, 256, 1L), Activation.relu(),
        Dense.of(256, 10, 2L));
    model.to(type).eval();
    Tensor x = Tensors.rand(Shape.of(ROWS, 784), Tensors.seeded(3), type);
    double[] whole = model.forward(Variable.constant(x)).value().toArray();
    double largest = 0;
    for (double v : whole) {
      largest = Math.max(largest, Math.abs(v));
    }
    double ulp = type == DType.FLOAT32 ? Math.ulp((float) largest) : Math.ulp(largest);
    double worst = 0;
    for (int part : new int[] {1, 7, 64, ROWS - 1}) {
      for (int start = 0; start < ROWS; start += part) {
        int end = Math.min(ROWS, start + part);
        double[] got = model.forward(Variable.constant(x.slice(0, start, end))).value().toArray();
        for (int i = 0; i < got.length; i++) {
          worst = Math.max(worst, Math.abs(got[i] - whole[start * 10 + i]));
        }
      }
    }
    // Measured up to 6 ulps of the largest output (1,000 rows, three seeds, both types): each
    // output sums 784 and then 256 products in another order. 16 leaves room for other kernels
    // (OpenBLAS, the Java one, the Vector API's) without admitting a wrong row.
    assertTrue(worst <= 16 * ulp, String.format(Locale.ROOT,
        "%s: parts differ from the whole batch by %.3g, %.1f ulps of the largest output %.4g",
        type, worst, worst / ulp, largest));
  }
}
