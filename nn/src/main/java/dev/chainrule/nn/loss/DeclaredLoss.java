package dev.chainrule.nn.loss;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Reduction;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.OptionalInt;

/**
 * A loss of one's own with its reduction and outputs declared ({@link Loss#of}): a lambda can
 * answer neither, and its defaults (the mean, values) made a summed loss count as a batch's
 * mean, its epoch figure a batch's size too large, and a cross-entropy count no accuracy.
 * Everything else is the wrapped loss's own answer.
 *
 * @param loss the loss computed
 * @param reduction how its value combines the batch's samples
 * @param outputs what the model's outputs mean to it
 */
record DeclaredLoss(Loss loss, Reduction reduction, Outputs outputs) implements Loss {
  DeclaredLoss {
    checkNotNull(loss, "Loss.of: the loss is null");
    checkNotNull(reduction, "Loss.of: the reduction is null");
    checkNotNull(outputs, "Loss.of: the outputs are null");
  }

  @Override
  public Variable compute(Variable prediction, Tensor target) {
    return loss.compute(prediction, target);
  }

  @Override
  public boolean keepsForwardValues() {
    return loss.keepsForwardValues();
  }

  @Override
  public double meanWeight(Tensor prediction, Tensor target, int samples) {
    return loss.meanWeight(prediction, target, samples);
  }

  @Override
  public OptionalInt ignoreIndex() {
    return loss.ignoreIndex();
  }

  /** {@code Loss.of(a lambda, SUM, CLASS_SCORES)}: a lambda's own name is its hidden class's. */
  @Override
  public String toString() {
    Class<?> type = loss.getClass();
    return "Loss.of(" + (type.isHidden() || type.isSynthetic() ? "a lambda" : loss) + ", "
        + reduction + ", " + outputs + ")";
  }
}
