package dev.chainrule.optim.train;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.TracelessPass;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.nn.loss.TargetRefusedException;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.data.NonFiniteRows;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/** The checks that stop a diverging run of {@link Trainer}, and the place they found. */
final class Divergence {
  private final Map<String, Variable> parameters;
  private final double factor;
  private final double reference;
  /**
   * What the factors scale: the reference, or the loss at chance when that is above it ({@link
   * DivergenceBar#bar}).
   */
  private final double bar;
  private final double limit;
  private final double epochLimit;
  /** Whether a batch's loss passed, and so a step followed: false until the model changes. */
  private boolean stepped;
  /** The training data, searched for a value that is not finite once something is not. */
  private final Dataset train;

  /**
   * Whether a batch's loss has passed its check, so that a step followed it: from then on a value
   * that is not finite is the run's doing, not the data's or the initial parameters'.
   */
  boolean stepped() {
    return stepped;
  }

  Divergence(Module model, Loss loss, Dataset train, int batchSize, double factor) {
    this.train = train;
    this.parameters = model.namedParameters();
    this.factor = factor;
    double[] losses = Double.isInfinite(factor) || train.size() == 0
        ? new double[] {Double.NaN, Double.NaN} : untrainedLoss(model, loss, train, batchSize);
    this.reference = losses[0];
    this.bar = DivergenceBar.bar(reference, losses[1]);
    this.limit = bar > 0 && Double.isFinite(bar) ? factor * bar : Double.POSITIVE_INFINITY;
    this.epochLimit = Double.isFinite(limit)
        ? Math.min(limit, Trainer.EPOCH_DIVERGENCE_FACTOR * bar) : Double.POSITIVE_INFINITY;
  }

  /**
   * The model's loss per sample on rows spread evenly over the training data, before any step,
   * and the loss at chance on the same rows ({@link #chanceLoss}, floored as {@link
   * DivergenceBar#bar} says).
   * Not the first rows: data sorted by class, time or target (as CSV files often are) has first
   * rows unlike the rest, and a reference from them stopped runs that were fine, even at a
   * learning rate of 0.
   */
  private static double[] untrainedLoss(Module model, Loss loss, Dataset train, int batchSize) {
    int rows = Math.min(train.size(), Trainer.REFERENCE_ROWS);
    Dataset spread = rows == train.size() ? train : train.subset(IntStream.range(0, rows)
        .map(i -> (int) ((long) i * train.size() / rows)).toArray());
    // Traceless, as the training-mode pass is (a collecting forward hook can tell and skip both).
    double[] evaluated = TracelessPass.run(model, () -> {
      Tensor output = Evaluation.predict(model, spread);
      double scored;
      try {
        scored = lossOf(output, loss, spread);
      } catch (TargetRefusedException refused) {
        throw TargetRows.beforeTraining(refused, train.size(), rows);
      }
      return new double[] {scored, chanceLoss(output, loss, spread)};
    });
    for (int i = 0; i < evaluated.length; i++) {
      evaluated[i] = ScalarLosses.averages(loss) ? evaluated[i] : evaluated[i] / rows;
    }
    double training = trainingModeLoss(model, loss, spread, batchSize);
    return new double[] {Double.isNaN(training) ? evaluated[0]
        : Math.max(evaluated[0], training), evaluated[1]};
  }

  private static double lossOf(Tensor output, Loss loss, Dataset rows) {
    return Evaluation.lossValue("score", loss.compute(Variable.constant(output), rows.labels()),
        rows.size());
  }

  /**
   * The loss at chance on {@code rows}: the least loss of {@link DivergenceBar#chanceOutputs},
   * an output a user's loss refuses left out as one it scores as NaN is ({@link
   * DivergenceBar#least}). NaN when both are left out.
   */
  private static double chanceLoss(Tensor output, Loss loss, Dataset rows) {
    List<Tensor> constants = DivergenceBar.chanceOutputs(output);
    double[] scored = new double[constants.size()];
    for (int i = 0; i < scored.length; i++) {
      try {
        scored[i] = lossOf(constants.get(i), loss, rows);
      } catch (RuntimeException refused) {
        scored[i] = Double.NaN;
      }
    }
    return DivergenceBar.least(scored);
  }

  /**
   * The loss in training mode, where batch normalization normalizes by the batch and dropout
   * drops, as the run's batches will: scored in evaluation mode alone, an untrained batch
   * normalization passing inputs of scale 0.01 through unscaled (or a trained model with
   * dropout, fitted again) looked hundreds of times better than it trains, and a healthy run was
   * stopped as diverged in its first epoch. In batches of the run's size (as the statistics of a
   * batch normalization depend on it, and a thousand rows of a convolutional network at once
   * would cost its memory), none of a single row, which batch normalization refuses to train on;
   * a {@link TracelessPass}, so that the run goes on as if the pass had not happened. Per sample;
   * NaN for a single row.
   *
   * <p>A mean's chunks are weighed as the epoch's batches are, by the loss's {@link
   * Loss#meanWeight} (the rows the mean counts: Σ w_y under class weights, the ignored rows left
   * out), so the reference is the mean the loss itself would give, not one weighing every row
   * alike, which moved the bar under class weights or an ignore index. A chunk that counts
   * nothing (every target the ignore index, or of a class weighing 0) adds nothing and is not
   * scored: the chunks are contiguous, unshuffled rows, and data sorted by class held such a
   * chunk where every shuffled batch of the run held rows to count, so the loss's refusal of
   * that chunk refused a run that trains. NaN when no chunk counts anything.
   */
  private static double trainingModeLoss(Module model, Loss loss, Dataset rows, int batchSize) {
    int n = rows.size();
    if (n < 2 || !model.isTraining()) {
      return Double.NaN;
    }
    int size = Math.max(2, Math.min(batchSize, n));
    boolean averages = ScalarLosses.averages(loss);
    return TracelessPass.run(model, () -> {
      double total = 0;
      double weights = 0;
      for (int from = 0; from < n; ) {
        int to = n - (from + size) == 1 ? n : Math.min(n, from + size);
        Variable input = Variable.constant(rows.rows(from, to).to(model.dtype()));
        Variable output = model.call(input);
        Tensor labels = rows.labels().slice(0, from, to);
        double weight = averages ? loss.meanWeight(output.value(), labels, to - from) : to - from;
        if (weight > 0) {
          double value = Evaluation.lossValue("trainer", loss.compute(output, labels), to - from);
          total += averages ? value * weight : value;
          weights += weight;
        }
        from = to;
      }
      // A sum's chunks are per sample over every row, as the epoch's check of a sum is.
      return weights == 0 ? Double.NaN : total / (averages ? weights : n);
    });
  }

  /** Stops at a NaN, infinite or exploded loss (per sample), before the backward pass. */
  void checkLoss(int epoch, int batch, int batches, double perSample) {
    if (Double.isFinite(perSample) && perSample <= limit) {
      stepped = true;
      return;
    }
    if (!Double.isFinite(perSample)) {
      requireFiniteData(epoch, batch, batches, "the loss is " + perSample);
    }
    if (!Double.isFinite(perSample) && !stepped) {
      // No step has changed the model yet: the learning rate cannot be the cause.
      throw new Found(epoch, batch, batches, "the loss is " + perSample + " before the run's"
          + " first step, so no learning rate caused it: the batch's data or the model's"
          + " parameters hold a value that is not finite (or the forward pass overflows on them)",
          true);
    }
    if (!Double.isFinite(perSample) && batch > 0) {
      String broken = brokenParameter();
      if (broken != null) {
        throw new Found(epoch, batch - 1, batches, notFinite(broken));
      }
    }
    throw new Found(epoch, batch, batches, !Double.isFinite(perSample)
        ? "the loss is " + perSample
        : String.format(Locale.ROOT, "the loss per sample (%.3g) is more than %.0e times %s",
            perSample, factor, against()));
  }

  /**
   * Stops after an epoch whose mean loss stayed far above the reference: the loss of the model
   * fit started from, untrained or loaded (a resumed run's reference is its trained model's, so
   * messages say "at the start of the run", not "untrained"). {@code weighted} says the mean
   * weighs rows by their class (Σ w_y under class weights) rather than one per sample, so that
   * the message names the mean it reports.
   */
  void checkEpoch(int epoch, int lastBatch, int batches, double mean, boolean weighted) {
    // Negated so that NaN, which no comparison holds for, stops the run too.
    if (!(mean <= epochLimit)) {
      throw new Found(epoch, lastBatch, batches, String.format(Locale.ROOT, "the epoch's %s"
          + " (%.3g) is more than %.0f times %s: the outputs saturated or swing too far to"
          + " learn", weighted ? "weighted mean loss" : "mean loss per sample", mean,
          Math.min(factor, Trainer.EPOCH_DIVERGENCE_FACTOR), against()));
    }
  }

  /** What the limits scale, for the messages: the floor named when it, not the model, set it. */
  private String against() {
    return DivergenceBar.against(reference, bar, "the model's at the start of the run");
  }

  /** Stops at a gradient whose global norm (computed by clipping) is NaN or infinite. */
  void checkNorm(int epoch, int batch, int batches, double norm) {
    if (!Double.isFinite(norm)) {
      throw new Found(epoch, batch, batches, "the gradient's norm is " + norm);
    }
  }

  /** Stops when a parameter is no longer finite after an epoch's last step. */
  void checkParameters(int epoch, int lastBatch, int batches) {
    String broken = brokenParameter();
    if (broken != null) {
      requireFiniteData(epoch, lastBatch, batches, "parameter " + broken + " is no longer finite");
      throw new Found(epoch, lastBatch, batches, notFinite(broken));
    }
  }

  /**
   * Stops with the data named when the training data hold a NaN or an infinity: a row of NaN
   * made the loss NaN some batches in, and the run was reported as diverging, which sent the user
   * to the learning rate. Searched only once something is not finite, so it costs a healthy run
   * nothing. (A dataset may hold NaN on purpose: a CSV read keeping missing values.)
   */
  private void requireFiniteData(int epoch, int batch, int batches, String what) {
    Optional<NonFiniteRows.Row> row = NonFiniteRows.first(train, 0);
    if (row.isPresent()) {
      throw new Found(epoch, batch, batches, what + ", and " + row.get().description() + ": "
          + NonFiniteRows.ADVICE, true);
    }
  }

  /**
   * Stops with the validation data named when its loss is not finite and a row of it holds a NaN
   * or an infinity: every epoch's validation loss was NaN, which early stopping, the plateau and
   * the best epoch took for no improvement, while NaN outputs counted as class 0 in its accuracy.
   * Searched only then, as the training data are.
   */
  void checkValidation(int epoch, int lastBatch, int batches, Dataset validation, double loss) {
    if (Double.isFinite(loss)) {
      return;
    }
    Optional<NonFiniteRows.Row> row = NonFiniteRows.first(validation, 0, "validation data");
    if (row.isPresent()) {
      throw new Found(epoch, lastBatch, batches, "the validation loss is " + loss + ", and "
          + row.get().description() + ": " + NonFiniteRows.ADVICE, true);
    }
  }

  /**
   * The message for a parameter the step left not finite. Where the gradient may be the cause,
   * it says how to find the rule that made it; under anomaly detection the pass would have
   * stopped at that rule, so there it is not said.
   */
  private static String notFinite(String parameter) {
    return "parameter " + parameter + " is no longer finite after the optimizer's step (its"
        + " gradient was not finite, or the step overflowed" + (Autograd
            .isAnomalyDetectionEnabled() ? "" : "; " + DivergenceException.ANOMALY_ADVICE) + ")";
  }

  /**
   * The first parameter with a NaN or infinite value, or null. A sum is NaN or infinite when any
   * element is (or when finite values overflow, which is divergence too), and costs one pass.
   */
  private String brokenParameter() {
    for (Map.Entry<String, Variable> p : parameters.entrySet()) {
      if (!Double.isFinite(p.getValue().value().sum().item())) {
        return p.getKey();
      }
    }
    return null;
  }

  /** Where training diverged; becomes a {@link DivergenceException} once the history is known. */
  static final class Found extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int epoch;
    private final int batch;
    private final int batches;
    private final String what;
    private final boolean beforeAnyStep;
    /**
     * What anomaly detection found, or the optimizer's refusal of the step, kept as the
     * divergence's cause; or null.
     */
    private final RuntimeException origin;

    Found(int epoch, int batch, int batches, String what) {
      this(epoch, batch, batches, what, false, null);
    }

    Found(int epoch, int batch, int batches, String what, RuntimeException origin) {
      this(epoch, batch, batches, what, false, origin);
    }

    Found(int epoch, int batch, int batches, String what, boolean beforeAnyStep) {
      this(epoch, batch, batches, what, beforeAnyStep, null);
    }

    Found(int epoch, int batch, int batches, String what, boolean beforeAnyStep,
        RuntimeException origin) {
      super(what, null, false, false);
      this.epoch = epoch;
      this.batch = batch;
      this.batches = batches;
      this.what = what;
      this.beforeAnyStep = beforeAnyStep;
      this.origin = origin;
    }

    DivergenceException exception(History history) {
      DivergenceException diverged =
          new DivergenceException(epoch, batch, batches, what, history, beforeAnyStep);
      if (origin != null) {
        diverged.initCause(origin);
      }
      return diverged;
    }
  }
}
