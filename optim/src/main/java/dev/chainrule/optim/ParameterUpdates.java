package dev.chainrule.optim;

import static com.google.common.base.Strings.lenientFormat;

import dev.chainrule.autograd.BackwardUpdate;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.util.List;
import java.util.function.Supplier;

/**
 * How an {@link Optimizer} updates its parameters, in {@link Optimizer#step()} or in backward
 * ({@link BackwardSteps}): the step's checks before the first update of each step and of each
 * backward pass, one parameter's update through the optimizer's {@link Optimizer#update} rule
 * (with the index {@link Optimizer#parameterLearningRate()} and {@link
 * Optimizer#parameterWeightDecay(double)} read while it runs), and its linear form, when a product
 * may apply it. It holds the optimizer's rule and checks as references, as {@link ParameterStates}
 * holds its buffers' names, so that it depends on no optimizer.
 */
final class ParameterUpdates {
  /** {@link Optimizer#update}, the optimizer's rule for one parameter. */
  @FunctionalInterface
  interface Rule {
    void update(Tensor value, Tensor gradient, ParameterState state);
  }

  private static final long UNCHECKED = -1;

  /** The optimizer's kind, for messages. */
  private final String kind;
  private final List<Variable> parameters;
  private final ParameterStates states;
  private final Rule rule;
  /** {@link Optimizer#linearForm()}. */
  private final Supplier<BackwardUpdate.LinearForm> linearForm;
  /** {@link Optimizer#checkStep()}. */
  private final Runnable checkStep;
  /** The index of the parameter being updated, or -1 outside an update. */
  private int current = -1;
  /**
   * The backward pass whose updates the checks ran for ({@link BackwardUpdate#currentPass()}),
   * or {@link #UNCHECKED} when none updated since the last step. Checks are never kept across
   * passes: the settings and the parameters' types may change between two passes of one step.
   */
  private long checkedPass = UNCHECKED;

  /**
   * No parameter being updated, no pass checked yet; the references are first called by a step,
   * after the optimizer's constructors have run.
   */
  ParameterUpdates(String kind, List<Variable> parameters, ParameterStates states, Rule rule,
      Supplier<BackwardUpdate.LinearForm> linearForm, Runnable checkStep) {
    this.kind = kind;
    this.parameters = parameters;
    this.states = states;
    this.rule = rule;
    this.linearForm = linearForm;
    this.checkStep = checkStep;
  }

  /**
   * {@link Optimizer#step()}'s updates: one for every parameter that has a gradient, after the
   * checks; the optimizer counts the step.
   */
  void step() {
    // Stepping, the checks run before anything, each step. After passes that updated (updates
    // in backward), which ran them, only before a gradient that is left to apply: the settings
    // may have changed since those passes.
    boolean checkedNow = checkedPass == UNCHECKED;
    if (checkedNow) {
      runChecks();
    }
    for (int i = 0; i < parameters.size(); i++) {
      Tensor gradient = parameters.get(i).borrowGrad();
      if (gradient != null) {
        if (!checkedNow) {
          runChecks();
          checkedNow = true;
        }
        update(i, gradient);
      }
    }
    checkedPass = UNCHECKED;
  }

  /** Parameter {@code i}'s update from its gradient, in a step or in backward. */
  void update(int i, Tensor gradient) {
    Variable parameter = parameters.get(i);
    // The engine sums every gradient back to its input's shape; a mismatch is a bug there.
    // The message is built only then, not as a String per parameter per step.
    if (!gradient.shape().equals(parameter.shape())) {
      throw new IllegalStateException(lenientFormat("%s.step: %s has shape %s but its gradient"
          + " has shape %s", kind, ParameterList.label(i, parameter), parameter.shape(),
          gradient.shape()));
    }
    current = i;
    try {
      rule.update(parameter.value(), gradient, states.advance(i));
    } finally {
      current = -1;
    }
  }

  /**
   * Parameter {@code i}'s update as θ ← β·θ + α·g, or null; see {@link Optimizer#linearForm()}.
   * Null too for a float32 parameter whose β is not 1 (weight decay): its product would round β
   * to float32, whose values near 1 are 2⁻²⁴ (6e-8) apart, so 1 − ηλ moved by up to 3e-8 the
   * same way every step (at η = 1e-4, λ = 2e-4, the decay was lost entirely; at η = 1e-3, λ =
   * 1e-4, 19 % too strong), where the step folds λθ into the gradient and rounds once, as PyTorch
   * does. Such an update goes by {@link BackwardUpdate#apply}, which runs the step's own update;
   * one without decay (β = 1, exact) still goes into the product.
   */
  BackwardUpdate.LinearForm linearForm(int i) {
    current = i;
    BackwardUpdate.LinearForm form;
    try {
      form = linearForm.get();
    } finally {
      current = -1;
    }
    return form == null || form.valueFactor() == 1
        || parameters.get(i).value().dtype() == DType.FLOAT64 ? form : null;
  }

  /** {@link Optimizer#updatesLinearly()}: whether every parameter's update has a linear form. */
  boolean allLinear() {
    for (int i = 0; i < parameters.size(); i++) {
      if (linearForm(i) == null) {
        return false;
      }
    }
    return true;
  }

  /** Counts an update of parameter {@code i} that went into its gradient's product. */
  void countProductUpdate(int i) {
    states.advance(i);
  }

  /**
   * The checks before the first update of the backward pass running now, in each pass: two
   * passes before one {@link Optimizer#step()} (gradient accumulation) are checked apart, since a
   * rate set or a model converted between them would otherwise meet checks passed by the first.
   */
  void beginPass() {
    long pass = BackwardUpdate.currentPass();
    if (pass != checkedPass) {
      runChecks();
      checkedPass = pass;
    }
  }

  /**
   * The index of the parameter being updated, for {@code method}, one of the optimizer's
   * per-parameter lookups.
   *
   * @throws IllegalStateException when no parameter is being updated
   */
  int updating(String method) {
    if (current < 0) {
      // Inside a step this means another thread's step ended the parameter this one was
      // updating: the optimizer is not thread-safe, and the user should hear that, not this.
      throw new IllegalStateException(kind + "." + method + ": called outside update and"
          + " linearForm, where no parameter is being updated (or another thread stepped this"
          + " optimizer at the same time: an optimizer steps on one thread at a time)");
    }
    return current;
  }

  /** A step's checks, before any parameter or state changes. */
  private void runChecks() {
    try {
      checkStep.run();
    } catch (StepRefusedException e) {
      throw e;
    } catch (IllegalStateException e) {
      // A subclass's own refusal, in its words, as the type a training loop tells apart.
      throw new StepRefusedException(e.getMessage(), e);
    }
    states.checkTypes();
  }
}
