package dev.chainrule.optim.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;

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
 * "Constant" means every value is equal (maximum = minimum); a feature whose deviation underflows
 * to 0 is treated the same way.
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
   * F]}, N ≥ 1, all values finite).
   *
   * @param features [N, F] features
   * @return the standardiser with the data's statistics
   */
  public static Standardizer fit(Tensor features) {
    checkNotNull(features, "Standardizer.fit: features are null");
    checkArgument(features.rank() == 2 && features.dim(0) > 0,
        "Standardizer.fit: needs features of shape [N, F] with N >= 1, got %s", features.shape());
    double[] values = features.toArray();
    int columns = features.dim(1);
    for (int i = 0; i < values.length; i++) {
      checkArgument(Double.isFinite(values[i]),
          "Standardizer.fit: sample %s, feature %s is %s; statistics need finite values",
          i / columns, i % columns, values[i]);
    }
    Tensor max = features.max(0, false);
    Tensor constant = max.eq(features.min(0, false));
    Tensor std = features.variance(0, false).sqrt();
    Tensor noSpread = constant.maximum(std.eq(0));
    return new Standardizer(Tensor.where(constant, max, features.mean(0, false)),
        Tensor.where(noSpread, Tensors.ones(columns), std));
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
