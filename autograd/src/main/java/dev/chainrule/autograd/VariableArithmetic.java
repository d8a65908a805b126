package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkNotNull;
import static dev.chainrule.autograd.ArithmeticOps.ADD;
import static dev.chainrule.autograd.ArithmeticOps.DIV;
import static dev.chainrule.autograd.ArithmeticOps.GATE_POSITIVE;
import static dev.chainrule.autograd.ArithmeticOps.MAXIMUM;
import static dev.chainrule.autograd.ArithmeticOps.MUL;
import static dev.chainrule.autograd.ArithmeticOps.POW;
import static dev.chainrule.autograd.ArithmeticOps.scalar;

import dev.chainrule.core.Tensor;

/**
 * Arithmetic of graph variables, part of {@link Variable}'s API in a file of its own. Binary
 * operations broadcast as NumPy's do, and a Java {@code double} operand is a constant of the
 * variable's type. {@link Variable} is the only implementation.
 */
public sealed interface VariableArithmetic permits Variable {
  // ---- arithmetic: binary ops broadcast; a scalar argument is a constant of this type ----

  /**
   * y = a + b; ∂a = g, ∂b = g.
   *
   * @param other the other operand; the two broadcast
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable add(Variable other) { return ADD.apply(self(), other); }

  /**
   * x + c; see {@link Variable#add(Variable)}.
   *
   * @param c a constant, in this variable's type
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable add(double c) { return ADD.apply(self(), scalar(self(), c)); }

  /**
   * y = a − b, computed as a + (−b); ∂a = g, ∂b = −g.
   *
   * @param other the other operand; the two broadcast
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable sub(Variable other) { return ArithmeticOps.sub(self(), other); }

  /**
   * x − c; see {@link Variable#sub(Variable)}.
   *
   * @param c a constant, in this variable's type
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable sub(double c) { return add(-c); }

  /**
   * y = −x, computed as x·(−1); ∂x = −g.
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable neg() { return mul(-1); }

  /**
   * y = a·b; ∂a = g·b, ∂b = g·a.
   *
   * @param other the other operand; the two broadcast
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable mul(Variable other) { return MUL.apply(self(), other); }

  /**
   * x·c; see {@link Variable#mul(Variable)}.
   *
   * @param c a constant, in this variable's type
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable mul(double c) { return MUL.apply(self(), scalar(self(), c)); }

  /**
   * y = a / b; ∂a = g / b, ∂b = −g·((a / b) / b), from the inputs as PyTorch (a first-order pass
   * reads a / b from y, the same value). PyTorch's order: −(g·a) / b² would overflow or underflow
   * in g·a where the gradient does not. As the rule reads the inputs, a hook on y does not run
   * again in a second-order pass through this op.
   *
   * @param other the other operand; the two broadcast
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable div(Variable other) { return DIV.apply(self(), other); }

  /**
   * x / c; see {@link Variable#div(Variable)}.
   *
   * @param c a constant, in this variable's type
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable div(double c) { return DIV.apply(self(), scalar(self(), c)); }

  /**
   * y = aᵇ; ∂a = g·(b·aᵇ⁻¹), 0 where b = 0 and a⁻¹ is not finite (a = 0, subnormal or NaN);
   * ∂b = g·y·ln a (for a > 0), 0 where a = 0 and b ≥ 0. Both zeros are PyTorch's choices: a⁰ is
   * 1 near any a and, for b > 0, 0ᵇ is 0 near b, so they are the true derivatives where the
   * formulas would give 0·∞ or 0·(−∞) = NaN (a polynomial's constant term x⁰ at x = 0). The
   * exponent's derivative is computed only when the exponent needs a gradient, so a constant
   * exponent works for any base. The value is {@link dev.chainrule.core.Tensor#pow(Tensor)}'s,
   * C99's pow at signed zeros and infinities for every exponent: (−0.0)^0.5 = +0.0,
   * (−∞)^0.5 = +∞, (−∞)^−0.5 = +0.0, (−0.0)^−0.5 = +∞, where PyTorch 1.13's pow with a number
   * ±0.5 as the exponent takes sqrt or rsqrt and gives −0.0, NaN, NaN and −∞.
   *
   * @param exponent the exponent
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable pow(Variable exponent) { return POW.apply(self(), exponent); }

  /**
   * xᶜ; see {@link Variable#pow(Variable)}, whose values at signed zeros and infinities are C99's
   * at c = ±0.5 too (PyTorch 1.13's pow(x, 0.5) is a square root there).
   *
   * @param exponent the exponent
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable pow(double exponent) { return POW.apply(self(), scalar(self(), exponent)); }

  /**
   * y = max(a, b), NaN if either is; ∂a = g where a > b, ∂b = g where b > a, half each at a tie,
   * and g to both where either is NaN (as PyTorch). The subgradient at a tie is PyTorch's too.
   *
   * @param other the other operand; the two broadcast
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable maximum(Variable other) { return MAXIMUM.apply(self(), other); }

  /**
   * y = min(a, b), computed as −max(−a, −b), NaN if either is; ∂a = g where a is the smaller,
   * ∂b = g where b is, half each at a tie, and g to both where either is NaN (as PyTorch).
   *
   * @param other the other operand; the two broadcast
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable minimum(Variable other) { return ArithmeticOps.minimum(self(), other); }

  /**
   * This variable where {@code gate} is positive or NaN, 0 elsewhere: y = a where c > 0 or c is
   * NaN (c ≤ 0 is false), else 0 (c data, a's shape); ∂a = g there, else 0. ReLU's gradient in
   * one pass, PyTorch's threshold_backward.
   *
   * @param gate a tensor of this variable's shape; data, not differentiated
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable gatePositive(Tensor gate) {
    return GATE_POSITIVE.apply(checkNotNull(gate, "gatePositive: gate is null"), self());
  }

  /** The variable itself, this interface's only implementation. */
  private Variable self() {
    return (Variable) this;
  }
}
