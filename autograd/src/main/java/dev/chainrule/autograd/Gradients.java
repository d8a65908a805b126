package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Recycling;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Gradients of outputs with respect to chosen inputs, returned rather than accumulated into
 * {@code grad()}: the functional form of {@link Variable#backward()}, like
 * {@code torch.autograd.grad}. No variable's {@code grad()} changes, a {@link
 * Variable#retainGrad() retained} one's included (PyTorch 1.13 fills those). With {@link
 * Options#creatingGraph()} the returned gradients are themselves graph variables, so they can be
 * differentiated again (Hessian-vector products, gradient penalties).
 */
public final class Gradients {
  private Gradients() {}

  /**
   * How a backward pass treats its graph.
   *
   * @param retainGraph keep the saved values so the graph can be walked again
   * @param createGraph record the backward pass itself, for higher-order gradients (implies
   *     retainGraph); {@link Gradients#of} only: {@code Variable.backward} keeps values and
   *     refuses it
   * @param allowUnused give a zero gradient for an input the outputs do not depend on, instead of
   *     throwing; an input that requires no gradient (a constant) is refused all the same
   */
  public record Options(boolean retainGraph, boolean createGraph, boolean allowUnused) {
    /**
     * A recorded backward pass reads the graph again later: {@code retainGraph} follows.
     *
     * @param retainGraph keep the saved values so the graph can be walked again
     * @param createGraph record the backward pass itself; sets {@code retainGraph} too
     * @param allowUnused give a zero gradient for an input the outputs do not depend on (never
     *     for one that requires no gradient)
     */
    public Options {
      retainGraph |= createGraph;
    }

    /**
     * Options that free the graph and record nothing.
     *
     * @return the default options
     */
    public static Options defaults() {
      return new Options(false, false, false);
    }

    /**
     * Options that keep the graph for another backward.
     *
     * @return options that keep the graph for another backward
     */
    public static Options retainingGraph() {
      return defaults().withRetainGraph();
    }

    /**
     * Options that record the gradients as a graph, for higher derivatives.
     *
     * @return options that record the gradients as a graph
     */
    public static Options creatingGraph() {
      return defaults().withCreateGraph();
    }

    /**
     * The options, keeping the graph for another backward.
     *
     * @return a copy with this setting
     */
    public Options withRetainGraph() {
      return new Options(true, createGraph, allowUnused);
    }

    /**
     * The options, recording the gradients as a graph.
     *
     * @return a copy with this setting
     */
    public Options withCreateGraph() {
      return new Options(true, true, allowUnused);
    }

    /**
     * The options, allowing inputs the outputs do not depend on: their gradient is zeros of their
     * shape (PyTorch's {@code allow_unused} gives {@code None}; zeros can be added and stepped
     * on without a check), a constant even under {@code createGraph}, which nothing is
     * differentiated through, as nothing is through {@code None}. An input that requires no
     * gradient (a {@link Variable#constant}, a {@link Variable#detach()}ed value, one computed
     * under {@link Autograd#noGrad()}) is still refused, as PyTorch refuses it: nothing was
     * recorded from it, so its zeros would not be the derivative but a forgotten {@link
     * Variable#parameter}, and a gradient penalty built on them would be a constant that trains
     * nothing.
     *
     * @return a copy with this setting
     */
    public Options withAllowUnused() {
      return new Options(retainGraph, createGraph, true);
    }
  }

  /**
   * ∂output/∂input for a scalar output, one gradient per input.
   *
   * @param output the variable to differentiate
   * @param inputs the variables to differentiate with respect to
   * @return the gradient of each input, in order
   * @throws NullPointerException if the output, the inputs array or an input is null
   * @throws IllegalArgumentException as {@link #of(List, List, List, Options)} does
   */
  public static List<Variable> of(Variable output, Variable... inputs) {
    checkNotNull(output, "gradients: output is null");
    checkNotNull(inputs, "gradients: inputs are null");
    // Arrays.asList, not List.of: List.of throws a bare NullPointerException on a null input,
    // where the check in of(List, ...) names it.
    return of(List.of(output), Arrays.asList(inputs), null, Options.defaults(),
        "the output", "(Gradients.of(output, inputs, cotangent))");
  }

  /**
   * ⟨cotangent, ∂output/∂input⟩ for each input: the vector-Jacobian product of an output of any
   * shape, the cotangent having the output's shape (the gradient of some loss with respect to
   * the output).
   *
   * @param output the output, of any shape
   * @param inputs the variables to differentiate by
   * @param cotangent ∂L/∂output, of the output's shape
   * @return one gradient per input, in order
   * @throws NullPointerException if an argument or an input is null
   * @throws IllegalArgumentException as {@link #of(List, List, List, Options)} does
   */
  public static List<Variable> of(Variable output, List<Variable> inputs, Tensor cotangent) {
    checkNotNull(output, "gradients: output is null");
    checkNotNull(cotangent, "gradients: cotangent is null");
    return of(List.of(output), inputs, List.of(Variable.constant(cotangent)), Options.defaults());
  }

  /**
   * Σₖ ⟨gradOutputₖ, ∂outputₖ/∂input⟩ for each input. {@code gradOutputs} may be {@code null} when
   * every output is a scalar (each then gets 1); a gradient output may itself require a gradient.
   * Only the rules between the outputs and the inputs run (and, without a retained graph, are
   * freed): the gradient of an intermediate variable leaves the graph below it whole, so a
   * second backward from there (two-stage backpropagation) still works. A pass that meets a node
   * an earlier one freed refuses to go on (the node lost the links that would tell whether an
   * input lies below it), unless that node's output is the only input asked for.
   *
   * @param outputs the variables to differentiate
   * @param inputs the variables to differentiate with respect to
   * @param gradOutputs the gradient of each output, or null for ones (scalar outputs)
   * @param options whether to keep the graph and to record the gradients as a graph
   * @return the gradient of each input, in order
   * @throws NullPointerException if a list, the options, an output or an input is null
   * @throws IllegalArgumentException if there are no outputs or no inputs, an output or an input
   *     needs no gradient (whatever the options), the gradient outputs do not match the outputs,
   *     or an input is unused without allowUnused
   */
  public static List<Variable> of(List<Variable> outputs, List<Variable> inputs,
      List<Variable> gradOutputs, Options options) {
    return of(outputs, inputs, gradOutputs, options, null, "in gradOutputs");
  }

  /**
   * The gradients, a non-scalar output without a gradient refused in the words of the method the
   * caller used: {@code output} names it (null for "output i" of a list), {@code howToSeed} says
   * how that method takes its gradient.
   */
  private static List<Variable> of(List<Variable> outputs, List<Variable> inputs,
      List<Variable> gradOutputs, Options options, String output, String howToSeed) {
    checkNotNull(inputs, "gradients: inputs are null");
    checkNotNull(options, "gradients: options are null");
    // No inputs answered an empty list: the gradients of nothing, which hides a list that came
    // out empty by mistake (a model's parameters() before its layers were registered). PyTorch
    // 1.13's autograd.grad refuses too ("grad requires non-empty inputs").
    checkArgument(!inputs.isEmpty(), "gradients: no inputs given: list the variables to"
        + " differentiate by");
    // Before the backward pass, which may free the graph the caller would retry with.
    for (int i = 0; i < inputs.size(); i++) {
      Variable input = checkNotNull(inputs.get(i), "gradients: input %s is null", i);
      // Refused even under allowUnused, as PyTorch refuses it ("One of the differentiated Tensors
      // does not require grad"): nothing computed from a constant records it, so its zeros are
      // not a derivative but a forgotten parameter, and a gradient penalty built on them came
      // out as the constant 1 and trained the critic without it.
      checkArgument(input.requiresGrad(), "gradients: input %s (%s, shape %s) requires no"
          + " gradient, so nothing computed from it was recorded: %s and compute the outputs"
          + " from it, outside Autograd.noGrad(); Options.withAllowUnused() does not apply, as"
          + " its zeros would not be the derivative",
          i, Seeds.describe(input), input.shape(), input.isParameter()
              ? "it is frozen; unfreeze it (requiresGrad(true))"
              : "make it with Variable.parameter(tensor) (from a computed variable v,"
                  + " Variable.parameter(v.value()), not v.detach())");
    }
    List<Variable> seeds = Seeds.of("gradients", outputs, gradOutputs, output, howToSeed);
    Set<Variable> wanted = IdentityMap.newSet();
    wanted.addAll(inputs);
    Variable soleWanted = wanted.size() == 1 ? inputs.get(0) : null;
    Engine.Result result = Engine.run(outputs, seeds, options.retainGraph(),
        options.createGraph(), wanted::contains, true, soleWanted, false);
    List<Variable> grads = new ArrayList<>(inputs.size());
    boolean[] unused = new boolean[inputs.size()];
    boolean anomaly = Autograd.isAnomalyDetectionEnabled();
    for (int i = 0; i < inputs.size(); i++) {
      Variable input = inputs.get(i);
      Variable grad = result.gradientOf(input);
      if (anomaly && grad != null) {
        AnomalyCheck.kept(input, grad, null);
      }
      if (grad == null) {
        checkArgument(options.allowUnused(), "gradients: input %s (%s, shape %s) is not used to"
            + " compute the outputs; pass Options.withAllowUnused() to get zeros for it", i,
            Seeds.describe(input), input.shape());
        grad = Variable.constant(Tensors.zerosLike(input.value()));
        unused[i] = true;
      }
      grads.add(grad);
    }
    if (!options.createGraph()) {
      return grads;
    }
    // A derivative the graph does not connect to its input (relu²'s second, or a ReLU network's
    // gradient by its input, which the masks leave a function of the weights alone) is still a
    // function of the input, with a next derivative of zero: linked to the input it can be
    // differentiated again, as PyTorch's keeps its grad_fn. Not an unused input's zeros, which
    // stay a constant, as PyTorch's None: linked, a pass through them went on into the input's
    // own history with zero gradients, where sqrt at 0 made 0·∞ = NaN of a zero term and a
    // hook returning g + c added c, both in gradients PyTorch leaves untouched.
    List<Variable> linked = new ArrayList<>(DerivativeLinks.linked(inputs, grads));
    for (int i = 0; i < unused.length; i++) {
      if (unused[i]) {
        linked.set(i, grads.get(i));
      }
    }
    return linked;
  }

  /**
   * {@code output.backward()} for the owner of a training step, who has no further use for the
   * step's forward values: after the pass, the arrays of the values the graph's ops computed
   * ({@code output}'s included) that were born while {@code scope} was open go back for reuse
   * (see {@link Recycling}), so that the next step's forward writes into arrays the cache has
   * seen rather than fresh ones, as PyTorch's allocator reuses a freed activation. The caller
   * promises that nothing reads those values again: not its model, not its loss, not a variable
   * it kept. A trainer can promise it for a model and loss that keep nothing of their forward
   * pass.
   *
   * @param output the scalar to backpropagate from
   * @param scope the scope the step's forward ran in, still open
   */
  public static void backwardReleasingValues(Variable output, Recycling.Scope scope) {
    // List.of below refuses a null without a message: the output is checked here, by name.
    checkNotNull(output, "backward: output is null");
    checkNotNull(scope, "backward: recycling scope is null");
    BackwardPass.run(output, null, Options.defaults(), scope);
  }

  /**
   * A container's promise that nothing but the graph reads {@code value}: an activation it
   * computed in its forward pass and returns to no one (a hidden layer's output inside a {@code
   * Sequential} whose layers keep nothing). Once a {@link Variable#backward() backward} pass that
   * frees the graph has gone through it, its array goes back for reuse (see {@link Recycling}),
   * as PyTorch's allocator reuses a freed activation; whoever still read it would see another
   * value's numbers, so only an owner that knows every holder may promise it. Only a value that
   * an op computed while {@code scope} was open qualifies: a parameter, an input or an earlier
   * value never does. Walking the graph withdraws the promise: a variable reached through
   * {@link Variable#inputs()} or {@link Variable#opContext()} keeps its value, since whoever
   * walked there may read it after the pass, and so does every value of a graph that a pass
   * recording its gradients ({@link Options#creatingGraph()}) went through, since the recorded
   * gradients may hold it (ReLU's rule gates by its output).
   *
   * @param value an activation no one else holds
   * @param scope the scope the container's forward pass runs in, still open
   * @return whether the value was marked
   */
  public static boolean releaseValueWithGraph(Variable value, Recycling.Scope scope) {
    checkNotNull(value, "releaseValueWithGraph: value is null");
    checkNotNull(scope, "releaseValueWithGraph: recycling scope is null");
    if (value.creator() == null || !scope.owns(value.value())) {
      return false;
    }
    value.releaseValueWithGraph();
    return true;
  }

  static void backward(Variable output, Tensor gradOutput, Options options) {
    BackwardPass.run(output, gradOutput, options, null);
  }
}
