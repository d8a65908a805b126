package dev.chainrule.optim.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.optim.data.Standardizer;
import java.util.Arrays;
import java.util.List;

/**
 * The statistics of a {@link Standardizer} as plain numbers, for a model description: one mean and
 * one positive scale per column, all finite.
 *
 * @param mean subtracted from each column
 * @param scale each centred column is divided by it
 */
public record Scaling(List<Double> mean, List<Double> scale) {
  /**
   * Copies the lists and checks them as {@link Standardizer} does.
   *
   * @param mean [F] the mean of each feature
   * @param scale [F] the standard deviation of each feature (1 where it is 0)
   */
  public Scaling {
    mean = copy("mean", mean);
    scale = copy("scale", scale);
    checkArgument(mean.size() == scale.size(), "Scaling: %s means for %s scales", mean.size(),
        scale.size());
    for (int i = 0; i < mean.size(); i++) {
      checkArgument(Double.isFinite(mean.get(i)) && Double.isFinite(scale.get(i))
              && scale.get(i) > 0,
          "Scaling: column %s has mean %s and scale %s; both must be finite and the scale"
              + " positive", i, mean.get(i), scale.get(i));
    }
  }

  /** The list copied; a null element named by its column (List.copyOf's NPE had no message). */
  private static List<Double> copy(String what, List<Double> values) {
    checkNotNull(values, "Scaling: %s is null", what);
    for (int i = 0; i < values.size(); i++) {
      checkNotNull(values.get(i), "Scaling: the %s of column %s is null", what, i);
    }
    return List.copyOf(values);
  }

  /**
   * The statistics of a fitted standardizer.
   *
   * @param standardizer the fitted standardiser
   * @return the scaling
   */
  public static Scaling of(Standardizer standardizer) {
    checkNotNull(standardizer, "Scaling.of: standardizer is null");
    return new Scaling(values(standardizer.mean()), values(standardizer.scale()));
  }

  /**
   * The standardizer with these statistics.
   *
   * @return the standardiser
   */
  public Standardizer toStandardizer() {
    return new Standardizer(vector(mean), vector(scale));
  }

  /**
   * The standardizer with these statistics in {@code dtype}, the type of the data it is for, as
   * {@link Standardizer#fit} makes one: a float32 fit's statistics are held here exactly (as
   * doubles), so data of that type is standardised as the fitted standardizer did, bit for bit,
   * and keeps its type (float64 statistics made float32 features float64, some an ulp off).
   *
   * @param dtype the type of the data to standardise
   * @return the standardiser, its statistics in {@code dtype}
   */
  public Standardizer toStandardizer(DType dtype) {
    checkNotNull(dtype, "Scaling.toStandardizer: dtype is null");
    return new Standardizer(vector(mean).to(dtype), vector(scale).to(dtype));
  }

  /**
   * Number of columns.
   *
   * @return the number of columns
   */
  public int size() {
    return mean.size();
  }

  private static List<Double> values(Tensor vector) {
    return Arrays.stream(vector.toArray()).boxed().toList();
  }

  private static Tensor vector(List<Double> values) {
    return Tensor.vector(values.stream().mapToDouble(Double::doubleValue).toArray());
  }
}
