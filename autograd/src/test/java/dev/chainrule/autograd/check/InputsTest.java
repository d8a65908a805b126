package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Inputs keeps the promises gradient checks rely on, over 2,000 draws from a fixed seed: shapes
 * within their ranks and sizes, derived shapes that broadcast, values inside their domain,
 * distinct values apart by the grid's spacing less its jitter, indices below their bound, axes
 * distinct and in order. Found by mutation testing (issue 15): the catalogue passes with
 * worse inputs too, so only these bounds notice when a generator drifts.
 */
class InputsTest {
  private static final int DRAWS = 2000;

  @Test
  void shapesStayWithinTheirRanksAndSizesAndDerivedOnesBroadcast() {
    SplittableRandom random = new SplittableRandom(15);
    int[] ranks = new int[4];
    for (int i = 0; i < DRAWS; i++) {
      Shape full = Inputs.shape(random);
      ranks[full.rank()]++;
      for (int d : full.dims()) {
        assertTrue(d >= 1 && d <= 3, full::toString);
      }
      Shape derived = Inputs.derived(random, full);
      assertTrue(derived.rank() <= full.rank(), () -> derived + " from " + full);
      assertEquals(full, Tensors.zeros(derived).add(Tensors.zeros(full)).shape(),
          () -> derived + " from " + full);
    }
    for (int rank = 0; rank <= 3; rank++) {
      assertTrue(ranks[rank] > DRAWS / 8, "rank " + rank + " drawn " + ranks[rank] + " times");
    }
    Shape wide = Inputs.shape(random, 2, 2);
    assertEquals(2, wide.rank());
  }

  @Test
  void valuesLieInTheirDomain() {
    SplittableRandom random = new SplittableRandom(15);
    for (int i = 0; i < DRAWS; i++) {
      double any = Inputs.values(random, Shape.scalar(), Inputs.Domain.ANY).item();
      assertTrue(any >= -2 && any < 2, () -> "ANY " + any);
      double positive = Inputs.values(random, Shape.scalar(), Inputs.Domain.POSITIVE).item();
      assertTrue(positive >= 0.3 && positive < 3, () -> "POSITIVE " + positive);
      double away = Inputs.values(random, Shape.scalar(), Inputs.Domain.AWAY_FROM_ZERO).item();
      assertTrue(Math.abs(away) >= 0.3 && Math.abs(away) < 2, () -> "AWAY_FROM_ZERO " + away);
    }
    assertEquals(Shape.of(2, 3), Inputs.values(random, Shape.of(2, 3), Inputs.Domain.ANY).shape());
  }

  /** A grid of step 3/n on [−1.5, 1.5) with jitter below 0.05: neighbours stay 3/n − 0.05 apart. */
  @Test
  void distinctValuesKeepTheirSpacing() {
    SplittableRandom random = new SplittableRandom(15);
    for (int i = 0; i < DRAWS / 10; i++) {
      Shape shape = Inputs.shape(random, 1, 3);
      double[] v = Inputs.distinct(random, shape).toArray();
      Arrays.sort(v);
      double gap = 3.0 / v.length - 0.05;
      assertTrue(v[0] >= -1.5 && v[v.length - 1] < 1.5, () -> Arrays.toString(v));
      for (int k = 1; k < v.length; k++) {
        assertTrue(v[k] - v[k - 1] >= gap, Arrays.toString(v));
      }
    }
  }

  @Test
  void indicesStayBelowTheirBoundAndReachIt() {
    SplittableRandom random = new SplittableRandom(15);
    Tensor drawn = Inputs.indices(random, Shape.of(DRAWS), 3);
    assertEquals(0, drawn.min().item());
    assertEquals(2, drawn.max().item());
  }

  @Test
  void axesAreDistinctInOrderAndSometimesNegative() {
    SplittableRandom random = new SplittableRandom(15);
    Shape shape = Shape.of(2, 3, 4);
    int negative = 0;
    int positive = 0;
    int empty = 0;
    int[] chosen = new int[3];
    for (int i = 0; i < DRAWS; i++) {
      int[] axes = Inputs.axes(random, shape);
      int previous = -1;
      for (int a : axes) {
        int normalized = a < 0 ? a + 3 : a;
        assertTrue(normalized > previous && normalized < 3, Arrays.toString(axes));
        previous = normalized;
        chosen[normalized]++;
        negative += a < 0 ? 1 : 0;
        positive += a >= 0 ? 1 : 0;
      }
      empty += axes.length == 0 ? 1 : 0;
    }
    assertTrue(negative > DRAWS / 2 && positive > DRAWS / 2, negative + " " + positive);
    // Each axis is a coin flip: chosen in half the draws (±5 %, over 4 standard errors), and
    // none of the three in an eighth of them.
    for (int count : chosen) {
      assertTrue(Math.abs(count - DRAWS / 2) < DRAWS / 20, Arrays.toString(chosen));
    }
    assertTrue(empty > DRAWS / 16, "empty " + empty);
  }

  /** Of the axes a derived shape keeps, a third are shrunk to 1 (±0.05: 6 standard errors). */
  @Test
  void derivedShapesShrinkAThirdOfTheirAxes() {
    SplittableRandom random = new SplittableRandom(15);
    Shape full = Shape.of(3, 3, 3);
    int kept = 0;
    int shrunk = 0;
    for (int i = 0; i < DRAWS; i++) {
      for (int d : Inputs.derived(random, full).dims()) {
        kept++;
        shrunk += d == 1 ? 1 : 0;
      }
    }
    double share = (double) shrunk / kept;
    assertTrue(Math.abs(share - 1.0 / 3) < 0.05, shrunk + " of " + kept);
  }
}
