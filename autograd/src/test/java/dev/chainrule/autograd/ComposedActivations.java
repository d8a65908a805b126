package dev.chainrule.autograd;

import static dev.chainrule.core.CompositeActivations.GELU_CUBIC;
import static dev.chainrule.core.CompositeActivations.SQRT_HALF;
import static dev.chainrule.core.CompositeActivations.SQRT_TWO_OVER_PI;

import dev.chainrule.core.Tensor;

/**
 * The compositions of rows that leaky ReLU, ELU and both GELUs were before each became one node
 * on one core kernel: the reference the fused ops are held to, values to the bit and gradients
 * (their rules being their primitives') to stated tolerances.
 */
final class ComposedActivations {
  private ComposedActivations() {}

  static Variable leakyRelu(Variable x, double alpha) {
    return Variable.where(x.value().gt(0), x, x.mul(alpha));
  }

  static Variable elu(Variable x, double alpha) {
    Variable negativePart = x.clamp(Double.NEGATIVE_INFINITY, 0).expm1().add(0.0).mul(alpha);
    return Variable.where(x.value().le(0), negativePart, x);
  }

  static Variable gelu(Variable x) {
    return x.mul(x.mul(-SQRT_HALF).erfc().mul(0.5));
  }

  static Variable geluTanh(Variable x) {
    Variable inner = x.add(x.pow(3).mul(GELU_CUBIC)).mul(SQRT_TWO_OVER_PI);
    return x.mul(inner.mul(2).sigmoid());
  }

  /** The same compositions of core's kernels on plain tensors. */
  static Tensor leakyRelu(Tensor x, double alpha) {
    return Tensor.where(x.gt(0), x, x.mul(alpha));
  }

  static Tensor elu(Tensor x, double alpha) {
    Tensor negativePart = x.clamp(Double.NEGATIVE_INFINITY, 0).expm1().add(0.0).mul(alpha);
    return Tensor.where(x.le(0), negativePart, x);
  }

  static Tensor gelu(Tensor x) {
    return x.mul(x.mul(-SQRT_HALF).erfc().mul(0.5));
  }

  static Tensor geluTanh(Tensor x) {
    Tensor inner = x.add(x.pow(3).mul(GELU_CUBIC)).mul(SQRT_TWO_OVER_PI);
    return x.mul(inner.mul(2).sigmoid());
  }
}
