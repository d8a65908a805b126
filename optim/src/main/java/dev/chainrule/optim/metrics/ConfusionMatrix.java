package dev.chainrule.optim.metrics;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Counts of (true class, predicted class) pairs: row i, column j holds how many samples of class i
 * were predicted as j. Accuracy, precision, recall and F1 are read off it.
 *
 * @param counts [K, K] whole-number counts
 */
public record ConfusionMatrix(Tensor counts) {
  /**
   * Checks that the counts are a square matrix of whole numbers ≥ 0 (a NaN printed as 0, or a
   * fractional count rounded, would make a table that looks right).
   *
   * @param counts [K, K] counts: row = true class, column = predicted class
   */
  public ConfusionMatrix {
    checkNotNull(counts, "confusion matrix: counts are null");
    // A copy: the caller's tensor may change in place after the checks below.
    counts = counts.copy();
    checkArgument(counts.rank() == 2 && counts.dim(0) == counts.dim(1),
        "confusion matrix: counts %s must be square", counts.shape());
    int bad = counts.indexNotClass(Integer.MAX_VALUE);
    checkArgument(bad < 0, "confusion matrix: count %s at %s is not a whole number >= 0",
        bad < 0 ? null : counts.flatGet(bad),
        bad < 0 ? null : Arrays.toString(counts.shape().unravel(bad)));
  }

  /**
   * Tallies predicted against true class indices (both [N], whole numbers in [0, classes)): the
   * predictions first, as {@link Metrics#confusion} and every {@code Metrics} function take them
   * (both are index vectors, so an order of its own here would transpose the table without a
   * word). The table's rows are the true classes: onehot(true)ᵀ · onehot(predicted).
   *
   * @param predictedClasses [N] the predicted class indices
   * @param trueClasses [N] the true class indices
   * @param classes the number of classes K
   * @return the matrix
   * @throws IllegalArgumentException naming the confusion matrix when the shapes differ or are
   *     not vectors, when {@code classes} is not positive, or naming the first value that is not
   *     a whole number in [0, classes) and its position
   */
  public static ConfusionMatrix tally(Tensor predictedClasses, Tensor trueClasses, int classes) {
    checkNotNull(trueClasses, "confusion matrix: true classes are null");
    checkNotNull(predictedClasses, "confusion matrix: predicted classes are null");
    checkArgument(trueClasses.rank() == 1 && trueClasses.shape().equals(predictedClasses.shape()),
        "confusion matrix: true classes %s and predictions %s must be vectors of one length",
        trueClasses.shape(), predictedClasses.shape());
    checkArgument(classes > 0, "confusion matrix: class count must be positive, got %s", classes);
    // Checked here rather than left to oneHot, so that the message names the tensor, the
    // position and the remedy (probabilities given for classes are the usual mistake).
    ClassChecks.checkIndices("confusion matrix", "true classes", trueClasses, classes);
    ClassChecks.checkIndices("confusion matrix", "predictions", predictedClasses, classes);
    Tensor truth = Tensors.oneHot(trueClasses, classes);
    Tensor predicted = Tensors.oneHot(predictedClasses, classes);
    return new ConfusionMatrix(truth.matmul(predicted, dev.chainrule.core.Transpose.LEFT));
  }

  /**
   * The number of classes K.
   *
   * @return K
   */
  public int classes() {
    return counts.dim(0);
  }

  /**
   * Number of samples counted.
   *
   * @return the number of samples counted
   */
  public int total() {
    return (int) Math.round(counts.sum().item());
  }

  /**
   * The classification rate: correct predictions over all predictions (NaN when empty).
   *
   * @return the share of samples on the diagonal
   */
  public double accuracy() {
    return trace() / counts.sum().item();
  }

  /**
   * Of the samples predicted as class k, the share that are k (NaN when none were).
   *
   * @param k a class index in [0, classes)
   * @return the share of predictions of class k that are right
   */
  public double precision(int k) {
    checkClass("precision", k);
    return counts.get(k, k) / counts.sum(0, false).get(k);
  }

  /**
   * Of the samples of class k, the share predicted as k (NaN when there are none).
   *
   * @param k a class index in [0, classes)
   * @return the share of samples of class k predicted as k
   */
  public double recall(int k) {
    checkClass("recall", k);
    return counts.get(k, k) / counts.sum(1, false).get(k);
  }

  /**
   * The mean recall over the classes the samples hold, scikit-learn's {@code
   * balanced_accuracy_score}: 1/C for a classifier that always answers one of the C classes,
   * however common it is.
   *
   * @return a share from 0 to 1; NaN for no samples
   */
  public double balancedAccuracy() {
    return perClass().stream().filter(c -> c.support() > 0).mapToDouble(ClassScores::recall)
        .average().orElse(Double.NaN);
  }

  /**
   * The classes that hold at least one sample.
   *
   * @return their count, from 0 to {@link #classes()}
   */
  public int presentClasses() {
    return (int) perClass().stream().filter(c -> c.support() > 0).count();
  }

  /**
   * The harmonic mean of precision and recall, computed as 2·TP / (2·TP + FP + FN), which is
   * defined where precision is not: a class never predicted has F1 0, not NaN (scikit-learn's
   * definition). NaN only when the class is neither present nor predicted.
   *
   * @param k a class index in [0, classes)
   * @return the F1 score of class k
   */
  public double f1(int k) {
    checkClass("f1", k);
    double truePositives = counts.get(k, k);
    double predicted = counts.sum(0, false).get(k);
    double actual = counts.sum(1, false).get(k);
    return 2 * truePositives / (predicted + actual);
  }

  /**
   * Precision, recall and F1 of every class, in class order.
   *
   * @return each class's precision, recall and F1, in class order
   */
  public List<ClassScores> perClass() {
    List<ClassScores> scores = new ArrayList<>();
    for (int k = 0; k < classes(); k++) {
      scores.add(new ClassScores(k, precision(k), recall(k), f1(k),
          (int) Math.round(counts.sum(1, false).get(k))));
    }
    return scores;
  }

  /**
   * Scores of one class; {@code support} is its number of samples.
   *
   * @param classIndex the class these scores are of, its row and column in the matrix
   * @param precision the share of the samples predicted as this class that truly are of it
   * @param recall the share of this class's samples that were predicted as it
   * @param f1 the harmonic mean of precision and recall
   * @param support how many samples truly belong to the class (its row's sum)
   */
  public record ClassScores(int classIndex, double precision, double recall, double f1,
      int support) {}

  private double trace() {
    return counts.mul(Tensors.eye(classes())).sum().item();
  }

  /**
   * The matrix as a table with true classes as rows, optionally with class names.
   *
   * @param names a name per class, or null for the indices
   * @return the matrix as a table, one line per true class
   * @throws IllegalArgumentException when there is not one name per class, or a name is null
   */
  public String format(List<String> names) {
    int k = classes();
    checkArgument(names == null || names.size() == k && names.stream().allMatch(n -> n != null),
        "confusion matrix: %s class names for %s classes (or a null name): %s",
        names == null ? 0 : names.size(), k, names);
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      labels.add(names != null ? names.get(i) : Integer.toString(i));
    }
    int width = Math.max(5, labels.stream().mapToInt(String::length).max().orElse(1));
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        width = Math.max(width, Long.toString(Math.round(counts.get(i, j))).length());
      }
    }
    String corner = "true\\pred";
    String first = "%" + Math.max(corner.length(), width) + "s";
    String cell = "%" + (width + 1) + "s";
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT, first, corner));
    labels.forEach(label -> text.append(String.format(Locale.ROOT, cell, label)));
    for (int i = 0; i < k; i++) {
      text.append('\n').append(String.format(Locale.ROOT, first, labels.get(i)));
      for (int j = 0; j < k; j++) {
        text.append(String.format(Locale.ROOT, cell, Math.round(counts.get(i, j))));
      }
    }
    return text.toString();
  }

  @Override
  public String toString() {
    return format(null);
  }

  private void checkClass(String figure, int k) {
    checkArgument(k >= 0 && k < classes(), "%s: class %s is not one of the matrix's %s classes"
        + " (0 to %s)", figure, k, classes(), classes() - 1);
  }
}
