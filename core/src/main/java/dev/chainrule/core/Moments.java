package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Optional;

/**
 * A tensor's mean and spread over a set of axes ({@link Tensor#moments}), from one read of the
 * data for the mean and one for the sums around it, where a variance took five and a
 * standardization, a batch normalization's both, as many again. Every result has the bits of the
 * composition it replaces ({@link #variance} those of {@link Tensor#variance(int[], boolean,
 * boolean)}, {@link #meanSquare} and {@link #standardized} those of the mean of (x − mean)² and of
 * (x − mean)·scale): the sums are those of {@link CentralSumsF64}, which repeats the composition
 * run by run. Groups the kernels do not walk (reduced axes that are neither trailing nor around
 * one kept run, as a batch normalization over [batch, C] has) take the composition itself.
 */
public final class Moments {
  private final Tensor x;
  private final boolean[] reduced;
  private final ReductionPlan plan;
  private final long count;
  private final Tensor mean;
  /** Σ(x − mean)² and Σ(x − mean) per group in float64, or null where the kernels do not walk. */
  private final double[] squares;
  private final double[] offsets;

  private Moments(Tensor x, boolean[] reduced) {
    this.x = x;
    this.reduced = reduced;
    this.plan = ReductionPlan.of(x.shape(), reduced, true);
    this.count = ReducedAxes.count(x.shape(), reduced);
    this.mean = Reductions.mean(x, reduced, true);
    if (x.size() > 0 && CentralSumsF64.walks(plan)) {
      int groups = plan.kept().size();
      squares = new double[groups];
      offsets = new double[groups];
      if (x.dtype() == DType.FLOAT64) {
        CentralSumsF64.sums(x.dataF64(), plan, mean.dataF64(), squares, offsets);
      } else {
        CentralSumsF32.sums(x.dataF32(), plan, mean.dataF32(), squares, offsets);
      }
    } else {
      squares = null;
      offsets = null;
    }
  }

  /** The moments of x over the reduced axes (validated by the caller). */
  static Moments of(Tensor x, boolean[] reduced) {
    Reductions.checkResultFits("moments", x, reduced);
    return new Moments(x, reduced);
  }

  /**
   * The mean of each group, the reduced axes kept as size 1: {@code x.mean(axes, true)}.
   *
   * @return the mean, in x's type
   */
  public Tensor mean() {
    return mean;
  }

  /**
   * The number of values in each group.
   *
   * @return n
   */
  public long count() {
    return count;
  }

  /**
   * The variance of each group, the reduced axes kept: {@code x.variance(axes, true, unbiased)}
   * to the bit (the corrected two-pass formula, dividing by n or by n − 1).
   *
   * @param unbiased whether to divide by n − 1
   * @return the variance, in x's type
   * @throws IllegalArgumentException for the unbiased variance of groups of one value
   */
  public Tensor variance(boolean unbiased) {
    checkArgument(!unbiased || count > 1 || ReducedAxes.groups(x.shape(), reduced) == 0,
        "variance: the unbiased variance needs at least 2 values per group, %s has %s over the"
            + " reduced axes", x.shape(), count);
    if (squares == null) {
      return composedVariance(x, mean, reduced, true, unbiased);
    }
    Tensor sum = wide(squares).to(x.dtype());
    if (Reductions.passedFloat32(x, sum)) {
      // As the composition: squares past float32's range (or NaN), redone in float64.
      return composedVariance(x.to(DType.FLOAT64), null, reduced, true, unbiased)
          .to(DType.FLOAT32);
    }
    return corrected(sum, wide(offsets).to(x.dtype()), count, unbiased);
  }

  /**
   * The mean of each group's squared deviations from {@link #mean}, uncorrected (what a
   * standardization divides by: {@code x.sub(mean).square().mean(axes, true)} to the bit), when
   * the kernels walked the groups and the result stays in float32's range; otherwise empty, and
   * the caller takes that composition, whose float32 squares overflow where these did not.
   *
   * @return the mean square, in x's type, or empty
   */
  public Optional<Tensor> meanSquare() {
    if (squares == null) {
      return Optional.empty();
    }
    double[] divided = new double[squares.length];
    for (int c = 0; c < divided.length; c++) {
      divided[c] = squares[c] / count;
    }
    Tensor result = new Tensor(plan.kept(), divided).to(x.dtype());
    return Reductions.passedFloat32(x, result) ? Optional.empty() : Optional.of(result);
  }

  /**
   * (x − mean)·scale in one pass, as {@code x.sub(mean()).mul(scale)} gives it to the bit.
   *
   * @param scale one factor per group, in x's type, shaped as {@link #mean}
   * @return the standardized values, x's shape and type
   * @throws IllegalArgumentException if the scale's shape or type is not the mean's
   */
  public Tensor standardized(Tensor scale) {
    checkArgument(scale.shape().equals(mean.shape()) && scale.dtype() == x.dtype(),
        "standardized: the scale %s %s should be %s %s, one per group", scale.dtype(),
        scale.shape(), x.dtype(), mean.shape());
    if (squares == null) {
      return x.sub(mean).mul(scale);
    }
    return x.dtype() == DType.FLOAT64
        ? new Tensor(x.shape(), CentralSumsF64.standardized(x.dataF64(), plan, mean.dataF64(),
            scale.dataF64()))
        : new Tensor(x.shape(), CentralSumsF32.standardized(x.dataF32(), plan, mean.dataF32(),
            scale.dataF32()));
  }

  private Tensor wide(double[] values) {
    return new Tensor(plan.kept(), values.clone());
  }

  /**
   * The gradient of a standardization through its statistics: (g − mean(g) − y·mean(g·y))·scale,
   * the means over the axes, y the standardized values and scale 1/√(var + ε) per group (shaped
   * with the axes kept); in two reads of g and y where the composition of those ops made seven
   * passes and five temporaries, with its bits.
   *
   * @param g the gradient of y
   * @param y the standardized values
   * @param scale one factor per group
   * @param axes the standardized axes
   * @return the gradient of the standardization's input
   * @throws IllegalArgumentException if g and y differ in shape or type, or scale does not have
   *     one value per group in their type
   */
  public static Tensor standardizedGradient(Tensor g, Tensor y, Tensor scale, int[] axes) {
    boolean[] reduced = Reductions.axisMask("standardizedGradient", y.shape(), axes);
    ReductionPlan plan = ReductionPlan.of(y.shape(), reduced, true);
    checkArgument(g.shape().equals(y.shape()) && g.dtype() == y.dtype()
        && scale.shape().equals(plan.kept()) && scale.dtype() == y.dtype(),
        "standardizedGradient: g %s %s, y %s %s and scale %s %s should share a type, g and y"
            + " a shape, scale %s", g.dtype(), g.shape(), y.dtype(), y.shape(), scale.dtype(),
        scale.shape(), plan.kept());
    if (y.size() > 0 && CentralSumsF64.walks(plan)) {
      long count = ReducedAxes.count(y.shape(), reduced);
      if (y.dtype() == DType.FLOAT64) {
        double[] out = CentralSumsF64.gradient(g.dataF64(), y.dataF64(), plan, scale.dataF64(),
            count);
        if (out != null) {
          return new Tensor(y.shape(), out);
        }
      } else {
        float[] out = CentralSumsF32.gradient(g.dataF32(), y.dataF32(), plan, scale.dataF32(),
            count);
        if (out != null) {
          return new Tensor(y.shape(), out);
        }
      }
    }
    Tensor projection = g.mul(y).mean(axes, true);
    return g.sub(g.mean(axes, true)).sub(y.mul(projection)).mul(scale);
  }

  /**
   * The variance as a composition, for the groups {@link Moments} does not walk and for float32
   * squares past float32's range; {@code mean} is x.mean over the reduced axes kept, or null to
   * take it here (the moments have taken it already: taking it again cost a sixth of the time).
   */
  static Tensor composedVariance(Tensor x, Tensor mean, boolean[] reduced, boolean keepDims,
      boolean unbiased) {
    long n = ReducedAxes.count(x.shape(), reduced);
    // The corrected two-pass formula (Chan, Golub and LeVeque): the mean, rounded to the data's
    // type, is off by some δ, which adds n·δ² to the squares around it, and Σ(x − m) = n·δ
    // measures it. Without the correction two float32 values one ulp apart had twice their
    // variance, and clustered data 19 % too much.
    Tensor deviations = x.sub(mean != null ? mean : Reductions.mean(x, reduced, true));
    Tensor squaredDeviations = deviations.square();
    Tensor squares = Reductions.sum(squaredDeviations, reduced, keepDims);
    Tensor offset = Reductions.sum(deviations, reduced, keepDims);
    // x's size, seen by no one: in a step (batch norm's running variance) they go back warm.
    Recycling.recycleTemporary(squaredDeviations);
    Recycling.recycleTemporary(deviations);
    if (Reductions.passedFloat32(x, squares)) {
      // Squares past float32's range, whose mean need not be (1.5e19 and −1.5e19): in float64,
      // rounded once, as mean does.
      return composedVariance(x.to(DType.FLOAT64), null, reduced, keepDims, unbiased)
          .to(DType.FLOAT32);
    }
    return corrected(squares, offset, n, unbiased);
  }

  /** Σ(x − m)² corrected by Σ(x − m) = n·δ (see {@link #composedVariance}), divided. */
  static Tensor corrected(Tensor squares, Tensor offset, long n, boolean unbiased) {
    // offset·(offset / n) ≤ the squares' sum (Cauchy–Schwarz), so it is finite where that sum
    // is, while offset² alone may not be (an offset of 1e184 next to 1e200). Where the squares
    // overflowed (a spread past the type's range), the correction would be ∞ − ∞: the
    // uncorrected sum, infinite, is the answer there, as NumPy's and PyTorch's.
    Tensor corrected = Tensor.where(squares.lt(Double.POSITIVE_INFINITY),
        squares.sub(offset.mul(offset.div(n))), squares);
    return corrected.clamp(0, Double.POSITIVE_INFINITY).div(unbiased ? n - 1 : n);
  }
}
