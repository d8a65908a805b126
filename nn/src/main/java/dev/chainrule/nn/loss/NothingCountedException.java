package dev.chainrule.nn.loss;

/**
 * A mean loss's refusal of a batch that holds no row to count: every target the ignore index, or
 * of classes weighing 0, so that the mean would divide by 0 (PyTorch's gives 0/0 = NaN). A type
 * of its own so that a training loop can tell this refusal of the batch's data from the loss's
 * other refusals and report it with its place in the run; {@code Trainer} stops there as on a
 * divergence.
 *
 * <p>An {@link IllegalArgumentException}, as the losses' other refusals of their inputs are.
 */
public final class NothingCountedException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * A refusal with this message.
   *
   * @param message what counts nothing, and the ways out
   */
  NothingCountedException(String message) {
    super(message);
  }
}
