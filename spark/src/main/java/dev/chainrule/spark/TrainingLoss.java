package dev.chainrule.spark;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Reduction;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.loss.CrossEntropies;
import dev.chainrule.nn.loss.CrossEntropyOptions;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.model.ClassWeighting;
import dev.chainrule.optim.report.PrintableText;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.model.Task;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The loss a run trains with, in the form that crosses to executors: the task and, for
 * classification, the class weights as numbers and the label smoothing ε. Spark serializes the
 * task closures; each executor builds the same {@link Loss} from these numbers ({@link
 * #batchLoss}), where a captured {@code Loss} would have to be serializable itself.
 *
 * <p>A batch split across shards is combined through {@link #part}: each shard contributes the
 * gradient of its rows' share of the batch's numerator and the weight the batch's mean divides
 * by, and the driver divides the sum by the summed weight. For a weighted mean of class indices
 * that weight is Σ w_y over the shard's rows (the whole batch's Σ w_y once summed, not a
 * shard's, nor the row count); otherwise, rows of probabilities included, the shard's rows.
 *
 * @param task what the outputs mean, which chooses the loss ({@link SparkTrainer#lossOf})
 * @param classWeights one weight per class, or null for none (classification only)
 * @param weightsRule how the weights were made, {@code ClassWeighting.BALANCED} or {@code
 *     GIVEN}, for the checkpoints' record; null without weights
 * @param labelSmoothing ε in [0, 1) (classification only)
 */
record TrainingLoss(Task task, double[] classWeights, String weightsRule, double labelSmoothing)
    implements Serializable {

  /** The task's plain loss. */
  static TrainingLoss of(Task task) {
    return new TrainingLoss(task, null, null, 0);
  }

  /**
   * Softmax cross-entropy with these options, for a classification network.
   *
   * @throws IllegalArgumentException for another task, naming it, weights of another count
   *     than the network's outputs, weights further apart than the network's type carries, or
   *     an ignore index, which Spark training does not take
   */
  static TrainingLoss of(ModelDescription description, CrossEntropyOptions options,
      String rule) {
    checkNotNull(options, "spark: cross-entropy options are null");
    // The parts and checkpoints carry weights and ε only: an index would be dropped silently.
    if (options.ignoreIndex().isPresent()) {
      throw new IllegalArgumentException("spark: an ignore index (" + options.ignoreIndex()
          .getAsInt() + ") is not supported in Spark training; give class weights and label"
          + " smoothing only");
    }
    checkArgument(description.task() == Task.CLASSIFICATION, "spark: class weights and label"
        + " smoothing are options of the softmax cross-entropy of a classification; this"
        + " network's task is %s, whose loss is %s", description.task().jsonName(),
        SparkTrainer.lossOf(description.task()));
    Tensor weights = options.classWeights();
    checkArgument(weights == null || weights.size() == description.outputs(), "spark: %s class"
        + " weights for a network of %s outputs (classes): give one weight per class",
        weights == null ? 0 : weights.size(), description.outputs());
    checkArgument(weights == null || ClassWeighting.BALANCED.equals(rule)
        || ClassWeighting.GIVEN.equals(rule), "spark: class weights' rule %s is neither %s nor"
        + " %s", rule, ClassWeighting.BALANCED, ClassWeighting.GIVEN);
    if (weights != null) {
      // Once, on the driver, before fit reads or loads anything, in the weight ratio's words:
      // the shards' sums take the weights over the largest, and their own refusal would advise
      // scaling them up, which cannot help. (Trainer's weighted mean takes such weights.)
      CrossEntropies.requireWeightRatio("softmaxCrossEntropy", weights, description.dtype());
    }
    return new TrainingLoss(Task.CLASSIFICATION, weights == null ? null : weights.toArray(),
        weights == null ? null : rule, options.labelSmoothing());
  }

  /** The options, {@code CrossEntropyOptions.none()} for the task's plain loss. */
  CrossEntropyOptions options() {
    CrossEntropyOptions options = CrossEntropyOptions.none().withLabelSmoothing(labelSmoothing);
    return classWeights == null ? options : options.withClassWeights(classWeights);
  }

  /** The loss {@code Trainer} would train with on a batch: its mean over the batch's rows. */
  Loss batchLoss() {
    return classWeights == null && labelSmoothing == 0 ? SparkTrainer.lossOf(task)
        : Loss.softmaxCrossEntropy(options());
  }

  /**
   * A shard's part of a batch: {@code numerator}, whose gradient the shard contributes (its
   * value the shard's loss summed with the weights the mean gives its rows), and {@code weight},
   * what the batch's mean divides by for these rows. Summed over the shards, numerator over
   * weight is the batch's mean loss, and so are their gradients.
   */
  record Part(Variable numerator, double weight) {}

  /**
   * This shard's part of the batch.
   *
   * @param output the model's output for the shard's rows of the batch
   * @param labels their labels
   */
  Part part(Variable output, Tensor labels) {
    int rows = labels.shape().dim(0);
    // Rows of probabilities (labels of the output's shape, as CrossEntropies tells them apart)
    // are averaged over the rows even with weights: only class indices take the weighted mean.
    boolean indices = !labels.shape().equals(output.shape());
    if (classWeights == null || !indices) {
      // The mean over the shard's rows times their count: the rows' sum, as the mean has it.
      return new Part(batchLoss().compute(output, labels).mul(rows), rows);
    }
    // The weighted sum, with the weights over the largest exactly as the weighted mean takes
    // them, so that the parts add up to the mean's numerator; a sum, where the shard's own mean
    // would refuse a shard whose rows all weigh 0 though the batch has weighted rows.
    Tensor weights = Tensor.vector(classWeights);
    Tensor atLargestOne = weights.div(weights.max().item());
    CrossEntropyOptions summed = CrossEntropyOptions.none().withLabelSmoothing(labelSmoothing)
        .withClassWeights(atLargestOne);
    Variable numerator =
        CrossEntropies.softmaxCrossEntropy(output, labels, summed, Reduction.SUM);
    return new Part(numerator, batchLoss().meanWeight(output.value(), labels, rows));
  }

  /**
   * Whether every row of a batch has a class of weight 0, so that the batch's weighted mean
   * would divide by 0 ({@code Trainer} refuses such a batch); false without weights and for
   * rows of probabilities, which average over the rows.
   *
   * @param labels the labels the batch's rows are taken from: class indices [N], or rows of
   *     probabilities [N, K]
   * @param rows the batch's rows among them
   */
  boolean weighsNothing(Tensor labels, int[] rows) {
    if (classWeights == null || labels.shape().rank() != 1) {
      return false;
    }
    for (int row : rows) {
      double y = labels.flatGet(row);
      // A label that is no class (out of range, fractional, NaN) is the loss's to refuse, in its
      // own words; read as an index here it would throw from the array or count as class 0.
      if (!(y >= 0 && y < classWeights.length && y == Math.rint(y))
          || classWeights[(int) y] != 0) {
        return false;
      }
    }
    return true;
  }

  /** The checkpoints' record of the loss ({@link ClassWeighting}): none for the plain loss. */
  Map<String, String> metadata() {
    return ClassWeighting.metadata(classWeights, weightsRule, labelSmoothing);
  }

  /**
   * Refuses to resume from a checkpoint trained on another loss: other class weights (whatever
   * the rule that made them: equal numbers train alike) or another ε would train the rest of
   * the run on another objective than the file's. A file without the entries was trained on the
   * plain cross-entropy.
   *
   * @throws IllegalArgumentException naming the file, both losses and the launcher's option
   */
  void requireSameAs(Map<String, String> metadata, String file) {
    String text = metadata.get(ClassWeighting.WEIGHTS_KEY);
    double[] written = text == null ? null : weightsOf(text, file);
    if (!Arrays.equals(written, classWeights)) {
      // Balanced weights on both sides differ only because the rows they were counted on do:
      // another data set (exit 1), not another --class-weights.
      if (ClassWeighting.BALANCED.equals(weightsRule) && written != null
          && ClassWeighting.BALANCED.equals(metadata.get(ClassWeighting.RULE_KEY))) {
        throw new IllegalArgumentException(String.format(Locale.ROOT, "resume: %s was trained"
            + " with balanced class weights %s, this run's are %s: they were counted on other"
            + " rows than the rows of --csv trained on now (another data set)", file,
            ClassWeighting.text(written), ClassWeighting.text(classWeights)));
      }
      throw differs(file, "class weights", written == null ? "none"
          : ClassWeighting.text(written), classWeights == null ? "none"
          : ClassWeighting.text(classWeights), "--class-weights");
    }
    double smoothing = metadata.containsKey(ClassWeighting.SMOOTHING_KEY)
        ? Metadata.real(metadata, ClassWeighting.SMOOTHING_KEY, file) : 0;
    if (smoothing != labelSmoothing) {
      throw differs(file, "label smoothing", Double.toString(smoothing),
          Double.toString(labelSmoothing), "--label-smoothing");
    }
  }

  private static double[] weightsOf(String text, String file) {
    try {
      return ClassWeighting.recorded(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("resume: " + file + ": its \""
          + ClassWeighting.WEIGHTS_KEY + "\" metadata (" + PrintableText.of(text)
          + ") is not a list of class weights", e);
    }
  }

  private static ResumeContradiction differs(String file, String what, String written,
      String now, String setBy) {
    return new ResumeContradiction(String.format(Locale.ROOT, "resume: %s was trained with"
        + " %s %s, this run has %s; resuming would train on another loss than the file's (set"
        + " by the launcher's %s)", file, what, written, now, setBy));
  }
}
