package dev.chainrule.optim.model;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.optim.data.DataChecks;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.data.RowsFingerprint;
import dev.chainrule.optim.data.Split;
import dev.chainrule.optim.data.Standardizer;
import java.util.List;
import java.util.Locale;

/**
 * Problems made from all of a data set's rows: split (stratified for classes), refused when the
 * split leaves too little to train or test on, and standardised with the statistics of the rows
 * trained on, or with a loaded model's, whose weights were trained on those. The rows trained on
 * are the training part less the share a {@link Validation} holds out (the rows {@link
 * HeldOutRows#of} trains on): neither the test rows nor the validation rows count in the
 * statistics, so neither score sees the rows it is scored on through them (scikit-learn's rule:
 * preprocessing is fitted on the rows the model is fitted on). A loaded model is scored only on
 * its own columns ({@code LoadedColumns}) and its own split of its own rows.
 */
public final class Problems {
  private Problems() {}

  /**
   * A classification problem.
   *
   * @param task the command's name
   * @param all every sample
   * @param columns the feature and label columns
   * @param classNames a name per class
   * @param testFraction the share of samples held out for testing, in (0, 1)
   * @param seed the seed of the random choices
   * @param source names the data in messages, such as its file name
   * @param loaded the model that will be evaluated or trained further, or null
   * @return the problem
   */
  public static Problem classification(String task, Dataset all, Problem.Columns columns,
      List<String> classNames, double testFraction, long seed, String source,
      ModelDescription loaded) {
    return classification(task, all, columns, classNames, testFraction, seed, source, loaded,
        Validation.NONE);
  }

  /**
   * A classification problem whose run holds out {@code validation} of the training part: the
   * features are standardised with the statistics of the rest, the rows it trains on.
   *
   * @param task the command's name
   * @param all every sample
   * @param columns the feature and label columns
   * @param classNames a name per class
   * @param testFraction the share of samples held out for testing, in (0, 1)
   * @param seed the seed of the random choices, of the test split and of the validation split
   * @param source names the data in messages, such as its file name
   * @param loaded the model that will be evaluated or trained further, or null; its statistics
   *     are used whatever the validation share
   * @param validation the share of the training part the run holds out, as {@link
   *     HeldOutRows#of} is given it
   * @return the problem
   */
  public static Problem classification(String task, Dataset all, Problem.Columns columns,
      List<String> classNames, double testFraction, long seed, String source,
      ModelDescription loaded, Validation validation) {
    if (loaded != null) {
      LoadedColumns.require(loaded, columns, classNames, source);
    }
    String fingerprint = requireSameRows(all, testFraction, seed, loaded, source);
    Split split = all.stratifiedSplit(testFraction, seed);
    int rows = all.size();
    DType dtype = all.dtype();
    // Let go once split: a caller that holds the rows nowhere else (the program's train) frees
    // them before the parts are standardised, where a wide file needs the most memory (a float32
    // file of 60,000 × 784 is 188 MB, held beside its parts and their standardised copies: this
    // runs once, interpreted, where a local is held to the end of its method).
    all = null;
    DataChecks.requireSplit(split, testFraction, true, source);
    Standardizer features;
    if (loaded == null) { // as regression's spread: a loaded model's split was checked when saved
      String label = columns.label();
      DataChecks.requireTrainingClasses(split, classNames, label, source);
      // The rows trained on, a stratified split of their own: a loaded model needs neither.
      HeldOutRows.requireClassesTrainedOn(split.train(), validation, seed, classNames, label,
          source);
      features = fitTrained(split.train(), false, validation, seed, columns, source).get(0);
    } else {
      features = standardizer(loaded.featureScaling(), dtype);
    }
    return new Problem(task, transform(features, split.train()), transform(features, split.test()),
        classNames, false, columns, new Problem.Preparation(features, null,
            new ModelDescription.DataSplit(seed, testFraction, rows, fingerprint),
            loaded == null ? validation : null));
  }

  /**
   * A regression problem; the targets are standardised too, and reported in their own units.
   *
   * @param task the command's name
   * @param all every sample
   * @param columns the feature and label columns
   * @param testFraction the share of samples held out for testing, in (0, 1)
   * @param seed the seed of the random choices
   * @param source the name errors give for the input
   * @param loaded the description of a model --load rebuilt, or null for a new model
   * @return the problem
   */
  public static Problem regression(String task, Dataset all, Problem.Columns columns,
      double testFraction, long seed, String source, ModelDescription loaded) {
    return regression(task, all, columns, testFraction, seed, source, loaded, Validation.NONE);
  }

  /**
   * A regression problem whose run holds out {@code validation} of the training part: the
   * features and targets are standardised with the statistics of the rest, the rows it trains on.
   *
   * @param task the command's name
   * @param all every sample
   * @param columns the feature and label columns
   * @param testFraction the share of samples held out for testing, in (0, 1)
   * @param seed the seed of the random choices, of the test split and of the validation split
   * @param source the name errors give for the input
   * @param loaded the description of a model --load rebuilt, or null for a new model; its
   *     statistics are used whatever the validation share
   * @param validation the share of the training part the run holds out, as {@link
   *     HeldOutRows#of} is given it
   * @return the problem
   */
  public static Problem regression(String task, Dataset all, Problem.Columns columns,
      double testFraction, long seed, String source, ModelDescription loaded,
      Validation validation) {
    if (loaded != null) {
      LoadedColumns.require(loaded, columns, null, source);
    }
    String fingerprint = requireSameRows(all, testFraction, seed, loaded, source);
    Split split = all.split(testFraction, seed);
    int rows = all.size();
    all = null; // let go once split, as in classification
    DataChecks.requireSplit(split, testFraction, source);
    Standardizer features;
    Standardizer targets;
    if (loaded == null) { // a loaded model brings its own scaling, and may only be scored
      DataChecks.requireTrainingSpread(split, columns.label(), source);
      List<Standardizer> fitted = fitTrained(split.train(), true, validation, seed, columns,
          source);
      features = fitted.get(0);
      targets = fitted.get(1);
    } else {
      features = standardizer(loaded.featureScaling(), split.train().dtype());
      targets = standardizer(loaded.targetScaling(), split.train().labels().dtype());
    }
    return new Problem(task, scaled(features, targets, split.train()),
        scaled(features, targets, split.test()), List.of(), true, columns,
        new Problem.Preparation(features, targets,
            new ModelDescription.DataSplit(seed, testFraction, rows, fingerprint),
            loaded == null ? validation : null));
  }

  /**
   * The statistics of the rows a new model trains on, the features' and, for a regression, the
   * targets' (refused when the rows trained on hold one target value, the others all held out
   * for validation). In a method of its own so that those rows, a copy when a validation share is
   * held out, are not held while the parts are standardised.
   */
  private static List<Standardizer> fitTrained(Dataset trainingPart, boolean regression,
      Validation validation, long seed, Problem.Columns columns, String source) {
    Dataset trained = HeldOutRows.trainedRows(trainingPart, regression, validation, seed);
    if (regression && trained.size() < trainingPart.size()) {
      DataChecks.requireSpreadTrainedOn(trained, trainingPart.size() - trained.size(),
          columns.label(), source);
    }
    Standardizer features = fit(trained.features(), columns.features(), source);
    if (!regression) {
      return List.of(features);
    }
    Tensor labels = trained.labels();
    return List.of(features, fit(labels, labels.dim(1) == 1 ? List.of(columns.label()) : null,
        source));
  }

  /**
   * Refuses to split other rows than the loaded model's were, or its rows with another seed or
   * test fraction: its test score would count rows it was trained on (blobs with another
   * --points, a file with rows added, a rerun given another --seed, the file's rows shuffled).
   * Returns the rows' fingerprint, which the split records.
   */
  private static String requireSameRows(Dataset all, double testFraction, long seed,
      ModelDescription loaded, String source) {
    ModelDescription.DataSplit saved = loaded == null ? null : loaded.split();
    // The same rows split with another seed or fraction test on rows the model trained on too;
    // the programs hold both to the file's, a caller of this class was not held to either.
    if (saved != null && (saved.seed() != seed || saved.testFraction() != testFraction)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: the loaded model was"
          + " trained and tested on a split with seed %d and test fraction %s, and this split"
          + " has seed %d and test fraction %s: its test part would hold rows the model was"
          + " trained on; split with the model's seed and fraction, or score new data with"
          + " predict", source, saved.seed(),
          saved.testFraction(), seed, testFraction));
    }
    if (saved != null && saved.rows() != 0 && saved.rows() != all.size()) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s: the loaded model was trained and"
          + " tested on a split of %,d rows, and this data has %,d: split the same way, its test"
          + " part would hold rows the model was trained on; score new data with predict, or"
          + " train a new model", source, saved.rows(), all.size()));
    }
    String fingerprint = RowsFingerprint.of(all);
    // A description from before fingerprints were recorded checks the count only.
    if (saved != null && saved.rowsSha256() != null && !saved.rowsSha256().equals(fingerprint)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s: the loaded model was trained and"
          + " tested on a split of %,d rows, and these %,d are other rows or in another order:"
          + " split the same way, its test part would hold rows the model was trained on; split"
          + " the model's own rows in their order, score new data with predict, or train a new"
          + " model", source, saved.rows(), all.size()));
    }
    return fingerprint;
  }

  /** The trained rows' standardisation; a refusal names the data it came from. */
  private static Standardizer fit(Tensor values, List<String> names, String source) {
    try {
      return Standardizer.fit(values, names);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ", its training part: " + e.getMessage(), e);
    }
  }

  /** A loaded model's statistics in the type of the data, as a fit on that data makes them. */
  private static Standardizer standardizer(Scaling scaling, DType dtype) {
    return scaling == null ? null : scaling.toStandardizer(dtype);
  }

  private static Dataset transform(Standardizer features, Dataset data) {
    return features == null ? data : features.transform(data);
  }

  private static Dataset scaled(Standardizer features, Standardizer targets, Dataset data) {
    Dataset x = transform(features, data);
    return targets == null ? x : new Dataset(x.features(), targets.transform(x.labels()));
  }
}
