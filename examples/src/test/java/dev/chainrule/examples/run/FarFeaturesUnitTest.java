package dev.chainrule.examples.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.Tensor;
import dev.chainrule.optim.model.Scaling;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The warning of a value more than 100 standard deviations from its training mean names the
 * first row holding one, at its farthest value, and counts the rest.
 */
class FarFeaturesUnitTest {
  private static final List<String> FEATURES = List.of("f0", "f1");
  private static final Scaling SCALING = new Scaling(List.of(14.0, 2.0), List.of(1.0, 1.0));
  private static final IntFunction<String> LINE = row -> "line " + (row + 2);

  private static Optional<String> warning(double[] standardized, double[] raw) {
    int rows = standardized.length / 2;
    return FarFeatures.warning(Tensor.of(standardized, rows, 2), Tensor.of(raw, rows, 2),
        SCALING, FEATURES, LINE);
  }

  @Test
  void valuesWithinTheLimitAndMissingOnesAreNoWarning() {
    // 100 itself is within: no training value of up to 10,001 rows lies farther.
    assertEquals(Optional.empty(), warning(new double[] {100, -100, Double.NaN, 3},
        new double[] {114, -98, Double.NaN, 5}));
  }

  @Test
  void theFirstFarRowIsNamedAtItsFarthestValue() {
    assertEquals(Optional.of("line 3: f1 is 1.000e+30, 300 standard deviations from its"
        + " training mean 2.000, farther than any value of a training set of up to 10,001 rows"
        + " can lie (100): its prediction there is an extrapolation; 2 more rows lie as far"),
        warning(new double[] {0, 1, 150, -300, Double.NaN, -101, 101, 0},
            new double[] {14, 3, 164, 1e30, Double.NaN, -99, 115, 2}));
  }

  @Test
  void oneOtherRowIsARow() {
    assertEquals(Optional.of("line 2: f0 is 164.0, 150 standard deviations from its training"
        + " mean 14.00, farther than any value of a training set of up to 10,001 rows can lie"
        + " (100): its prediction there is an extrapolation; 1 more row lies as far"),
        warning(new double[] {150, 0, 0, -101}, new double[] {164, 2, 14, -99}));
  }
}
