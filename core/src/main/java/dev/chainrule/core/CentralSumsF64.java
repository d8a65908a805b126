package dev.chainrule.core;

/**
 * The kernels of {@link Moments}, and the template of their float32 twin ({@code CentralSumsF32},
 * generated at build time): per group of a {@link ReductionPlan} that is rows or keeps a middle
 * run (a layer normalization's rows, a batch normalization's channels), Σ(x − m)² and Σ(x − m)
 * around a given mean m in one read of x, and (x − m)·s in another. They repeat, run by run, what
 * the composition {@code x.sub(m)}, {@code .square()}, {@code sum} did in three passes with two
 * temporaries of x's size: each deviation and square rounded to the element type, each run's
 * values summed by {@link SumF64} (whose bits do not depend on where a run lies), the runs of a
 * group added in float64 in the same order. So the results are the composition's to the bit, and
 * a run's deviations and squares live in two scratch rows of the run's length, warm in the cache.
 */
// The (double) casts narrow results in the generated float32 twin; here they change nothing.
@SuppressWarnings("cast")
final class CentralSumsF64 {
  private CentralSumsF64() {}

  /**
   * How the kernels walk a plan: {@code outer} times over {@code groups} runs of {@code run}
   * consecutive elements, group c's run the c-th of each pass (kept middle cells: outer × kept ×
   * inner; rows: one pass of one run per group).
   */
  private record Runs(int run, int groups, int outer) {
    static Runs of(ReductionPlan plan) {
      return plan.keptMiddle() ? new Runs(plan.inner(), plan.length(), plan.outer())
          : new Runs(plan.length(), plan.kept().size(), 1);
    }
  }

  /** Whether the kernels walk this plan: one run per group (rows) or kept middle cells. */
  static boolean walks(ReductionPlan plan) {
    return plan.keptMiddle() || plan.isRows();
  }

  /**
   * squares[c] = Σ(x − mean[c])² and offsets[c] = Σ(x − mean[c]) over each group c, both arrays
   * zeroed by the caller.
   */
  static void sums(double[] in, ReductionPlan plan, double[] mean, @Wide double[] squares,
      @Wide double[] offsets) {
    Runs runs = Runs.of(plan);
    int run = runs.run();
    int groups = runs.groups();
    int outer = runs.outer();
    double[] deviations = Recycling.bufferF64(run);
    double[] squared = Recycling.bufferF64(run);
    for (int o = 0, at = 0; o < outer; o++) {
      for (int c = 0; c < groups; c++, at += run) {
        System.arraycopy(in, at, deviations, 0, run);
        double m = mean[c];
        // In place, both arrays indexed by the counter: a loop HotSpot vectorizes.
        for (int i = 0; i < run; i++) {
          double d = deviations[i] - m;
          deviations[i] = d;
          squared[i] = d * d;
        }
        squares[c] += SumF64.sum(squared, 0, run);
        offsets[c] += SumF64.sum(deviations, 0, run);
      }
    }
    Recycling.recycleUnseen(deviations);
    Recycling.recycleUnseen(squared);
  }

  /** (x − mean[c])·scale[c] for every element of each group c, as x.sub(mean).mul(scale). */
  static double[] standardized(double[] in, ReductionPlan plan, double[] mean, double[] scale) {
    Runs runs = Runs.of(plan);
    int run = runs.run();
    int groups = runs.groups();
    int outer = runs.outer();
    double[] out = Recycling.bufferF64(in.length);
    for (int o = 0, at = 0; o < outer; o++) {
      for (int c = 0; c < groups; c++, at += run) {
        double m = mean[c];
        double s = scale[c];
        for (int i = at; i < at + run; i++) {
          out[i] = (in[i] - m) * s;
        }
      }
    }
    return out;
  }

  /**
   * The gradient of a standardization through its statistics, (g − mean(g) − y·mean(g·y))·scale
   * per group, as the composition of those ops gives it: g·y rounded to the element type, each
   * run's values summed by {@link SumF64}, each mean rounded once from its float64 sum, then one
   * pass over g and y. Null where a mean leaves the element type's range (the composition's mean
   * then redoes itself in float64; the caller takes the composition).
   */
  static double[] gradient(double[] g, double[] y, ReductionPlan plan, double[] scale,
      @Wide double count) {
    Runs runs = Runs.of(plan);
    int run = runs.run();
    int groups = runs.groups();
    int outer = runs.outer();
    @Wide double[] sumG = new @Wide double[groups];
    @Wide double[] sumGy = new @Wide double[groups];
    double[] products = Recycling.bufferF64(run);
    double[] ys = Recycling.bufferF64(run);
    for (int o = 0, at = 0; o < outer; o++) {
      for (int c = 0; c < groups; c++, at += run) {
        System.arraycopy(g, at, products, 0, run);
        System.arraycopy(y, at, ys, 0, run);
        for (int i = 0; i < run; i++) {
          products[i] *= ys[i];
        }
        sumG[c] += SumF64.sum(g, at, at + run);
        sumGy[c] += SumF64.sum(products, 0, run);
      }
    }
    Recycling.recycleUnseen(products);
    Recycling.recycleUnseen(ys);
    double[] meanG = new double[groups];
    double[] meanGy = new double[groups];
    for (int c = 0; c < groups; c++) {
      meanG[c] = (double) (sumG[c] / count);
      meanGy[c] = (double) (sumGy[c] / count);
      if (Double.isInfinite(meanG[c]) || Double.isInfinite(meanGy[c])
          || meanG[c] != meanG[c] || meanGy[c] != meanGy[c]) {
        return null;
      }
    }
    double[] out = Recycling.bufferF64(g.length);
    for (int o = 0, at = 0; o < outer; o++) {
      for (int c = 0; c < groups; c++, at += run) {
        double mg = meanG[c];
        double p = meanGy[c];
        double s = scale[c];
        for (int i = at; i < at + run; i++) {
          out[i] = ((g[i] - mg) - y[i] * p) * s;
        }
      }
    }
    return out;
  }
}
