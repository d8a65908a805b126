package dev.chainrule.optim.train;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Gradients;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Recycling;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.data.Dataset;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.Supplier;

/**
 * The part of a training step before the update: one batch forward, its loss, its correct
 * predictions and backward. {@link Trainer} runs one per step, and so do Spark's replicas.
 *
 * <p>When neither the model nor the loss keeps a value of the forward pass ({@link
 * Module#keepsNoForwardValues}, {@link Loss#keepsForwardValues}), nothing but the pass holds the
 * batch and the activations once backward is done, so their arrays go back for the next pass to
 * write into ({@link Recycling}, {@link Gradients#backwardReleasingValues}), as PyTorch's
 * allocator reuses them. Otherwise backward is the plain one.
 */
public final class BatchPass {
  private final Module model;
  private final Loss loss;

  private BatchPass(Module model, Loss loss) {
    this.model = checkNotNull(model, "batch pass: model is null");
    this.loss = checkNotNull(loss, "batch pass: loss is null");
    ScalarLosses.requireScalar("batch pass", "a training step needs one number per batch",
        loss);
  }

  /**
   * Passes of {@code model} under {@code loss}.
   *
   * @param model the model, in the mode the caller wants (training, usually)
   * @param loss the loss, which reduces (MEAN or SUM)
   * @return the passes
   * @throws IllegalArgumentException for a loss whose reduction is NONE (per-sample losses)
   */
  public static BatchPass of(Module model, Loss loss) {
    return new BatchPass(model, loss);
  }

  /**
   * What one pass measured.
   *
   * @param loss the batch's loss, reduced as the loss reduces it
   * @param samples the batch's samples
   * @param correct its correctly classified samples, or −1 when the loss's outputs are values
   * @param meanWeight what the batch weighs among batches when their means are combined, the
   *     loss's {@link Loss#meanWeight} (its samples unless the loss's mean divides by another
   *     count)
   * @param scored the rows {@code correct} is out of ({@link Evaluation#scoredRows}: its samples
   *     but those the loss ignores)
   */
  public record Result(double loss, int samples, int correct, double meanWeight, int scored) {
    /**
     * A result whose rows are all scored.
     *
     * @param loss the batch's loss
     * @param samples the batch's samples
     * @param correct its correctly classified samples, or −1
     * @param meanWeight the batch's weight among batches
     */
    public Result(double loss, int samples, int correct, double meanWeight) {
      this(loss, samples, correct, meanWeight, samples);
    }

    /**
     * A result whose mean weighs its samples.
     *
     * @param loss the batch's loss
     * @param samples the batch's samples
     * @param correct its correctly classified samples, or −1
     */
    public Result(double loss, int samples, int correct) {
      this(loss, samples, correct, samples);
    }
  }

  /**
   * Whether passes hand the batch's and the activations' arrays back.
   *
   * @return true when neither the model nor the loss keeps a forward value now (asked again at
   *     every pass: a forward hook registered between two batches keeps values from then on)
   */
  public boolean reusesArrays() {
    return model.keepsNoForwardValues() && !loss.keepsForwardValues();
  }

  /**
   * Forward, loss, correct predictions and backward of one batch; the gradients accumulate into
   * the parameters' as {@link Variable#backward()} accumulates them.
   *
   * @param batches gives the batch, called once inside the pass so that a batch it gathers is
   *     born in the pass's scope and its array can go back; its features are taken in the
   *     model's type
   * @param beforeBackward told the batch's loss per sample (its mean whatever the loss's
   *     reduction) before backward runs: a divergence check may throw there, and then no
   *     gradient has changed
   * @return the loss, the samples and the correct predictions
   */
  public Result run(Supplier<Dataset> batches, DoubleConsumer beforeBackward) {
    return run(batches, beforeBackward, graph -> { });
  }

  /**
   * {@link #run(Supplier, DoubleConsumer)}, with {@code graphCheck} shown the model's output for
   * the batch, its graph still whole, after {@code beforeBackward} and before backward; it may
   * throw, and then no gradient has changed. The output's value may be recycled once the pass
   * returns: read what is needed of it in {@code graphCheck} (the Spark module's replicas score
   * constant outputs of its shape there, for {@link DivergenceBar}).
   *
   * @param batches gives the batch, as above
   * @param beforeBackward told the batch's loss per sample, as above
   * @param graphCheck told the model's output, for checks of what it depends on
   * @return the loss, the samples and the correct predictions
   */
  public Result run(Supplier<Dataset> batches, DoubleConsumer beforeBackward,
      Consumer<Variable> graphCheck) {
    checkNotNull(batches, "batch pass: batches is null");
    checkNotNull(beforeBackward, "batch pass: beforeBackward is null");
    try (Recycling.Scope step = reusesArrays() ? Recycling.open() : null) {
      Dataset batch = checkNotNull(batches.get(), "batch pass: the batch is null");
      Tensor input = batch.features().to(model.dtype());
      Variable output = model.call(Variable.constant(input));
      Variable value = loss.compute(output, batch.labels());
      double lossValue = Evaluation.lossValue("trainer", value, batch.size());
      beforeBackward.accept(
          ScalarLosses.averages(loss) ? lossValue : lossValue / batch.size());
      graphCheck.accept(output);
      // Before backward, which may hand the output's array back.
      Evaluation.Counts counts = Evaluation.counts(loss, output.value(), batch.labels());
      double meanWeight = loss.meanWeight(output.value(), batch.labels(), batch.size());
      if (step == null) {
        value.backward();
      } else {
        Gradients.backwardReleasingValues(value, step);
        step.recycle(input);
      }
      return new Result(lossValue, batch.size(), counts.correct(), meanWeight, counts.scored());
    }
  }
}
