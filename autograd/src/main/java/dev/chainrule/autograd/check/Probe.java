package dev.chainrule.autograd.check;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Evaluates a function at inputs moved along a direction, without recording a graph. */
final class Probe {
  private final DifferentiableFunction f;
  private final List<Tensor> inputs;

  Probe(DifferentiableFunction f, List<Tensor> inputs) {
    this.f = f;
    this.inputs = List.copyOf(inputs);
  }

  Shape shape(int input) {
    return inputs.get(input).shape();
  }

  static Tensor evaluate(DifferentiableFunction f, List<Tensor> inputs) {
    List<Variable> constants = new ArrayList<>();
    for (Tensor x : inputs) {
      constants.add(Variable.constant(x));
    }
    try (var scope = Autograd.noGrad()) {
      return f.apply(constants).value();
    }
  }

  /** f with input {@code i} replaced by x + t·direction. */
  Tensor outputAt(int i, Tensor direction, double t) {
    List<Tensor> moved = new ArrayList<>(inputs);
    moved.set(i, inputs.get(i).add(direction.mul(t)));
    return evaluate(f, moved);
  }

  /** ⟨w, f(x + t·d)⟩. */
  private double weighted(int i, Tensor direction, Tensor weights, double t) {
    return outputAt(i, direction, t).mul(weights).sum().item();
  }

  /** Central difference of ⟨w, f⟩ along d: (s(h) − s(−h)) / 2h. */
  double directional(int i, Tensor direction, Tensor weights, double h) {
    return (weighted(i, direction, weights, h) - weighted(i, direction, weights, -h)) / (2 * h);
  }

  /**
   * Right slope minus left slope of ⟨w, f⟩ along d at step h: (s(h) − 2s(0) + s(−h)) / h. It
   * shrinks with h where f is smooth and stays put at a kink.
   */
  double slopeJump(int i, Tensor direction, Tensor weights, double h) {
    return (weighted(i, direction, weights, h) - 2 * weighted(i, direction, weights, 0)
        + weighted(i, direction, weights, -h)) / h;
  }
}
