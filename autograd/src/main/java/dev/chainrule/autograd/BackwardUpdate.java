package dev.chainrule.autograd;

import dev.chainrule.core.Tensor;

/**
 * A parameter's update taken by the backward pass as soon as the parameter's gradient is
 * complete, instead of the gradient being kept in {@link Variable#grad()} for a later step: an
 * optimizer's step moved into backward, as PyTorch's "optimizer in backward" does with {@code
 * register_post_accumulate_grad_hook}. The pass keeps no gradient for the parameter, and the
 * parameter's value has moved when {@link Variable#backward()} returns. Optimizers make these
 * ({@code Optimizer.updateInBackward()}); register one with {@link
 * Variable#updateInBackward(BackwardUpdate)}.
 *
 * <p>An update of the form θ ← β·θ + α·g (plain SGD: α = −η, β = 1 − ηλ) says so through {@link
 * #linearForm}. Where the parameter's gradient is a single matrix product (a dense layer's
 * weight that nothing else in the graph reads), the pass then computes the product straight into
 * θ ({@link Tensor#addMatmulInPlace}): no gradient tensor is written and the update makes no pass
 * of its own over θ. Elsewhere the gradient is summed as usual and handed to {@link #apply} once
 * every rule of the pass has run, the updates in the order they were registered (an optimizer's
 * in its parameters' order, as its step: two parameters on one tensor do not commute).
 *
 * <p>Each pass updates: running backward twice before a step updates twice. A pass that fails
 * part-way has updated the weights whose products it computed into (the gradient of a weight is
 * final once its layer's rule has run), as PyTorch's in-backward optimizers have.
 */
public interface BackwardUpdate {
  /**
   * Updates {@code parameter}'s value with its whole gradient of one pass.
   *
   * @param parameter the parameter the update is registered on
   * @param gradient its gradient, every contribution of the pass summed; lent for this call
   */
  void apply(Variable parameter, Tensor gradient);

  /**
   * The update as θ ← β·θ + α·g, when it has that form, asked just before a product would be
   * computed into θ; null (the default) when it has not, and then {@link #apply} gets the
   * gradient. An optimizer checks its settings here, before the first update of a pass.
   *
   * @param parameter the parameter the update is registered on
   * @return α and β, or null
   */
  default LinearForm linearForm(Variable parameter) {
    return null;
  }

  /**
   * Told that the pass computed {@code parameter}'s gradient product into it with {@link
   * #linearForm}'s factors: the update happened without a gradient tensor.
   *
   * @param parameter the parameter the update is registered on
   */
  default void appliedInProduct(Variable parameter) {}

  /**
   * The number of the backward pass running on this thread, for an update that does something
   * once a pass: an optimizer checks its settings before the first update of each pass, since
   * they may change between two passes of one step (gradient accumulation). Passes that keep
   * their gradients ({@link Variable#backward()}, and so every pass that updates) are numbered
   * from 1, no two alike in the process; a pass run inside another (by a hook) has its own, and
   * the outer's is back once it ends. The calls of {@link #linearForm}, {@link
   * #appliedInProduct} and {@link #apply} all come within their pass.
   *
   * @return the pass's number, or 0 outside a pass
   */
  static long currentPass() {
    return BackwardPass.current();
  }

  /**
   * θ ← β·θ + α·g.
   *
   * @param gradientFactor α, the factor of the gradient
   * @param valueFactor β, the factor of the parameter's value
   */
  record LinearForm(double gradientFactor, double valueFactor) {}
}
