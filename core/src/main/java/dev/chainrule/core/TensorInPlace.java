package dev.chainrule.core;

/**
 * The elementwise mutators of a tensor, part of {@link Tensor}'s API in a file of its own: for
 * optimizers and gradient buffers that own the tensor they change. Each bumps {@link
 * Tensor#version()}, as does the one other mutator, {@link Tensor#addMatmulInPlace} (with the
 * products). {@link Tensor} is the only implementation.
 */
public sealed interface TensorInPlace permits Tensor {
  /**
   * this += other, elementwise; bumps {@link Tensor#version()}.
   *
   * @param other the addend, of this tensor's shape (in-place updates do not broadcast), converted
   *     to this tensor's type
   * @return this tensor, changed
   * @throws IllegalArgumentException naming addInPlace and both shapes when they differ
   */
  default Tensor addInPlace(Tensor other) {
    Elementwise.axpy("addInPlace", self(), 1.0, other);
    self().markChanged();
    return self();
  }

  /**
   * this += α·x, elementwise (BLAS's axpy); bumps {@link Tensor#version()}. An optimizer's step θ ←
   * θ − η·g is {@code theta.axpyInPlace(-lr, grad)}.
   *
   * @param alpha α, the factor of {@code x}, taken in this tensor's type
   * @param x the tensor to add, of this tensor's shape (no broadcasting), converted to this
   *     tensor's type
   * @return this tensor, changed
   * @throws IllegalArgumentException naming axpyInPlace and both shapes when they differ
   */
  default Tensor axpyInPlace(double alpha, Tensor x) {
    Elementwise.axpy("axpyInPlace", self(), alpha, x);
    self().markChanged();
    return self();
  }

  /**
   * this *= factor, elementwise; bumps {@link Tensor#version()}.
   *
   * @param factor the factor, taken in this tensor's type
   * @return this tensor, changed
   */
  default Tensor scaleInPlace(double factor) {
    Elementwise.scale(self(), factor);
    self().markChanged();
    return self();
  }

  /**
   * Limits every element to {@code [min, max]} in place, as {@link TensorFunctions#clamp} does
   * into a new tensor (NaN stays NaN, a zero keeps its sign against the other zero as a bound);
   * bumps {@link Tensor#version()}. Gradient clipping by value runs it on each gradient, as
   * PyTorch's {@code clip_grad_value_} runs {@code clamp_}.
   *
   * @param min the lower bound, taken in this tensor's type
   * @param max the upper bound, taken in this tensor's type
   * @return this tensor, changed
   * @throws IllegalArgumentException naming clampInPlace and the bounds when either is NaN, or
   *     when min &gt; max
   */
  default Tensor clampInPlace(double min, double max) {
    Elementwise.clampInPlace(self(), min, max);
    self().markChanged();
    return self();
  }

  /**
   * Overwrites every element with the corresponding element of {@code source} (same shape); bumps
   * {@link Tensor#version()}.
   *
   * @param source the values to copy, of this tensor's shape, converted to this tensor's type
   * @return this tensor, changed
   * @throws IllegalArgumentException naming assignInPlace and both shapes when they differ
   */
  default Tensor assignInPlace(Tensor source) {
    Elementwise.assign(self(), source);
    self().markChanged();
    return self();
  }

  /** The tensor itself, this interface's only implementation. */
  private Tensor self() {
    return (Tensor) this;
  }
}
