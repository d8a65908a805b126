package dev.chainrule.autograd.functional;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.DisconnectedGradientException;
import dev.chainrule.autograd.Gradients;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.DifferentiableFunction;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A function recorded once on fresh leaves that hold copies of the input values, and the gradients
 * of its graph, which stays retained for as many passes as the caller makes. Recording is on for
 * the whole of it, whatever the caller's scope, so that gradients built with {@code createGraph}
 * and the products of them are graphs too.
 */
final class Recorded {
  private final String op;
  private final List<Variable> leaves;
  private final Variable output;
  /** Whether a pass has recorded the backward rules, which later passes differentiate. */
  private boolean rulesRecorded;

  private Recorded(String op, List<Variable> leaves, Variable output) {
    this.op = op;
    this.leaves = leaves;
    this.output = output;
  }

  static Recorded of(String op, DifferentiableFunction f, List<Tensor> inputs) {
    checkNotNull(f, "%s: function is null", op);
    checkNotNull(inputs, "%s: inputs are null", op);
    // With none, the function's own inputs.get(0) threw a raw IndexOutOfBoundsException, or one
    // that read no input got an empty list of derivatives back (PyTorch 1.13: IndexError).
    checkArgument(!inputs.isEmpty(), "%s: no inputs given: the derivatives are taken by the"
        + " inputs, so there must be at least one", op);
    // Copies: a function that changes its input in place (x.value().scaleInPlace(2)) changed the
    // caller's tensor, and its derivatives came out at the changed values without a word.
    List<Variable> leaves = new ArrayList<>();
    int[] versions = new int[inputs.size()];
    for (int i = 0; i < inputs.size(); i++) {
      Tensor copy = checkNotNull(inputs.get(i), "%s: input %s is null", op, i).copy();
      versions[i] = copy.version();
      leaves.add(Variable.parameter(copy));
    }
    Variable output;
    try (var scope = Autograd.enableGrad()) {
      output = f.apply(List.copyOf(leaves));
    }
    checkNotNull(output, "%s: the function returned null", op);
    for (int i = 0; i < versions.length; i++) {
      checkArgument(leaves.get(i).value().version() == versions[i], "%s: the function changed"
          + " input %s (%s) in place; the derivatives are taken at the values given, so compute"
          + " on a copy of the input instead (as PyTorch refuses an in-place change to a leaf"
          + " that requires a gradient)", op, i, leaves.get(i).shape());
    }
    return new Recorded(op, leaves, output);
  }

  /**
   * {@code f}, which reads {@code parameters} itself (a model's loss), recorded once at their
   * current values: the parameters are the leaves its derivatives are taken by. Each must
   * require a gradient: a constant's derivatives would come out as zeros, which the functions
   * give an input the output does not use, and hide the mistake.
   */
  static Recorded ofParameters(String op, Supplier<Variable> f, List<Variable> parameters) {
    checkNotNull(f, "%s: function is null", op);
    checkNotNull(parameters, "%s: parameters are null", op);
    checkArgument(!parameters.isEmpty(), "%s: no parameters given", op);
    for (int i = 0; i < parameters.size(); i++) {
      Variable p = checkNotNull(parameters.get(i), "%s: parameter %s is null", op, i);
      checkArgument(p.requiresGrad(), "%s: parameter %s (%s, shape %s) requires no gradient"
          + " (%s): list the variables that do", op, i,
          p.name() == null ? p.opName() : "'" + p.name() + "'", p.shape(),
          p.isParameter() ? "frozen with requiresGrad(false)" : "a constant");
    }
    Variable output;
    try (var scope = Autograd.enableGrad()) {
      output = f.get();
    }
    checkNotNull(output, "%s: the function returned null", op);
    return new Recorded(op, List.copyOf(parameters), output);
  }

  String op() {
    return op;
  }

  Variable output() {
    return output;
  }

  /** This function, which must have one output element. */
  Recorded scalar() {
    checkArgument(output.value().size() == 1, "%s: the function must return one element, not"
        + " shape %s", op, output.shape());
    return this;
  }

  /** ⟨seed, ∂f/∂xᵢ⟩ per input (seed null: f is a scalar), a graph itself when asked. */
  List<Variable> gradients(Variable seed, boolean createGraph) {
    return differentiate(output, seed, createGraph);
  }

  /** ⟨seed, ∂y/∂xᵢ⟩ per input for a y of this graph, the graph retained. */
  List<Variable> differentiate(Variable y, Tensor seed) {
    return differentiate(y, seed == null ? null : Variable.constant(seed), false);
  }

  private List<Variable> differentiate(Variable y, Variable given, boolean createGraph) {
    if (!y.requiresGrad()) {
      return leaves.stream().map(x -> Variable.constant(Tensors.zerosLike(x.value()))).toList();
    }
    // A scalar's seed, 1, is a recorded variable when the pass records a graph, rather than the
    // constant the engine would make: a user's rule given a constant gradient is not checked for
    // cutting it off the graph (nothing recorded could depend on it), and the Hessian through
    // it would silently miss the term through the cut; given a recorded one, such a rule is
    // refused by name.
    Variable seed = given != null || !createGraph ? given
        : Variable.parameter(Tensors.onesLike(y.value()));
    Gradients.Options options = (createGraph ? Gradients.Options.creatingGraph()
        : Gradients.Options.retainingGraph()).withAllowUnused();
    Supplier<List<Variable>> pass = () -> {
      try (var scope = Autograd.enableGrad()) {
        return Gradients.of(List.of(y), leaves, seed == null ? null : List.of(seed), options);
      }
    };
    if (!createGraph && !rulesRecorded) {
      return pass.get();
    }
    List<Variable> gradients = throughRules(op, pass);
    rulesRecorded = true;
    return gradients;
  }

  /**
   * {@code pass}, which records the backward rules or differentiates them: its error (a rule that
   * cannot be differentiated, say) names {@code op} as the one that differentiates them.
   */
  static <T> T throughRules(String op, Supplier<T> pass) {
    try {
      return pass.get();
    } catch (DisconnectedGradientException e) {
      throw e.inContext(op + ": differentiates the backward rules, and ");
    } catch (IllegalStateException e) {
      throw new IllegalStateException(op + ": differentiates the backward rules, and " + e
          .getMessage(), e);
    }
  }
}
