package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Conv2dOptions;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A recorded op prints its attributes after its name, as graph dumps and anomaly reports show
 * it. Found by mutation testing (issue 15): nothing read these strings.
 */
class OpDescriptionsTest {
  private static final Variable X =
      Variable.parameter(Tensor.of(new double[] {1, -2, 3, -4, 5, -6}, 2, 3));

  private static String described(Variable result) {
    return result.opContext().orElseThrow().op().toString();
  }

  @Test
  void indexingLayoutAndNormalizationOps() {
    assertEquals("gather(axis 1, index [2, 1])",
        described(X.gather(1, Tensor.of(new double[] {0, 2}, 2, 1))));
    assertEquals("permute([1, 0])", described(X.permute(1, 0)));
    assertEquals("standardize(axes [1], eps 1.0E-5)",
        described(X.standardize(new int[] {1}, 1e-5)));
    assertEquals("standardize(axes [0, 1], eps 0.0)",
        described(X.standardize(new int[] {-1, 0}, 0)),
        "axes in order, counted from the front, whatever order they were given in");
    assertEquals("softmaxCrossEntropy([2] class indices, mean)",
        described(X.softmaxCrossEntropy(Tensor.vector(2, 0))));
    assertEquals("squaredError([2, 3] targets, sum / 6.0)",
        described(X.squaredError(Tensors.zeros(2, 3), 6)));
  }

  @Test
  void convolutionAdjoints() {
    Variable g = Variable.parameter(Tensors.zeros(1, 2, 1, 1));
    Conv2dOptions options = Conv2dOptions.defaults();
    assertEquals("convTranspose2d(stride 1, padding 0, dilation 1, 3×3)",
        described(g.convTranspose2d(Variable.parameter(Tensors.zeros(2, 1, 3, 3)), options, 3, 3)));
    Variable x = Variable.parameter(Tensors.zeros(1, 1, 3, 3));
    assertEquals("conv2dWeightGrad(stride 1, padding 0, dilation 1, kernel 3×3)",
        described(x.conv2dWeightGrad(g, options, 3, 3)));
  }

  /** A convolution's catalogue case names the geometry it drew: input * weight (options). */
  @Test
  void convolutionCasesNameTheirGeometry() {
    for (String name : List.of("conv2d", "convTranspose2d", "conv2dWeightGrad")) {
      String description = OpTable.entry(name).orElseThrow().spec()
          .sample(new SplittableRandom(3)).description();
      assertTrue(description.matches(name
          + " \\[\\d+, \\d+, \\d+, \\d+] \\* \\[\\d+, \\d+, \\d+, \\d+] \\(stride .*\\).*"),
          description);
    }
  }

  /** A variance names its axes and, when it divides by n − 1, says so. */
  @Test
  void varianceSaysWhetherItIsUnbiased() {
    assertEquals("variance([1], keepDims, unbiased)",
        described(X.variance(new int[] {1}, true, true)));
    assertEquals("variance([0])", described(X.variance(new int[] {0}, false, false)));
    assertEquals("variance(all)", described(X.variance()));
  }
}
