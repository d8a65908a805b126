package dev.chainrule.optim.train;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.EvaluationMode;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.metrics.Metrics;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * Running a model without training it: predictions in evaluation mode with nothing recorded, and
 * the loss and accuracy of a whole data set.
 */
public final class Evaluation {
  /**
   * Rows run through a model at once by {@link #predict} when the model {@linkplain
   * Module#evaluatesRowsIndependently evaluates rows independently} (any other model is run on
   * every row in one call, which alone gives its answers). The arrays of a chunk then stay under
   * the size the G1 collector treats as humongous, half a heap region: regions are 1 MB below a
   * 4 GB maximum heap (the JVM's default maximum is a quarter of the machine's memory) and 2 MB up
   * to 8 GB, and 64 rows of 784 float64 pixels take 0.4 MB. With 1024 rows every chunk's input and
   * first activations were humongous, each able to start a concurrent collection cycle, and
   * evaluating Fashion-MNIST at the end of an epoch grew the float64 heap from 650 MB to 1.3 GB.
   */
  public static final int CHUNK_ROWS = 64;

  private Evaluation() {}

  /**
   * The loss and accuracy (NaN for regression) of a model on a data set.
   *
   * @param loss the loss, reduced as the loss reduces it
   * @param accuracy the share of the scored rows ({@link #scoredRows}: all but those the loss
   *     ignores) classified correctly, a row whose outputs hold NaN as wrong ({@link #correct});
   *     NaN for regression, or when every row is ignored
   */
  public record Score(double loss, double accuracy) {}

  /**
   * The model's outputs for the given features, in evaluation mode, without a graph: the values one
   * call of the model on the whole batch gives, up to rounding. When the model {@linkplain
   * Module#evaluatesRowsIndependently evaluates rows independently} (every built-in layer but a
   * batch normalization without running statistics, a flattening or unflattening of axis 0 and a
   * softmax over axis 0; observing hooks allowed), rows go through it {@value #CHUNK_ROWS} at a
   * time, which changes no value beyond rounding (a matrix product's summation order follows the
   * number of rows: outputs a few ulps of the largest output apart, about 1e-15 of it in float64
   * and 5e-7 in float32 on a 784-256-128-10 network, which is many ulps of an output near zero,
   * whose sum cancels; a class changes only where two scores tie to that precision), so a large
   * data set never needs its activations all at once:
   * the 10,000 test images of Fashion-MNIST would otherwise take 10 MB per float32 layer of 256
   * units in one go, and such blocks made the heap grow by hundreds of megabytes. Any other model
   * (a batch normalization that normalizes with the batch's statistics in evaluation too, a module
   * of one's own that does not promise independent rows) gets every row in one call: run in parts
   * its outputs changed with the grouping, and a last part of one row was refused.
   *
   * @param model the model, run in evaluation mode without recording a graph
   * @param features [N, F] inputs
   * @return the model's outputs
   */
  public static Tensor predict(Module model, Tensor features) {
    checkNotNull(model, "predict: model is null");
    checkNotNull(features, "predict: features are null");
    if (features.rank() < 2) {
      return EvaluationMode.run(model, () -> model.call(
          Variable.constant(features.to(model.dtype()))).value());
    }
    Tensor x = features.to(model.dtype());
    return EvaluationMode.run(model, () -> chunked(model, x.dim(0), (from, to) ->
        from == 0 && to == x.dim(0) ? x : x.slice(0, from, to)));
  }

  /**
   * As {@link #predict(Module, Tensor)} for the features of a data set, converting only a chunk
   * of rows at a time ({@link Dataset#rows}) when the model evaluates rows independently: a data
   * set held as bytes is then never converted whole. Any other model gets every row in one call.
   *
   * @param model the model, run in evaluation mode without recording a graph
   * @param data the samples whose features go through the model
   * @return the model's outputs, one row per sample
   */
  public static Tensor predict(Module model, Dataset data) {
    checkNotNull(model, "predict: model is null");
    checkNotNull(data, "predict: data is null");
    return EvaluationMode.run(model, () -> chunked(model, data.size(),
        (from, to) -> data.rows(from, to).to(model.dtype())));
  }

  /** Rows {@code [from, to)} of the input, in the model's dtype. */
  private interface Rows {
    Tensor get(int from, int to);
  }

  private static Tensor chunked(Module model, int rows, Rows input) {
    if (rows <= CHUNK_ROWS || !model.evaluatesRowsIndependently()) {
      return model.call(Variable.constant(input.get(0, rows))).value();
    }
    Tensor[] parts = new Tensor[(rows + CHUNK_ROWS - 1) / CHUNK_ROWS];
    for (int p = 0; p < parts.length; p++) {
      Tensor chunk = input.get(p * CHUNK_ROWS, Math.min(rows, (p + 1) * CHUNK_ROWS));
      parts[p] = model.call(Variable.constant(chunk)).value();
    }
    return Tensors.concat(0, parts);
  }

  /**
   * Loss and accuracy of the model on a data set, computed in one pass. Outputs holding NaN give
   * a NaN loss, and their rows count as wrong ({@link #correct}) rather than being refused as
   * {@link Metrics#accuracy} refuses them: the trainer scores its validation data with this and
   * reports a NaN loss (naming a row of validation data holding NaN, if one does) as it would
   * without the accuracy.
   *
   * @param model the model, run in evaluation mode without recording a graph
   * @param loss the loss the model is trained with
   * @param data the samples
   * @return the loss reduced as the loss says (the mean over the rows, or their sum for a
   *     summed loss) and the accuracy (NaN when the loss does not classify)
   * @throws IllegalArgumentException for a loss whose reduction is NONE (per-sample losses)
   */
  public static Score score(Module model, Loss loss, Dataset data) {
    return scored(model, loss, data).score();
  }

  /**
   * A score with the outputs it was computed from, which the trainer's metrics of one's own
   * take ({@link EpochMetric}) without a second forward pass.
   *
   * @param score the loss and accuracy
   * @param outputs the model's outputs on the data
   */
  record Scored(Score score, Tensor outputs) {}

  /** {@link #score}, with the outputs. */
  static Scored scored(Module model, Loss loss, Dataset data) {
    checkNotNull(loss, "score: loss is null");
    ScalarLosses.requireScalar("score", "a score needs one number for the data", loss);
    Tensor output = predict(model, data);
    double value;
    try (var scope = Autograd.noGrad()) {
      value = lossValue("score", loss.compute(Variable.constant(output), data.labels()),
          data.size());
    }
    Counts counts = counts(loss, output, data.labels());
    return new Scored(new Score(value, counts.correct() < 0 ? Double.NaN
        : (double) counts.correct() / counts.scored()), output);
  }

  /**
   * A loss's value as one number; a loss of one's own that returns one value per sample (it
   * forgot the mean) is named as such, where {@code item()} would only say the tensor has many
   * elements.
   *
   * @param op the operation, for the message
   * @param value what the loss computed
   * @param samples the rows it was computed over
   * @return the value
   * @throws IllegalArgumentException when the value is not a single number
   * @throws NullPointerException when the loss returned null, named (it was an internal one)
   */
  static double lossValue(String op, Variable value, int samples) {
    if (value == null) {
      throw new NullPointerException(op + ": the loss returned null; Loss.compute returns the"
          + " loss of the batch as a scalar variable");
    }
    if (value.shape().size() != 1) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s: the loss gave a value of shape"
          + " %s for %d samples; a loss must reduce them to one number (their mean or sum), as"
          + " Loss.compute says", op, value.shape(), samples));
    }
    return value.item();
  }

  /**
   * Correctly classified rows of an output batch, or −1 when the loss's outputs are values
   * (regression), as {@link Loss#outputs()} says. Class scores take the largest output; binary
   * probabilities are thresholded at ½ and binary logits at 0, element by element, and a row is
   * correct when all its outputs are. Binary targets are probabilities, soft ones included (label
   * smoothing's 0.05 and 0.95): each counts as the class it leans to, 1 from ½ up, the rule the
   * probabilities follow. A target row of class scores that names no class (a row of zeros a loss
   * of one's own masks a sample with) counts as wrong, where {@link Metrics#accuracy} refuses it:
   * a count kept while training must not stop the run ({@link Metrics#correctRows}). Rows whose
   * class index is the loss's {@link Loss#ignoreIndex} are not counted, right or wrong: they have
   * no label ({@link #scoredRows}). A row whose outputs hold NaN counts as wrong: argmax took a
   * NaN for the largest score (a row of NaN for class 0) and NaN ≥ ½ is false (class 0), so a
   * diverged model was scored on answers it never gave. Counted rather than refused, as {@link
   * Metrics#correctRows} counts them, so that the divergence check of a training loop, which
   * reads the loss after the count, names the run's trouble.
   *
   * @param loss the loss the model is trained with
   * @param output the model's outputs for a batch
   * @param labels the batch's labels
   * @return the number of correct rows, or −1 when the loss's outputs are values
   */
  public static int correct(Loss loss, Tensor output, Tensor labels) {
    return counts(loss, output, labels).correct();
  }

  /**
   * Correct rows and the rows they are out of ({@link #scoredRows}), from one look at the labels.
   *
   * @param correct the correct rows, or −1 when the loss's outputs are values
   * @param scored the rows that count
   */
  record Counts(int correct, int scored) {}

  static Counts counts(Loss loss, Tensor output, Tensor labels) {
    int[] labelled = labelledRows(loss, labels);
    if (labelled == null) {
      return new Counts(correctOfEveryRow(loss, output, labels), labels.dim(0));
    }
    Tensor rows = rows(labelled);
    return new Counts(labelled.length == 0 ? 0
        : Metrics.correctRows(output.take(0, rows), labels.take(0, rows)), labelled.length);
  }

  private static int correctOfEveryRow(Loss loss, Tensor output, Tensor labels) {
    return switch (loss.outputs()) {
      case CLASS_SCORES -> Metrics.correctRows(output, labels);
      case BINARY_PROBABILITIES -> rowsAllRight(output, output.ge(0.5), labels);
      case BINARY_LOGITS -> rowsAllRight(output, output.ge(0), labels);
      case VALUES -> -1;
    };
  }

  /**
   * The rows an accuracy is over: all of them, but for the rows whose class index is the loss's
   * {@link Loss#ignoreIndex}, which have no label to be right or wrong about (padding), as they
   * have no loss. Labels other than class indices [N] count every row.
   *
   * @param loss the loss the model is trained with
   * @param labels the batch's labels
   * @return the rows {@link #correct} is out of
   */
  public static int scoredRows(Loss loss, Tensor labels) {
    checkNotNull(loss, "scoredRows: loss is null");
    checkNotNull(labels, "scoredRows: labels are null");
    int[] labelled = labelledRows(loss, labels);
    return labelled == null ? labels.dim(0) : labelled.length;
  }

  /** The rows not ignored, or null when every row counts (no index, or no class indices). */
  private static int[] labelledRows(Loss loss, Tensor labels) {
    OptionalInt ignored = loss.outputs() == Loss.Outputs.CLASS_SCORES ? loss.ignoreIndex()
        : OptionalInt.empty();
    if (ignored.isEmpty() || labels.rank() != 1) {
      return null;
    }
    int index = ignored.getAsInt();
    return IntStream.range(0, labels.dim(0)).filter(i -> labels.get(i) != index).toArray();
  }

  private static Tensor rows(int[] indices) {
    return Tensor.vector(IntStream.of(indices).asDoubleStream().toArray());
  }

  private static int rowsAllRight(Tensor output, Tensor predicted, Tensor labels) {
    // Compared as given, a soft target (0.95) would equal no thresholded output and the
    // accuracy would read 0 for a perfect model.
    Tensor classes = labels.reshape(predicted.shape().dims()).ge(0.5);
    Tensor wrong = predicted.ne(classes);
    // NaN ≥ ½ is false: a NaN output against a target of 0 counted as right.
    if (output.indexOutside(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY) >= 0) {
      wrong = wrong.maximum(output.ne(output));
    }
    Tensor perRow = wrong.rank() < 2 ? wrong : wrong.sum(1, false);
    // Counted, not summed: a float32 sum past 2^24 rounds to an even number (one row lost).
    return perRow.eq(0).countNonZero();
  }
}
