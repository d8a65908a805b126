package dev.chainrule.optim.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.Arrays;
import java.util.List;

/**
 * Per-feature standardisation, {@code z = (x − mean) / scale}, with the mean and scale of each
 * feature column fitted on training data only: fitting on all data would leak the test set's
 * statistics into training. Fit once on the training features, then transform training, test and
 * any later data with the same statistics.
 *
 * <p>The scale is the population standard deviation (dividing by N, NumPy's default), so the
 * transformed training features have mean 0 and standard deviation 1 up to rounding. A constant
 * feature has no spread to divide by: its scale is 1 and its mean is its value, so it becomes
 * exactly 0 rather than NaN (0 / 0) or rounding noise blown up by a tiny computed deviation.
 * "Constant" means every value is equal (maximum = minimum); a feature whose computed deviation is
 * still 0 (possible only for deviations near the smallest subnormal) is treated the same way.
 *
 * <p>The standard deviation is computed on deviations divided by the column's largest one, then
 * multiplied back: squaring the raw deviations would overflow beyond about 1.3e154 (and lose
 * precision to subnormals below about 1e-154) although the standard deviation, which is all the
 * scale needs, is at most the largest deviation and so finite whenever the deviations are.
 *
 * <p>The statistics are in the data's type, and so is the transform: a float32 fit holds, for each
 * column, the float32 nearest its mean (the sums run in float64). That rounding shows where a
 * column's spread is tiny beside its values: the mean is off by up to half a float32 ulp of itself,
 * so the standardised training column's mean is off by up to 2⁻²⁴·|mean| / scale rather than a few
 * float32 ulps. 1000 float32 values of 1e4 + 0.01·N(0, 1) fit a mean of 10000.0 (their float64 mean
 * is 9999.99978) and standardise to a column of mean −0.022, where scikit-learn, which fits in
 * float64 whatever the data's type and subtracts the float64 mean before rounding, gets well under
 * 1e-6. The error is at most half the step between neighbouring float32 values of the column (about
 * 0.1 scales there): the float32 data resolves the column no finer. For such a column, fit and
 * train in float64, or subtract an offset near its values before the data becomes float32 (years as
 * years since 2000). Float64 statistics for float32 data are not used here: they would make the
 * transform float64 (or a float64 computation rounded back), no longer the float32 one that a saved
 * model's statistics, held exactly in its description, reproduce bit for bit on reloading, and
 * every float32 run's figures would move.
 *
 * @param mean the value subtracted from each feature, shape {@code [F]}
 * @param scale the positive value each centred feature is divided by, shape {@code [F]}
 */
public record Standardizer(Tensor mean, Tensor scale) {

  /**
   * Validates that both are finite vectors of the same length and every scale is positive.
   *
   * @param mean [F] the mean of each feature
   * @param scale [F] the standard deviation of each feature (1 where it is 0)
   */
  public Standardizer {
    checkNotNull(mean, "Standardizer: mean is null");
    checkNotNull(scale, "Standardizer: scale is null");
    // Copies: the caller's tensors may change in place after the checks below.
    mean = mean.copy();
    scale = scale.copy();
    checkArgument(mean.rank() == 1 && mean.shape().equals(scale.shape()),
        "Standardizer: mean %s and scale %s must be vectors of the same length",
        mean.shape(), scale.shape());
    double[] means = mean.toArray();
    double[] scales = scale.toArray();
    for (int f = 0; f < means.length; f++) {
      checkArgument(Double.isFinite(means[f]) && Double.isFinite(scales[f]) && scales[f] > 0,
          "Standardizer: feature %s has mean %s and scale %s; both must be finite and the scale"
              + " positive", f, means[f], scales[f]);
    }
  }

  /**
   * Fits the per-feature mean and population standard deviation of {@code features} ({@code [N,
   * F]}, N ≥ 1, all values finite); messages name a feature by its index.
   *
   * @param features [N, F] features
   * @return the standardiser with the data's statistics
   * @throws IllegalArgumentException as {@link #fit(Tensor, List)}
   */
  public static Standardizer fit(Tensor features) {
    return fit(features, null);
  }

  /**
   * Fits the per-feature mean and population standard deviation of {@code features} ({@code [N,
   * F]}, N ≥ 1, all values finite); messages name a feature by its index and its name.
   *
   * @param features [N, F] features
   * @param names a name per feature, such as the CSV header's, or null for none
   * @return the standardiser with the data's statistics
   * @throws IllegalArgumentException naming Standardizer.fit, the feature and the value, when a
   *     value is not finite, or when a column's values are so large that its mean or a deviation
   *     from it overflows float64 (values of opposite signs near 1.8e308): the scale would be
   *     infinite and every standardised value 0 or NaN
   */
  public static Standardizer fit(Tensor features, List<String> names) {
    checkNotNull(features, "Standardizer.fit: features are null");
    checkArgument(features.rank() == 2 && features.dim(0) > 0,
        "Standardizer.fit: needs features of shape [N, F] with N >= 1, got %s", features.shape());
    int columns = features.dim(1);
    checkArgument(names == null || names.size() == columns,
        "Standardizer.fit: %s names for %s features", names == null ? 0 : names.size(), columns);
    Tensor max = features.max(0, false);
    Tensor min = features.min(0, false);
    Tensor means = features.mean(0, false);
    requireFinite(features, names, means, max, min);
    Tensor constant = max.eq(min);
    Tensor mean = Tensor.where(constant, max, means);
    Tensor std = standardDeviation(features, mean, max, min);
    Tensor noSpread = constant.maximum(std.eq(0));
    // Ones of the data's type: float64 ones made the scale, and every transform, float64.
    Tensor scale = Tensor.where(noSpread, Tensors.ones(Shape.of(columns), features.dtype()), std);
    checkOverflow(features, mean.toArray(), scale.toArray(), names);
    return new Standardizer(mean, scale);
  }

  /**
   * Refuses a value that is not finite, naming the first. A NaN or an infinity makes its
   * column's mean not finite (a sum, through which they propagate in any order), so the values
   * are scanned only then (or when a finite column's sum overflows): copying them out to scan
   * them took 32 of the 290 ms that fitting 16,000 × 784 float64 values took.
   */
  private static void requireFinite(Tensor features, List<String> names, Tensor... statistics) {
    if (Arrays.stream(statistics).allMatch(s -> firstNotFinite(s) < 0)) {
      return;
    }
    int i = firstNotFinite(features);
    if (i >= 0) {
      int columns = features.dim(1);
      throw new IllegalArgumentException("Standardizer.fit: sample " + i / columns + ", "
          + column(i % columns, names) + " is " + features.flatGet(i)
          + "; statistics need finite values");
    }
  }

  /** The flat index of the first NaN or infinity, or −1. */
  private static int firstNotFinite(Tensor t) {
    return t.indexOutside(-Double.MAX_VALUE, Double.MAX_VALUE);
  }

  /**
   * The population standard deviation of each column, m·√(mean((d / m)²)) with d the deviations
   * and m the largest |d|: every squared ratio is at most 1, so nothing overflows unless a
   * deviation itself does (then the result is NaN or infinite and {@link #checkOverflow} names
   * the column). A column with m = 0 gets 0. The largest |d| is that of the column's maximum or
   * minimum, since rounding x − mean is monotone in x: the same value as the largest over every
   * |d| without a pass over them (60 of the 290 ms above).
   */
  private static Tensor standardDeviation(Tensor features, Tensor mean, Tensor max, Tensor min) {
    Tensor largest = max.sub(mean).abs().maximum(min.sub(mean).abs());
    Tensor unit = Tensor.where(largest.eq(0), Tensors.onesLike(largest), largest);
    // A block of columns at a time (ColumnBlocks): the chain over all of them held the
    // deviations and their quotients at once, two full-size temporaries.
    return ColumnBlocks.reduce(features, (block, from, to) ->
        meanSquare(block, mean.slice(0, from, to), unit.slice(0, from, to))).sqrt().mul(unit);
  }

  /**
   * mean((x − mean) / unit)² of each column: one chain, each step of the block's size dropped once
   * the next is made (a local holding the deviations kept another copy alive: this runs once,
   * interpreted).
   */
  private static Tensor meanSquare(Tensor features, Tensor mean, Tensor unit) {
    return features.sub(mean).div(unit).square().mean(0, false);
  }

  /** Refuses a column whose statistics overflowed, naming its largest value (the usual cause). */
  private static void checkOverflow(Tensor features, double[] means, double[] scales,
      List<String> names) {
    int columns = features.dim(1);
    for (int f = 0; f < columns; f++) {
      if (Double.isFinite(means[f]) && Double.isFinite(scales[f])) {
        continue;
      }
      // The first of the column's largest magnitudes (the values are finite by now).
      int sample = (int) features.abs().argmax(0, false).flatGet(f);
      String limit = features.dtype() == DType.FLOAT64 ? "1.8e308" : "3.4e38";
      throw new IllegalArgumentException("Standardizer.fit: " + column(f, names) + " holds "
          + features.get(sample, f) + " at sample " + sample + ", too large for "
          + features.dtype() + " statistics: " + (Double.isFinite(means[f])
              ? "its deviations from the mean overflow (they pass " + limit + ")"
              : "its mean overflows (the column's sum passes " + limit + ")")
          + "; rescale the column, e.g. to other units");
    }
  }

  /** {@code column 2}, or {@code column 2 ("income")} with names: features' or targets'. */
  private static String column(int f, List<String> names) {
    return "column " + f + (names == null ? "" : " (\"" + names.get(f) + "\")");
  }

  /**
   * Fits on the features of a training set (its labels are not used).
   *
   * @param train the training samples, whose statistics are used
   * @return the standardiser with the data's statistics
   */
  public static Standardizer fit(Dataset train) {
    return fit(checkNotNull(train, "Standardizer.fit: dataset is null").features());
  }

  /**
   * Number of features this standardizer was fitted on.
   *
   * @return features per sample
   */
  public int featureCount() {
    return mean.dim(0);
  }

  /**
   * {@code (x − mean) / scale} for every row of {@code features} ({@code [N, F]}).
   *
   * @param features [N, F] features
   * @return (x − mean) / scale per feature
   */
  public Tensor transform(Tensor features) {
    checkFeatures("transform", features);
    return features.sub(mean).div(scale);
  }

  /**
   * The dataset with standardised features and the same labels.
   *
   * @param data the samples to standardise
   * @return the samples with standardised features
   */
  public Dataset transform(Dataset data) {
    checkNotNull(data, "Standardizer.transform: dataset is null");
    return data.withFeatures(transform(data.features()));
  }

  /**
   * Undoes {@link #transform(Tensor)}: {@code z · scale + mean}, up to rounding.
   *
   * @param standardized [N, F] standardised features
   * @return the features in their original units
   */
  public Tensor inverseTransform(Tensor standardized) {
    checkFeatures("inverseTransform", standardized);
    return standardized.mul(scale).add(mean);
  }

  private void checkFeatures(String op, Tensor features) {
    checkNotNull(features, "Standardizer.%s: features are null", op);
    checkArgument(features.rank() == 2 && features.dim(1) == featureCount(),
        "Standardizer.%s: features %s do not match the %s features it was fitted on (need [N, %s])",
        op, features.shape(), featureCount(), featureCount());
  }
}
