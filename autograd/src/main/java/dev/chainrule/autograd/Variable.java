package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;
import static dev.chainrule.autograd.ArithmeticOps.WHERE;

import dev.chainrule.core.DType;
import dev.chainrule.core.DenseActivation;
import dev.chainrule.core.Recycling;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node of the computation graph: a {@link Tensor} value and, for values computed by an op, the
 * op and ordered inputs that produced it. Leaves created with {@link #parameter} require
 * gradients; {@link #backward()} fills their {@link #grad()}.
 *
 * <p>Every method that computes returns a new variable and records its ops when gradients are
 * wanted. Each is a row of the {@link OpTable}, and its Javadoc gives the row's formula: y is the
 * output, g = ∂L/∂y the gradient that reaches it, and ∂x = ∂L/∂x what the backward rule returns
 * for input x. "Computed as" names the composition of other rows that defines a composite op.
 *
 * <p>Threads: recording and backward passes are each thread's own (graphs built on several
 * threads from shared parameters may run backward at once), and a leaf's gradient is added to
 * under a lock, so such passes accumulate into one {@link #grad()} correctly. The rest is one
 * thread's at a time: reading a gradient while another thread's pass adds to it, or changing a
 * value in place ({@link #toInPlace}, an optimizer's step) or freezing a parameter ({@link
 * #requiresGrad(boolean)}) while another thread computes with it.
 * A module's forward in training mode is also one thread's at a time: a batch norm's running
 * statistics are read and written back unguarded, so concurrent training-mode forwards through
 * one lose updates (evaluation-mode forwards read them only, and may run at once). A gradient hook
 * ({@link #registerHook}) on a shared parameter runs on every thread that backpropagates through
 * it, concurrently, so a hook that keeps state must guard it; the lists of hooks are immutable and
 * replaced whole, so a pass never sees one half-changed: it runs the list as it read it.
 *
 * <p>This class holds a variable's value, its place in the graph and its gradient, with the
 * factories and the backward pass; its ops are declared by concern in the sealed interfaces it
 * implements, each in a file of its own: {@link VariableArithmetic}, {@link VariableFunctions}
 * (elementwise functions and activations), {@link VariableReductions}, {@link VariableShaping}
 * (reshaping, slicing, joining, indexing) and {@link VariableProducts} (matrix products, dense
 * layers, the fused losses, convolutions, pooling, normalization). Variable is their only
 * implementation.
 */
public final class Variable implements VariableArithmetic, VariableFunctions,
    VariableReductions, VariableShaping, VariableProducts {
  private Tensor value;
  /** Not final: a parameter's can be switched off and on again ({@link #requiresGrad(boolean)}). */
  private boolean requiresGrad;
  /** Whether {@link #parameter} made this leaf: one that may require a gradient, frozen or not. */
  private final boolean parameter;
  private final OpContext creator;
  private Tensor grad;
  /** Whether {@link #grad()} gave {@link #grad} away; a lent gradient stays this variable's. */
  private boolean gradGiven;
  private String name;
  private boolean retainsGrad;
  /**
   * Whether the value goes back for reuse once a backward pass frees the graph: a container's
   * promise that no one else reads it ({@link Gradients#releaseValueWithGraph}).
   */
  private boolean valueDiesWithGraph;
  /**
   * The engine's hash of this variable (see {@link GraphOrder}): a random number, drawn only for
   * variables the engine walks, as constants never enter its tables.
   */
  private final int hash;
  /**
   * This variable's gradient hooks, or null (the engine's only test when there are none).
   * Volatile: registered under the variable's lock, read by passes without it, on any thread.
   */
  private volatile GradientHooks gradientHooks;
  /**
   * The update backward applies to this parameter instead of keeping its gradient, or null;
   * set under the lock ({@link BackwardUpdates}), read without it, once per leaf per pass.
   */
  private volatile BackwardUpdate backwardUpdate;
  /**
   * When {@link #backwardUpdate} was registered, among all registrations ({@link
   * BackwardUpdates}): written before it, so a pass that reads the update sees this too.
   */
  private long backwardUpdateOrder;
  /**
   * Which value the variable holds: 0 for the one it was made with, a number never used before
   * each time another tensor replaces it ({@link #toInPlace}, {@link Autograd#withValues}). An
   * op records it beside each input's version, and its backward refuses an input whose value was
   * replaced since: the new tensor's version says nothing of the old one's (a fresh tensor is at
   * version 0 too), so without it a rule would read the new values and answer for them.
   */
  private long valueGeneration;
  private static final AtomicLong GENERATIONS = new AtomicLong();

  private Variable(Tensor value, boolean requiresGrad, OpContext creator) {
    this.value = checkNotNull(value, "Variable: value is null");
    this.requiresGrad = requiresGrad;
    this.parameter = requiresGrad && creator == null;
    this.creator = creator;
    this.hash = requiresGrad ? ThreadLocalRandom.current().nextInt() : 0;
  }

  /**
   * A value that never receives a gradient (data, targets, masks).
   *
   * @param value the value, used as it is
   * @return a leaf that needs no gradient
   */
  public static Variable constant(Tensor value) {
    return new Variable(value, false, null);
  }

  /**
   * A leaf that requires a gradient: a parameter to train or an input to differentiate by.
   *
   * @param value the value, used as it is
   * @return a leaf that accumulates a gradient
   */
  public static Variable parameter(Tensor value) {
    return new Variable(value, true, null);
  }

  /**
   * A named parameter; the name appears in errors, reports and graph drawings.
   *
   * @param value the value, used as it is
   * @param name the name reports and graphs show
   * @return a leaf that accumulates a gradient
   */
  public static Variable parameter(Tensor value, String name) {
    return parameter(value).named(name);
  }

  static Variable fromOp(Tensor value, OpContext creator) {
    return new Variable(value, true, creator);
  }

  // ---- graph and gradient ----

  /**
   * The value. Optimizers update it in place between steps, after backward; a graph that still
   * needs it for backward refuses to use it once it has changed (see {@link OpContext}).
   *
   * @return the value
   */
  public Tensor value() { return value; }

  /** Marks the value to go back for reuse after a backward pass that frees the graph. */
  void releaseValueWithGraph() {
    valueDiesWithGraph = true;
  }

  /**
   * Withdraws that promise: whoever walks the graph ({@link #inputs()}, {@link #opContext()}) may
   * keep the variables it finds and read them after the pass, and a pass that records its
   * gradients as a graph may keep values in it (a ReLU rule's gate reads the activation).
   */
  void keepValue() {
    valueDiesWithGraph = false;
  }

  /** After a backward pass that freed the graph: the value goes back for reuse if marked. */
  void handBackValueIfMarked() {
    if (valueDiesWithGraph) {
      valueDiesWithGraph = false;
      Recycling.recycleKept(value);
    }
  }

  /**
   * Changes this leaf's element type in place: its value and its gradient, if any, are replaced by
   * converted copies (a gradient has its variable's type), as PyTorch's {@code module.to(dtype)}
   * converts a parameter and its {@code .grad}. For {@code Module.to}; make the optimizer after
   * converting, as its state has the old type. Only a leaf can change: a computed variable is
   * part of a graph, where {@link #to(DType)} converts. A graph recorded through the leaf before
   * the change refuses to go back through a backward rule that reads the leaf's value (it would
   * read the converted values); a rule that does not read it ({@code exp}'s reads its output)
   * runs, and the leaf's gradient is the one at the recorded values, in the new type.
   *
   * @return this variable
   * @param dtype the element type
   */
  public synchronized Variable toInPlace(DType dtype) {
    checkNotNull(dtype, "toInPlace: dtype is null");
    checkState(creator == null, "toInPlace: %s was computed by '%s'; only a leaf (a parameter or"
        + " a constant) can change its type in place; in a graph use to(DType)", describe(),
        opName());
    if (value.dtype() != dtype) {
      value = value.to(dtype);
      valueGeneration = GENERATIONS.incrementAndGet();
      grad = grad == null ? null : grad.to(dtype);
      gradGiven = false; // the copy is this variable's own, whoever holds the old gradient
    }
    return this;
  }

  /**
   * Makes {@code newValue} this leaf's value under a generation never used before, so that a
   * rule of a graph recorded through the old value refuses to read this one; for {@link
   * Autograd#withValues}, which checks the value and calls {@link #restoreValue} after.
   */
  synchronized void swapValue(Tensor newValue) {
    value = newValue;
    valueGeneration = GENERATIONS.incrementAndGet();
  }

  /** Puts back a value and its generation as {@link #swapValue} found them. */
  synchronized void restoreValue(Tensor oldValue, long generation) {
    value = oldValue;
    valueGeneration = generation;
  }

  /** Which value this is: 0 for the first, another number after each replacement. */
  long valueGeneration() {
    return valueGeneration;
  }

  /** This variable as refusals name it: its name, or "the variable". */
  String describe() {
    return name != null ? "'" + name + "'" : "the variable";
  }

  /**
   * The value's shape.
   *
   * @return the shape
   */
  public Shape shape() { return value.shape(); }

  /**
   * The element type; gradients always have the type of the variable they belong to.
   *
   * @return the value's element type
   */
  public DType dtype() { return value.dtype(); }

  /**
   * The number of axes.
   *
   * @return the number of axes
   */
  public int rank() { return value.rank(); }

  /**
   * Number of elements, as {@link Tensor#size()}.
   *
   * @return the product of the dimensions: 1 for a scalar, 0 when an axis is empty
   */
  public int size() { return value.size(); }

  /**
   * Size of one axis (negative axes count from the end), as {@link Tensor#dim(int)}: PyTorch's
   * {@code x.size(0)}.
   *
   * @param axis the axis, in [−rank, rank); −1 is the last
   * @return its size
   * @throws IllegalArgumentException naming dim, the axis and the shape when it is out of range
   */
  public int dim(int axis) { return value.dim(axis); }

  /**
   * The only element of a one-element value.
   *
   * @return the value of a one-element variable
   */
  public double item() { return value.item(); }

  /**
   * Whether backward computes a gradient for this variable.
   *
   * @return true for parameters and for results computed from them while recording
   */
  public boolean requiresGrad() { return requiresGrad; }

  /**
   * Freezes this parameter ({@code false}) or makes it trainable again ({@code true}), PyTorch's
   * {@code requires_grad_(flag)}. A frozen parameter is a constant to the graphs recorded after
   * the switch and to every backward pass: none gives it a gradient, so an optimizer's step
   * leaves it and its state alone; it stays a parameter of its module, saved, loaded and
   * converted with it. Freezing forgets a gradient it holds, as {@link #zeroGrad()} does: kept,
   * it would move the parameter at the next step (PyTorch keeps it, and its step then uses it).
   *
   * <p>Switch between passes: the graph of a forward pass run while the parameter was frozen has
   * no path to it, so unfreezing it before that graph's backward gives it no gradient.
   *
   * @param flag whether backward computes a gradient for this parameter
   * @return this variable
   * @throws IllegalStateException for a variable computed by an op (use {@link #detach()} for a
   *     value that takes no part in differentiation) or a constant (make a parameter of its value
   *     with {@link #parameter(Tensor)})
   */
  public synchronized Variable requiresGrad(boolean flag) {
    checkState(creator == null, "requiresGrad: %s was computed by '%s'; only a parameter can be"
        + " frozen or unfrozen (for a value that takes no part in differentiation, use"
        + " detach())", describe(), opName());
    checkState(parameter, "requiresGrad: %s is a constant, which never requires a gradient;"
        + " make a parameter of its value with Variable.parameter(value)", describe());
    if (!flag) {
      zeroGrad();
    }
    requiresGrad = flag;
    return this;
  }

  /**
   * Whether {@link #parameter} made this leaf: a variable an optimizer may train and a module may
   * register, whether it requires a gradient now or is frozen ({@link #requiresGrad(boolean)}).
   *
   * @return true for parameters, frozen or not
   */
  public boolean isParameter() { return parameter; }

  /**
   * Whether this variable was created directly rather than computed by an op.
   *
   * @return true for parameters and constants
   */
  public boolean isLeaf() { return creator == null; }

  /**
   * The op that computed this variable, or {@code "leaf"}/{@code "constant"}.
   *
   * @return the op's name
   */
  public String opName() {
    return creator != null ? creator.op().name()
        : requiresGrad ? "leaf" : parameter ? "frozen leaf" : "constant";
  }

  /**
   * The label of this variable's op in graph drawings: its name, and what the node adds to it
   * ("linear + relu" for a Dense layer and its activation recorded as one node); as
   * {@link #opName()} for a leaf or a constant.
   *
   * @return the op's label
   */
  public String opLabel() {
    return creator != null ? creator.op().label() : opName();
  }

  /**
   * The inputs of the op that computed this variable, in order (empty for a leaf, or freed).
   *
   * @return the inputs of the op that computed this variable; empty for a leaf
   */
  public List<Variable> inputs() {
    if (creator == null) {
      return List.of();
    }
    List<Variable> inputs = creator.inputList();
    inputs.forEach(Variable::keepValue);
    return inputs;
  }

  /**
   * Whether a backward pass that did not retain the graph has freed the op that computed this
   * variable: its inputs are then forgotten ({@link #inputs()} is empty) and it cannot be
   * differentiated again.
   *
   * @return true once backward has released this variable's graph
   */
  public boolean isFreed() { return creator != null && creator.isReleased(); }
  OpContext creator() { return creator; }

  /**
   * The line of user code that computed this variable, when it was recorded under
   * {@link Autograd#recordCreationSites()} or {@link Autograd#detectAnomaly()}; empty for leaves.
   *
   * @return the line of user code that created this variable, when creation sites are recorded
   */
  public Optional<StackTraceElement> creationSite() {
    return creator == null ? Optional.empty() : creator.creationSite();
  }

  /**
   * The record of the op that computed this variable, as PyTorch's {@code grad_fn}: the op (which
   * can run its forward and its backward rule again at other values), its inputs, its output and
   * its saved values, and its creation site. Empty for a leaf. What {@code GradCheck.localize}
   * walks to check every node's rule.
   *
   * @return the op's context, or empty for a leaf
   */
  public Optional<OpContext> opContext() {
    if (creator != null) {
      creator.inputList().forEach(Variable::keepValue);
      creator.walked();
    }
    return Optional.ofNullable(creator);
  }

  /**
   * The name given with {@link #named}, or {@code null}.
   *
   * @return the name, or null
   */
  public String name() { return name; }

  /**
   * Sets a name for reports and drawings; returns this variable.
   *
   * @param newName the name reports and graphs show
   * @return this variable
   */
  public Variable named(String newName) {
    this.name = newName;
    return this;
  }

  /**
   * The accumulated gradient, or {@code null} before any backward pass reached this variable, and
   * for a variable computed by ops unless {@link #retainGrad()} asked for it. It is the caller's
   * to keep: {@link #zeroGrad} then forgets it, and later passes write into a new tensor. Before
   * {@code zeroGrad}, as in PyTorch 1.13, a later pass adds into a leaf's gradient in place (the
   * tensor returned changes), and into a retained non-leaf's out of place (the tensor returned
   * keeps its value; the next call returns the sum).
   *
   * @return the accumulated gradient, or null before any backward
   */
  public synchronized Tensor grad() {
    gradGiven = grad != null;
    return grad;
  }

  /**
   * The accumulated gradient, lent to a reader that keeps no reference to it past the next
   * {@link #zeroGrad}: an optimizer's update, a gradient norm, a statistic of the step. A lent
   * gradient stays this variable's, so {@code zeroGrad} hands its array to the next backward pass
   * instead of leaving the pass to allocate a new one (the first weight gradient of the
   * Fashion-MNIST MLP is 1.6 MB per step in float64). To keep a gradient, call {@link #grad()}: a
   * gradient anyone got from it is never reused. Borrow and zero on the same thread: the array goes
   * to the pool of the thread that calls {@code zeroGrad}, whose next kernels overwrite it.
   *
   * @return the accumulated gradient, or null before any backward; not to be kept
   */
  public synchronized Tensor borrowGrad() { return grad; }

  /**
   * Forgets the accumulated gradient. If no one got it from {@link #grad()}, its array goes back
   * for reuse (see {@link #borrowGrad()}).
   */
  public synchronized void zeroGrad() {
    if (!gradGiven) {
      Recycling.recycleKept(grad);
    }
    grad = null;
    gradGiven = false;
  }

  /**
   * Asks backward to keep this non-leaf's gradient in {@link #grad()} too. The kept gradient is
   * the one this variable's hooks return, whichever was asked first (PyTorch 2's rule; PyTorch
   * 1.13 kept the gradient from before the hooks when {@code retain_grad} came first).
   *
   * @return this variable
   * @throws IllegalStateException when this variable does not require a gradient: no pass would
   *     reach it, and its {@code grad()} would stay null without a word (PyTorch refuses too)
   */
  public Variable retainGrad() {
    checkState(requiresGrad, "retainGrad: %s (%s) does not require a gradient, so no backward"
        + " pass reaches it and grad() would stay null: %s", describe(), opName(), parameter
        ? "it is a frozen parameter; unfreeze it (requiresGrad(true)), and it keeps its gradient"
            + " without retainGrad, as every parameter does"
        : "it is a constant, or was computed from constants only or under Autograd.noGrad()");
    retainsGrad = true;
    return this;
  }

  /**
   * Registers a hook on the gradient that reaches this variable in each backward pass, PyTorch's
   * {@code Tensor.register_hook}: it runs once per pass, with every contribution summed, before
   * the gradient goes on into this variable's op's rule (or, for a parameter, into {@link
   * #grad()}), and what it returns goes on instead. Several hooks run in registration order, each
   * on the previous one's result. They run in {@link #backward()} and in {@link Gradients#of}
   * (whose result for this variable, when it is one of the inputs, is the hooks' result), and
   * under {@link Gradients.Options#creatingGraph()} their replacement is differentiated again.
   * A hook that throws fails the pass as a throwing rule does: no {@code grad()} changes.
   *
   * <pre>{@code
   * h.registerHook(Variable::neg);  // gradient reversal: layers below h climb the loss
   * }</pre>
   *
   * @param hook the function of the gradient; see {@link GradientHook} for what it may return
   * @return a handle whose {@code remove()} unregisters the hook
   * @throws IllegalStateException when this variable does not require a gradient
   */
  public HookHandle registerHook(GradientHook hook) {
    return GradientHooks.register(this, hook);
  }

  /**
   * Has every backward pass update this parameter as soon as its gradient is complete, instead of
   * adding the gradient into {@link #grad()}, which stays null: an optimizer's step taken inside
   * backward (see {@link BackwardUpdate}; an optimizer registers one per parameter with {@code
   * Optimizer.updateInBackward()}). {@link Gradients#of} passes, which return gradients rather
   * than keep them, do not update.
   *
   * @param update the update; one per parameter at a time
   * @return a handle whose {@code remove()} goes back to keeping gradients
   * @throws IllegalStateException when this variable is not a leaf that requires a gradient, has
   *     an update already, or holds a gradient (which no update would then read)
   */
  public HookHandle updateInBackward(BackwardUpdate update) {
    return BackwardUpdates.register(this, update);
  }

  /** The update registered with {@link #updateInBackward}, or null. */
  BackwardUpdate backwardUpdate() { return backwardUpdate; }

  /** When the update was registered, among all registrations: the order passes apply them in. */
  long backwardUpdateOrder() { return backwardUpdateOrder; }

  void setBackwardUpdate(BackwardUpdate update, long order) {
    backwardUpdateOrder = order;
    backwardUpdate = update;
  }

  /**
   * Whether an update in backward is registered on this parameter ({@link #updateInBackward}):
   * then backward updates it and keeps no gradient in {@link #grad()}.
   *
   * @return whether a backward pass updates this variable
   */
  public boolean hasUpdateInBackward() { return backwardUpdate != null; }

  /**
   * Whether gradient hooks are registered on this variable ({@link #registerHook}).
   *
   * @return whether a backward pass runs hooks on this variable's gradient
   */
  public boolean hasHooks() { return gradientHooks != null; }

  GradientHooks gradientHooks() { return gradientHooks; }

  void setGradientHooks(GradientHooks hooks) { gradientHooks = hooks; }

  int hash() { return hash; }

  boolean retainsGrad() { return retainsGrad || (creator == null && requiresGrad); }

  /**
   * Adds a backward pass's gradient into {@link #grad()}. The first one is kept as it is when
   * {@code owned} (a tensor the pass computed that nobody else holds), or copied: either way
   * {@code grad} is this variable's own tensor. Later passes add into a leaf's in place, and
   * replace a retained non-leaf's with the sum, as PyTorch 1.13 does.
   *
   * @return whether {@code increment} was added to an earlier gradient rather than kept
   */
  synchronized boolean accumulateGrad(Tensor increment, boolean owned) {
    if (grad != null) {
      if (creator == null) {
        grad.addInPlace(increment);  // the training path: no allocation per step
      } else {
        // PyTorch's retain_grad hook sums out of place (grad = grad + new), so a retained
        // gradient read earlier keeps its value; rare enough that the new tensor costs nothing.
        // Not recycled either: whoever read it through grad() or borrowGrad() may hold it.
        grad = grad.copy().addInPlace(increment);
        gradGiven = false;
      }
      return true;
    }
    grad = owned ? increment : increment.copy();
    gradGiven = false;
    return false;
  }

  /**
   * The same value, cut out of the graph: a constant.
   *
   * @return a constant with the same value, outside the graph
   */
  public Variable detach() { return constant(value); }

  /** Backpropagates from this scalar, adding ∂this/∂leaf into every reachable leaf's grad. */
  public void backward() { Gradients.backward(this, null, Gradients.Options.defaults()); }

  /**
   * Backpropagates {@code gradOutput} (the gradient of some loss with respect to this).
   *
   * @param gradOutput the gradient of the final result with respect to this variable, its shape
   */
  public void backward(Tensor gradOutput) {
    Gradients.backward(this, gradOutput, Gradients.Options.defaults());
  }

  /**
   * Backward with options; {@code gradOutput} may be {@code null} for a scalar.
   *
   * @param gradOutput the gradient of the final result with respect to this variable, its shape
   * @param options whether to keep the graph; {@code createGraph} is refused, since {@link
   *     #grad()} keeps a gradient's value only (for gradients to differentiate again, use {@link
   *     Gradients#of(List, List, List, Gradients.Options)})
   */
  public void backward(Tensor gradOutput, Gradients.Options options) {
    Gradients.backward(this, gradOutput, options);
  }

  // ---- the static ops, of operands all given explicitly: where, linear ----

  /**
   * Picks {@code a} where {@code mask} is non-zero, {@code b} elsewhere (all three broadcast):
   * y = a where mask ≠ 0, else b; ∂a = g where mask ≠ 0, ∂b = g elsewhere. The mask is data.
   *
   * @param mask where to pick {@code a} (non-zero) or {@code b} (zero); data, not differentiated
   * @param a the values picked where the mask is non-zero
   * @param b the values picked where the mask is zero
   * @return the result, recorded in the graph when gradients are wanted
   */
  public static Variable where(Tensor mask, Variable a, Variable b) {
    return WHERE.apply(checkNotNull(mask, "where: mask is null"), a, b);
  }

  /**
   * PyTorch's linear, one fused node: y = x·Wᵀ + b for rows x [n, in], W [out, in] (PyTorch's
   * layout), b [out]; ∂x = G·W, ∂W = Gᵀ·x, ∂b = Σ over rows of G. The bias may be {@code null}.
   * One sample [in] gives [out], and samples along several axes [..., in] give [..., out], their
   * leading axes taken as one batch axis, as PyTorch's linear takes them.
   *
   * @param x the input rows [n, in], one sample [in], or samples along several axes [..., in]
   * @param weight the weight [out, in]
   * @param bias the bias [out], or {@code null}
   * @return the result, recorded in the graph when gradients are wanted
   */
  public static Variable linear(Variable x, Variable weight, Variable bias) {
    return LinearOps.linear(x, weight, bias, null);
  }

  /**
   * PyTorch's linear and an activation, one node: y = x·Wᵀ + b for rows x [n, in], W [out, in]
   * (PyTorch's layout), b [out]; ∂x = G·W, ∂W = Gᵀ·x, ∂b = Σ over rows of G; with an activation f
   * (relu, tanh or σ), y = f(x·Wᵀ + b) and G is g·[y > 0] (g where y is NaN, as relu's),
   * g·(1 − y²) or g·y·(1 − y). The derivative is read from y, so the product before the
   * activation is not kept. The same values and gradients as {@code linear(x, weight,
   * bias).relu()} (or tanh, sigmoid), with one node fewer: what a {@code Sequential} records for a
   * Dense layer followed by one of these activations. Inputs of rank 1 or above 2 as {@link
   * #linear(Variable, Variable, Variable)}.
   *
   * @param x the input rows [n, in], one sample [in], or samples along several axes [..., in]
   * @param weight the weight [out, in]
   * @param bias the bias [out], or {@code null}
   * @param activation the activation applied to the product, or {@code null} for none (then this
   *     is {@link #linear(Variable, Variable, Variable)})
   * @return the result, recorded in the graph when gradients are wanted
   */
  public static Variable linear(Variable x, Variable weight, Variable bias,
      DenseActivation activation) {
    return LinearOps.linear(x, weight, bias, activation);
  }

  @Override
  public String toString() {
    String label = name != null ? name + " = " : "";
    return "Variable(" + label + opName() + ", " + value + ")";
  }
}
