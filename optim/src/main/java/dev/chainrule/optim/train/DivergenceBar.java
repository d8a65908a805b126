package dev.chainrule.optim.train;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import java.util.Locale;

/**
 * What the divergence checks scale: the loss of the model a run starts from, floored at the loss
 * at chance on the same rows. Shared by {@link Trainer} and the Spark module's loop, so that both
 * stop at the same bar and say so in the same words.
 *
 * <p>A run that starts from a trained model (a second fit, {@code train --load}, a Spark run
 * given a fitted network) has a tiny reference, and ordinary noise (dropout's, an optimizer's
 * steps on a saturated model) lifted an epoch's mean past ten times it: a second 60-epoch fit of
 * a saturated classifier (Adam at 0.05, dropout 0.5) was stopped as diverged for 7 of 16 seeds,
 * at means of 0.03 to 0.3 against references of 0.0024 to 0.017, below chance's 0.69. A mean ten
 * times chance, or a batch 10⁶ times it, has exploded whatever the model scored before, so the
 * floor serves both checks. An untrained model scores about chance, so runs from scratch stop
 * where they did.
 */
public final class DivergenceBar {
  private DivergenceBar() {}

  /**
   * The larger of the reference and the loss at chance: ln K for cross-entropy, ln 2 for binary
   * cross-entropy, about the mean of y² for MSE. When the chance loss is not finite or not
   * positive, or the reference is not finite or negative (a loss with no scale from 0), the
   * reference alone stands.
   *
   * @param reference the loss per sample of the model the run starts from
   * @param chance the loss per sample at chance on the same rows ({@link #least} of the losses
   *     of {@link #chanceOutputs}), or NaN when unknown
   * @return what the divergence factors scale
   */
  public static double bar(double reference, double chance) {
    boolean usable = reference >= 0 && Double.isFinite(reference) && chance > 0
        && Double.isFinite(chance);
    return usable ? Math.max(reference, chance) : reference;
  }

  /**
   * Outputs that know nothing of their input, of {@code output}'s shape and type, whose least
   * loss is the loss at chance: zeros (chance for logits: ln K for cross-entropy, ln 2 for binary
   * cross-entropy; the mean of y² for MSE), and 1/K in each of K columns, ½ in one (chance for
   * probabilities: ln K, ln 2), since zeros as probabilities are the worst answer, which binary
   * cross-entropy clamps at 100, and a floor of 50 would have hidden a run saturated there (xor
   * at a learning rate of 1e9).
   *
   * @param output the model's output for the rows the reference was scored on
   * @return the constant outputs, zeros first
   */
  public static List<Tensor> chanceOutputs(Tensor output) {
    checkNotNull(output, "chance loss: output is null");
    int columns = output.rank() < 2 ? 1 : output.dim(output.rank() - 1);
    return List.of(Tensors.fullLike(output, 0),
        Tensors.fullLike(output, columns == 1 ? 0.5 : 1.0 / columns));
  }

  /**
   * The least of the losses of {@link #chanceOutputs}, leaving out NaN (an output a user's loss
   * refuses, or scores as NaN: the floor is a refinement the run can do without, not a reason to
   * stop it). The lesser, as a floor set too high would hide an explosion while one set too low
   * only leaves the reference to stand.
   *
   * @param losses the losses per sample of the constant outputs, NaN for one left out
   * @return the loss at chance, or NaN when every one is left out
   */
  public static double least(double... losses) {
    double least = Double.NaN;
    for (double scored : losses) {
      least = Double.isNaN(least) || scored < least ? scored : least;
    }
    return least;
  }

  /**
   * What the limits scale, in a divergence message's words: the floor named when it, not the
   * model, set the bar.
   *
   * @param reference the loss per sample of the model the run starts from
   * @param bar {@link #bar} of it
   * @param start how the reference is named, e.g. "the model's at the start of the run"
   * @return e.g. "the loss of a constant output at chance (1.10), which is above the model's at
   *     the start of the run (0.00100)"
   */
  public static String against(double reference, double bar, String start) {
    return bar > reference
        ? String.format(Locale.ROOT, "the loss of a constant output at chance (%.3g), which is"
            + " above %s (%.3g)", bar, start, reference)
        : String.format(Locale.ROOT, "%s (%.3g)", start, reference);
  }
}
