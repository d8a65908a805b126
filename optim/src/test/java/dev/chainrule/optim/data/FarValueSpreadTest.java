package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.chainrule.optim.data.FeatureOutliers.Far;
import dev.chainrule.optim.data.FeatureOutliers.Group;
import java.util.Arrays;
import java.util.List;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

/**
 * {@link Far#in}'s search and arithmetic against a direct computation, on columns unlike those
 * the warning's other tests use (values near 0, one far row above them): a median far from 0,
 * far values below the others, a far value two rows hold, exactly the 1% of rows allowed, a
 * one-row indicator and a far value of -0. The spread left is the kept values' standard
 * deviation over the column's, each computed here in two plain passes.
 */
class FarValueSpreadTest {
  /** 300 rows of 1000, 1000.1, ..., 1000.9, then {@code far}. */
  private static double[] column(double... far) {
    return DoubleStream.concat(
        DoubleStream.iterate(0, i -> i + 1).limit(300).map(i -> 1000 + i % 10 / 10),
        Arrays.stream(far)).toArray();
  }

  private static double deviation(double[] values) {
    double mean = Arrays.stream(values).average().orElseThrow();
    return Math.sqrt(Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum()
        / values.length);
  }

  /**
   * The spread left, within 1e-12 relative: Far sums in units of the largest deviation and puts
   * removed values back by Chan's update, this sums plainly; both round at about 1e-16 a step
   * over a few hundred values.
   */
  private static void assertSpreadLeft(Far far, double[] column) {
    double[] kept = Arrays.stream(column).filter(v -> v > 999 && v < 1001).toArray();
    double expected = deviation(kept) / deviation(column);
    assertEquals(expected, far.spreadLeft(), 1e-12 * expected);
  }

  @Test
  void aFarValueAboveOrBelowAMedianFarFromZeroIsFound() {
    // 2500 is nearer the median (about 1000) than minus the median is: which side is farther
    // is measured from the median.
    for (double value : new double[] {2500, -500}) {
      double[] column = column(value);
      Far far = Far.in(column);
      assertNotNull(far, "" + value);
      assertEquals(List.of(new Group(value, 300, 1)), far.groups());
      assertSpreadLeft(far, column);
    }
  }

  @Test
  void farValuesOnBothSidesAndOneThatTwoRowsHoldAreFoundTogether() {
    double[] column = column(-1e9, 1e9, -1e9);
    Far far = Far.in(column);
    assertEquals(List.of(new Group(-1e9, 300, 2), new Group(1e9, 301, 1)), far.groups());
    assertSpreadLeft(far, column);
    // The two rows' value taken out second, so put back first, before the farthest one.
    column = column(1e9, -1e8, -1e8);
    far = Far.in(column);
    assertEquals(List.of(new Group(1e9, 300, 1), new Group(-1e8, 301, 2)), far.groups());
    assertSpreadLeft(far, column);
  }

  /** One row in 100 is the share allowed (1%), itself included. */
  @Test
  void aFarValueInExactlyTheShareAllowedIsFound() {
    double[] column = new double[100];
    for (int i = 0; i < 99; i++) {
      column[i] = 1000 + i % 10 / 10.0;
    }
    column[99] = 1e9;
    assertEquals(List.of(new Group(1e9, 99, 1)), Far.in(column).groups());
  }

  /** A column of 0s and one 1 leaves no spread to lose once the 1 is out: no warning. */
  @Test
  void aOneRowIndicatorIsNotWarnedOf() {
    double[] column = new double[100];
    column[42] = 1;
    assertNull(Far.in(column));
  }

  /** A missing value written as -0 among values near 1000: its row is found under either zero. */
  @Test
  void aFarValueOfMinusZeroIsFoundInItsRow() {
    double[] column = column();
    column[7] = -0.0;
    Far far = Far.in(column);
    assertEquals(1, far.groups().size());
    assertEquals(7, far.groups().get(0).row());
    assertEquals(1, far.groups().get(0).holding());
  }

  /**
   * Near the top of float64 the values are measured in units of the farthest deviation, found
   * by subtracting the median: 1.7e308 beside 300 values near 1e308 is a deviation of 7e307,
   * where their sum would be beyond float64 and leave nothing to measure.
   */
  @Test
  void aFarValueNearTheTopOfFloat64IsFound() {
    double[] column = DoubleStream.concat(
        DoubleStream.iterate(0, i -> i + 1).limit(300).map(i -> 1e308 + i % 10 * 1e300),
        DoubleStream.of(1.7e308)).toArray();
    Far far = Far.in(column);
    assertNotNull(far);
    assertEquals(List.of(new Group(1.7e308, 300, 1)), far.groups());
    // The deviations directly, in units of 1e300 about 1e308 so no square is beyond float64:
    // the subtraction is exact (Sterbenz), the division rounds once, well inside 1e-12.
    double[] scaled = Arrays.stream(column).map(v -> (v - 1e308) / 1e300).toArray();
    double expected = deviation(Arrays.copyOf(scaled, 300)) / deviation(scaled);
    assertEquals(expected, far.spreadLeft(), 1e-12 * expected);
  }
}
