package dev.chainrule.spark;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.optim.train.DivergenceBar;
import java.util.List;

/**
 * The loss at chance on the rows of a run's first step, in parts the shards sum: for each of
 * {@link DivergenceBar#chanceOutputs}, the numerator of its loss over a shard's rows ({@link
 * TrainingLoss#part}), so that the summed numerators over the step's weight are each constant
 * output's loss over the whole batch, whose least is the chance loss ({@link #loss}). Scored
 * where the rows already are, by the tasks of the first step, which hold the model's output
 * for them: no job or pass of its own, and the same rows as the reference (the first step's
 * loss). The least is taken after the sum: the least of each shard's would mix the outputs.
 */
final class ChanceParts {
  private ChanceParts() {}

  /**
   * A shard's numerators, one per constant output: NaN for one the loss refuses, which then
   * drops out of the whole batch's ({@link DivergenceBar#least}).
   *
   * @param output the model's output for the shard's rows of the batch
   * @param labels their labels
   */
  static double[] of(Tensor output, Tensor labels, TrainingLoss loss) {
    List<Tensor> constants = DivergenceBar.chanceOutputs(output);
    double[] numerators = new double[constants.size()];
    for (int i = 0; i < numerators.length; i++) {
      try {
        numerators[i] = loss.part(Variable.constant(constants.get(i)), labels).numerator()
            .item();
      } catch (RuntimeException refused) {
        numerators[i] = Double.NaN;
      }
    }
    return numerators;
  }

  /** Two parts' numerators together; null is no part scored (not the first step, no rows). */
  static double[] plus(double[] a, double[] b) {
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    double[] sum = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      sum[i] = a[i] + b[i];
    }
    return sum;
  }

  /**
   * The loss per sample at chance: the least of the summed numerators over what the step's
   * mean divides by; NaN when none was scored or every constant output was left out.
   */
  static double loss(double[] numerators, double weight) {
    if (numerators == null) {
      return Double.NaN;
    }
    double[] losses = new double[numerators.length];
    for (int i = 0; i < losses.length; i++) {
      losses[i] = numerators[i] / weight;
    }
    return DivergenceBar.least(losses);
  }
}
