package dev.chainrule.optim.model;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.data.Standardizer;
import java.util.List;

/**
 * A supervised learning problem ready to train on: standardised training and test data, the
 * names of its columns and classes, and how it was prepared, which a saved model records.
 *
 * @param task the command's name, reported in JSON and recorded in saved models
 * @param train the standardised training data: with a validation share, the rows trained on and
 *     the validation rows {@link HeldOutRows#of} takes from them, all standardised with the
 *     former's statistics
 * @param test the held-out rows the model is evaluated on, standardised with the statistics of
 *     the rows trained on
 * @param classNames names of the classes (empty for regression)
 * @param regression whether targets are real values rather than classes
 * @param columns the names of the feature and label columns
 * @param preparation the standardisations and the split
 */
public record Problem(String task, Dataset train, Dataset test, List<String> classNames,
    boolean regression, Columns columns, Preparation preparation) {

  /**
   * The feature columns' names, in input order, and the label column's.
   *
   * @param features one name per feature
   * @param label the label's (or regression target's) name
   */
  public record Columns(List<String> features, String label) {
    /**
     * Copies the names.
     *
     * @param features one name per feature
     * @param label the label's (or regression target's) name
     */
    public Columns {
      features = List.copyOf(checkNotNull(features, "Problem.Columns: features are null"));
      checkNotNull(label, "Problem.Columns: label is null");
    }
  }

  /**
   * How raw rows become the model's inputs and targets.
   *
   * @param features the features' standardisation, or null when they are used as they are
   * @param targets the regression targets' standardisation, or null
   * @param split the seed and test fraction of the split, or null for fixed test data
   * @param fittedWithout the validation share whose rows the standardisation was fitted without
   *     (its seed is the split's), which {@link HeldOutRows#of} must then hold out; null when the
   *     standardisation was not fitted on these rows (none, or a loaded model's)
   */
  public record Preparation(Standardizer features, Standardizer targets,
      ModelDescription.DataSplit split, Validation fittedWithout) {
    /**
     * A preparation whose standardisation, if any, was not fitted on the problem's rows.
     *
     * @param features the features' standardisation, or null when they are used as they are
     * @param targets the regression targets' standardisation, or null
     * @param split the seed and test fraction of the split, or null for fixed test data
     */
    public Preparation(Standardizer features, Standardizer targets,
        ModelDescription.DataSplit split) {
      this(features, targets, split, null);
    }
  }

  /**
   * Copies the class names. Every part must be present (a Preparation's parts may be null):
   * null columns or preparation were accepted here and failed later, deep in {@link #describe} or
   * {@link HeldOutRows#of}.
   *
   * @param classNames names of the classes (empty for regression)
   * @param columns the names of the feature and label columns
   * @param preparation the standardisations and the split
   * @param regression whether targets are real values rather than classes
   * @param task the command's name, reported in JSON and recorded in saved models
   * @param test the test data, standardised with the statistics of the rows trained on
   * @param train the standardised training data: with a validation share, the rows trained on
   *     and the validation rows {@link HeldOutRows#of} takes from them, all standardised with the
   *     former's statistics
   */
  public Problem {
    checkNotNull(task, "Problem: task is null");
    checkNotNull(train, "Problem: train is null");
    checkNotNull(test, "Problem: test is null");
    classNames = List.copyOf(checkNotNull(classNames, "Problem: class names are null"));
    checkNotNull(columns, "Problem: columns are null");
    checkNotNull(preparation, "Problem: preparation is null");
  }

  /**
   * Features per sample.
   *
   * @return features per sample
   */
  public int inputs() {
    return train.featureCount();
  }

  /**
   * Classes for classification, target columns for regression.
   *
   * @return the output layer's width
   */
  public int outputs() {
    return regression ? train.labels().dim(1) : classNames.size();
  }

  /**
   * The description a checkpoint of {@code model}, trained on this problem, carries.
   *
   * @param model the model
   * @return the model's description for its checkpoint
   */
  public ModelDescription describe(Sequential model) {
    ModelDescription.Builder description = ModelDescription
        .builder(regression ? Task.REGRESSION : Task.CLASSIFICATION,
            ModelDescription.layersOf(model))
        .name(task)
        .dtype(model.dtype())
        .features(columns.features(), scaling(preparation.features()))
        .label(columns.label(), classNames)
        .targetScaling(scaling(preparation.targets()));
    if (preparation.split() != null) {
      description.split(preparation.split());
    }
    return description.build();
  }

  private static Scaling scaling(Standardizer standardizer) {
    return standardizer == null ? null : Scaling.of(standardizer);
  }
}
