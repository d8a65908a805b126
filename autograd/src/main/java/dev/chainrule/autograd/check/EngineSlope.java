package dev.chainrule.autograd.check;

import dev.chainrule.core.Tensor;

/**
 * The engine's ⟨w, J·d⟩ for weights of one's choice: a backward pass of the recorded graph with
 * w, then the gradient of input {@code i} along d. The diagnosis asks it for weights of its own,
 * to compare the outputs without a kink at the point apart from those with one.
 */
@FunctionalInterface
interface EngineSlope {
  /**
   * The engine's gradient of ⟨weights, f⟩ with respect to input {@code input}: Jᵀ·weights.
   *
   * @param input the input
   * @param weights the weights of the outputs
   * @return Jᵀ·weights, shaped as the input
   */
  Tensor gradient(int input, Tensor weights);

  /**
   * The engine's slope of ⟨weights, f⟩ along {@code direction} of input {@code input}.
   *
   * @param input the input moved
   * @param direction the direction it moves in
   * @param weights the weights of the outputs
   * @return ⟨weights, J·direction⟩ as the engine computes it
   */
  default double along(int input, Tensor direction, Tensor weights) {
    return gradient(input, weights).mul(direction).sum().item();
  }
}
