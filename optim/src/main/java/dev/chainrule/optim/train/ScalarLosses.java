package dev.chainrule.optim.train;

import dev.chainrule.autograd.Reduction;
import dev.chainrule.nn.loss.Loss;

/**
 * What the training loop asks of a loss's {@link Loss#reduction()}: one number per batch, so a
 * loss that gives per-sample losses ({@link Reduction#NONE}) is refused where a loss enters (the
 * trainer's builder, a batch pass, an evaluation), and the loop's own arithmetic (a batch's mean
 * from its sum, an epoch's from its batches') knows MEAN and SUM only.
 */
final class ScalarLosses {
  private ScalarLosses() {}

  /**
   * Refuses a loss that does not reduce.
   *
   * @param op the refusing operation, as the message begins ({@code "trainer"})
   * @param need what needs one number, as the message says it ({@code "the trainer needs one
   *     number per batch"})
   * @throws IllegalArgumentException for a loss whose reduction is NONE
   */
  static void requireScalar(String op, String need, Loss loss) {
    if (loss.reduction() == Reduction.NONE) {
      throw new IllegalArgumentException(op + ": the loss " + loss + " gives per-sample losses"
          + " (Reduction.NONE); " + need + ": use MEAN or SUM, or"
          + " reduce them yourself in a Loss lambda");
    }
  }

  /**
   * Whether a batch's value is its mean per sample (MEAN) rather than its sum (SUM).
   *
   * @throws IllegalStateException for NONE, which every way in refuses first
   */
  static boolean averages(Loss loss) {
    return switch (loss.reduction()) {
      case MEAN -> true;
      case SUM -> false;
      case NONE -> throw new IllegalStateException("the loss " + loss + " is per sample (NONE),"
          + " which the loop refuses where a loss enters");
    };
  }
}
