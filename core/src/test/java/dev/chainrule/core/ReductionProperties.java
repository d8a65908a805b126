package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ReductionProperties {

  /** A tensor and a random subset of its axes (possibly empty, possibly negative). */
  record Case(Tensor x, int[] axes, boolean keepDims) {}

  @Provide
  Arbitrary<Case> cases() {
    return TensorArbitraries.tensors(4, 4).flatMap(x ->
        Arbitraries.integers().between(0, 2).list().ofSize(x.rank()).flatMap(picks ->
            Arbitraries.of(true, false).map(keep -> {
              List<Integer> axes = new ArrayList<>();
              for (int axis = 0; axis < picks.size(); axis++) {
                if (picks.get(axis) == 1) {
                  axes.add(axis);
                } else if (picks.get(axis) == 2) {
                  axes.add(axis - x.rank());
                }
              }
              return new Case(x, axes.stream().mapToInt(Integer::intValue).toArray(), keep);
            })));
  }

  @Property
  void reductionsAgreeWithNaiveLoops(@ForAll("cases") Case c) {
    // Streams sum with compensation, the kernel plainly: for at most 256 terms below 10 in
    // magnitude the plain sum's error bound n·u·Σ|x| is about 7e-11, hence atol 1e-10.
    check(c, c.x().sum(c.axes(), c.keepDims()), cells -> cells.stream().mapToDouble(d -> d).sum());
    check(c, c.x().mean(c.axes(), c.keepDims()),
        cells -> cells.stream().mapToDouble(d -> d).average().orElse(Double.NaN));
    check(c, c.x().max(c.axes(), c.keepDims()),
        cells -> cells.stream().mapToDouble(d -> d).max().orElseThrow());
    check(c, c.x().min(c.axes(), c.keepDims()),
        cells -> cells.stream().mapToDouble(d -> d).min().orElseThrow());
    check(c, c.x().logSumExp(c.axes(), c.keepDims()),
        cells -> Math.log(cells.stream().mapToDouble(Math::exp).sum()));
    check(c, c.x().variance(c.axes(), c.keepDims()), cells -> {
      double mean = cells.stream().mapToDouble(d -> d).average().orElseThrow();
      return cells.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum() / cells.size();
    });
  }

  @Property
  void argmaxPointsAtTheMaximum(@ForAll("cases") Case c) {
    Tensor x = c.x();
    if (x.rank() == 0) {
      assertEquals(0, x.argmax());
      return;
    }
    assertEquals(x.max().item(), x.toArray()[x.argmax()]);
    assertEquals(x.min().item(), x.toArray()[x.argmin()]);
    Tensor indices = x.argmax(-1, true);
    Tensor maxima = x.max(-1, true);
    assertEquals(maxima, x.gather(-1, indices));
    assertEquals(x.min(-1, true), x.gather(-1, x.argmin(-1, true)));
  }

  @Property
  void logSumExpStaysFiniteForHugeInputs(@ForAll("cases") Case c) {
    // Shifted to ±1e4, exp would overflow (e^1e4 = ∞) in the naive formula; the stable form gives
    // lse(x + s) = lse(x) + s exactly in exact arithmetic, here within a few ulps of 1e4.
    for (double shift : new double[] {1e4, -1e4}) {
      Tensor shifted = c.x().add(shift).logSumExp(c.axes(), c.keepDims());
      Tensor expected = c.x().logSumExp(c.axes(), c.keepDims()).add(shift);
      assertTrue(shifted.allClose(expected, 1e-12, 1e-9), () -> shifted + " vs " + expected);
    }
  }

  private static void check(Case c, Tensor actual, Function<List<Double>, Double> reduce) {
    Tensor x = c.x();
    boolean[] reduced = new boolean[x.rank()];
    for (int axis : c.axes()) {
      reduced[Math.floorMod(axis, x.rank())] = true;
    }
    int[] keptDims = x.shape().dims();
    List<Integer> resultDims = new ArrayList<>();
    for (int axis = 0; axis < keptDims.length; axis++) {
      if (reduced[axis]) {
        keptDims[axis] = 1;
      }
      if (!reduced[axis] || c.keepDims()) {
        resultDims.add(keptDims[axis]);
      }
    }
    List<List<Double>> cells = new ArrayList<>();
    for (int i = 0; i < Shape.of(keptDims).size(); i++) {
      cells.add(new ArrayList<>());
    }
    for (int i = 0; i < x.size(); i++) {
      int[] index = Naive.unravel(i, x.shape().dims());
      for (int axis = 0; axis < index.length; axis++) {
        if (reduced[axis]) {
          index[axis] = 0;
        }
      }
      cells.get(Naive.ravel(index, keptDims)).add(x.toArray()[i]);
    }
    double[] expected = cells.stream().mapToDouble(reduce::apply).toArray();
    int[] shape = resultDims.stream().mapToInt(Integer::intValue).toArray();
    assertEquals(Shape.of(shape), actual.shape());
    Tensor want = Tensor.of(expected, shape);
    // atol 1e-10 over the plain sum's error bound n·u·Σ|x| ≈ 7e-11 (at most 256 terms below 10,
    // as reductionsAgreeWithNaiveLoops says); rtol 1e-12 for logSumExp's larger values.
    assertTrue(actual.allClose(want, 1e-12, 1e-10), () -> actual + " vs " + want);
  }
}
