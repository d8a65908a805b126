package dev.chainrule.autograd.check;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** Evaluates a function at inputs moved along a direction, without recording a graph. */
final class Probe {
  private final Function<List<Tensor>, Tensor> evaluator;
  private final List<Tensor> inputs;

  private Probe(Function<List<Tensor>, Tensor> evaluator, List<Tensor> inputs) {
    this.evaluator = evaluator;
    this.inputs = List.copyOf(inputs);
  }

  /** Probes a function of its inputs. */
  static Probe of(DifferentiableFunction f, List<Tensor> inputs) {
    return new Probe(values -> evaluate(f, values), inputs);
  }

  /**
   * Probes a function that reads the parameters itself, by setting their values in place for
   * each evaluation; {@link #restore()} puts the original values back.
   */
  static Probe ofParameters(Supplier<Variable> f, List<Variable> parameters) {
    List<Tensor> originals = parameters.stream().map(p -> p.value().copy()).toList();
    return new Probe(values -> {
      for (int i = 0; i < values.size(); i++) {
        parameters.get(i).value().assignInPlace(values.get(i));
      }
      try (var scope = Autograd.noGrad()) {
        return f.get().value();
      }
    }, originals);
  }

  /** Sets the parameters of {@link #ofParameters} back to the values they had. */
  void restore(List<Variable> parameters) {
    for (int i = 0; i < inputs.size(); i++) {
      parameters.get(i).value().assignInPlace(inputs.get(i));
    }
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
    return evaluator.apply(moved);
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
