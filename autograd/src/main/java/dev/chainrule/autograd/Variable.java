package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;
import static dev.chainrule.autograd.ArithmeticOps.ADD;
import static dev.chainrule.autograd.ArithmeticOps.DIV;
import static dev.chainrule.autograd.ArithmeticOps.GATE_POSITIVE;
import static dev.chainrule.autograd.ArithmeticOps.MAXIMUM;
import static dev.chainrule.autograd.ArithmeticOps.MUL;
import static dev.chainrule.autograd.ArithmeticOps.POW;
import static dev.chainrule.autograd.ArithmeticOps.WHERE;
import static dev.chainrule.autograd.ConvolutionOps.CONV2D_WEIGHT_GRAD;
import static dev.chainrule.autograd.ConvolutionOps.CONV_TRANSPOSE_2D;
import static dev.chainrule.autograd.ConvolutionOps.MAX_POOL_2D;
import static dev.chainrule.autograd.IndexOps.GATHER;
import static dev.chainrule.autograd.IndexOps.INDEX_ADD;
import static dev.chainrule.autograd.IndexOps.SCATTER_ADD;
import static dev.chainrule.autograd.IndexOps.TAKE;
import static dev.chainrule.autograd.LayoutOps.BROADCAST_TO;
import static dev.chainrule.autograd.LayoutOps.CONCAT;
import static dev.chainrule.autograd.LayoutOps.PERMUTE;
import static dev.chainrule.autograd.LayoutOps.RESHAPE;
import static dev.chainrule.autograd.LayoutOps.SLICE;
import static dev.chainrule.autograd.LayoutOps.SQUEEZE;
import static dev.chainrule.autograd.LayoutOps.SUM_TO;
import static dev.chainrule.autograd.LayoutOps.TO;
import static dev.chainrule.autograd.LayoutOps.UNSQUEEZE;
import static dev.chainrule.autograd.MathOps.ABS;
import static dev.chainrule.autograd.MathOps.CLAMP;
import static dev.chainrule.autograd.MathOps.ERF;
import static dev.chainrule.autograd.MathOps.ERFC;
import static dev.chainrule.autograd.MathOps.EXP;
import static dev.chainrule.autograd.MathOps.LOG;
import static dev.chainrule.autograd.MathOps.EXPM1;
import static dev.chainrule.autograd.MathOps.LOG1P;
import static dev.chainrule.autograd.MathOps.RELU;
import static dev.chainrule.autograd.MathOps.SIGMOID;
import static dev.chainrule.autograd.MathOps.SIGMOID_BACKWARD;
import static dev.chainrule.autograd.MathOps.SIGN;
import static dev.chainrule.autograd.MathOps.SOFTPLUS;
import static dev.chainrule.autograd.MathOps.SQRT;
import static dev.chainrule.autograd.MathOps.STEP;
import static dev.chainrule.autograd.MathOps.TANH;
import static dev.chainrule.autograd.MathOps.TANH_BACKWARD;
import static dev.chainrule.autograd.ReductionOps.LOG_SUM_EXP;
import static dev.chainrule.autograd.ReductionOps.MAX;
import static dev.chainrule.autograd.ReductionOps.SUM;
import static dev.chainrule.autograd.SoftmaxOps.LOG_SOFTMAX;
import static dev.chainrule.autograd.SoftmaxOps.SOFTMAX;

import dev.chainrule.autograd.ConvolutionOps.Kernel;
import dev.chainrule.autograd.ConvolutionOps.Transposed;
import dev.chainrule.autograd.IndexOps.Indexed;
import dev.chainrule.autograd.LayoutOps.Dims;
import dev.chainrule.autograd.LayoutOps.Range;
import dev.chainrule.autograd.MathOps.Bounds;
import dev.chainrule.autograd.ReductionOps.Axes;
import dev.chainrule.core.Conv2dOptions;
import dev.chainrule.core.DType;
import dev.chainrule.core.DenseActivation;
import dev.chainrule.core.Pool2dOptions;
import dev.chainrule.core.Recycling;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Transpose;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

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
 * value in place ({@link #toInPlace}, an optimizer's step) while another thread computes with it.
 * A gradient hook ({@link #registerHook}) on a shared parameter runs on every thread that
 * backpropagates through it, concurrently, so a hook that keeps state must guard it; the lists of
 * hooks are immutable and replaced whole, so a pass never sees one half-changed: it runs the list
 * as it read it.
 */
public final class Variable {
  private Tensor value;
  private final boolean requiresGrad;
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
   * read without the lock, once per leaf per pass.
   */
  private volatile BackwardUpdate backwardUpdate;
  /**
   * How many variables hold a {@link BackwardUpdate} now, in any thread: while none does, a pass
   * skips its search for parameters whose update may go inside a product.
   */
  private static final AtomicInteger BACKWARD_UPDATES = new AtomicInteger();

  private Variable(Tensor value, boolean requiresGrad, OpContext creator) {
    this.value = checkNotNull(value, "Variable: value is null");
    this.requiresGrad = requiresGrad;
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
   * @param name the name reports and graphs show
   * @param value the value, used as it is
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
   * part of a graph, where {@link #to(DType)} converts.
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
      grad = grad == null ? null : grad.to(dtype);
      gradGiven = false; // the copy is this variable's own, whoever holds the old gradient
    }
    return this;
  }

  private String describe() {
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
    return creator != null ? creator.op().name() : requiresGrad ? "leaf" : "constant";
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
   * for a variable computed by ops unless {@link #retainGrad()} asked for it. It
   * is the caller's to keep: {@link #zeroGrad} then forgets it, and later passes write into a new
   * tensor (a pass that runs before {@code zeroGrad} adds into this one, as in PyTorch).
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
        + " pass reaches it and grad() would stay null: it is a constant, or was computed from"
        + " constants only or under Autograd.noGrad()", describe(), opName());
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
    checkNotNull(update, "updateInBackward: update is null");
    synchronized (this) {
      checkState(creator == null && requiresGrad, "updateInBackward: %s is not a parameter (a"
          + " leaf that requires a gradient); only a parameter is updated", opName());
      checkState(backwardUpdate == null, "updateInBackward: %s has an update in backward already;"
          + " remove it first (a second would update the parameter twice a pass)", describe() + " "
          + shape());
      checkState(grad == null, "updateInBackward: %s holds a gradient of an earlier pass, which"
          + " the update would never read; zero it first (zeroGrad)", describe() + " " + shape());
      backwardUpdate = update;
      BACKWARD_UPDATES.incrementAndGet();
    }
    return () -> {
      synchronized (this) {
        if (backwardUpdate == update) {
          backwardUpdate = null;
          BACKWARD_UPDATES.decrementAndGet();
        }
      }
    };
  }

  /** The update registered with {@link #updateInBackward}, or null. */
  BackwardUpdate backwardUpdate() { return backwardUpdate; }

  /**
   * Whether an update in backward is registered on this parameter ({@link #updateInBackward}):
   * then backward updates it and keeps no gradient in {@link #grad()}.
   *
   * @return whether a backward pass updates this variable
   */
  public boolean hasUpdateInBackward() { return backwardUpdate != null; }

  /** Whether any variable holds a {@link BackwardUpdate} now. */
  static boolean anyBackwardUpdates() { return BACKWARD_UPDATES.get() > 0; }

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
   * {@code grad} is this variable's own tensor, which later passes add into in place.
   *
   * @return whether {@code increment} was added into an earlier gradient rather than kept
   */
  synchronized boolean accumulateGrad(Tensor increment, boolean owned) {
    if (grad != null) {
      grad.addInPlace(increment);
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

  // ---- arithmetic: binary ops broadcast; a scalar argument is a constant of this type ----

  /**
   * y = a + b; ∂a = g, ∂b = g.
   *
   * @param other the other operand; the two broadcast
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable add(Variable other) { return ADD.apply(this, other); }

  /**
   * x + c; see {@link #add(Variable)}.
   *
   * @param c a constant, in this variable's type
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable add(double c) { return ADD.apply(this, scalar(c)); }

  /**
   * y = a − b, computed as a + (−b); ∂a = g, ∂b = −g.
   *
   * @param other the other operand; the two broadcast
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable sub(Variable other) { return ArithmeticOps.sub(this, other); }

  /**
   * x − c; see {@link #sub(Variable)}.
   *
   * @param c a constant, in this variable's type
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable sub(double c) { return add(-c); }

  /**
   * y = −x, computed as x·(−1); ∂x = −g.
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable neg() { return mul(-1); }

  /**
   * y = a·b; ∂a = g·b, ∂b = g·a.
   *
   * @param other the other operand; the two broadcast
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable mul(Variable other) { return MUL.apply(this, other); }

  /**
   * x·c; see {@link #mul(Variable)}.
   *
   * @param c a constant, in this variable's type
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable mul(double c) { return MUL.apply(this, scalar(c)); }

  /**
   * y = a / b; ∂a = g / b, ∂b = −g·y / b.
   *
   * @param other the other operand; the two broadcast
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable div(Variable other) { return DIV.apply(this, other); }

  /**
   * x / c; see {@link #div(Variable)}.
   *
   * @param c a constant, in this variable's type
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable div(double c) { return DIV.apply(this, scalar(c)); }

  /**
   * y = aᵇ; ∂a = g·b·aᵇ⁻¹, 0 where b = 0 and a⁻¹ is not finite (a = 0, subnormal or NaN);
   * ∂b = g·y·ln a (for a > 0), 0 where a = 0 and b ≥ 0. Both zeros are PyTorch's choices: a⁰ is
   * 1 near any a and, for b > 0, 0ᵇ is 0 near b, so they are the true derivatives where the
   * formulas would give 0·∞ or 0·(−∞) = NaN (a polynomial's constant term x⁰ at x = 0). The
   * exponent's derivative is computed only when the exponent needs a gradient, so a constant
   * exponent works for any base.
   *
   * @param exponent the exponent
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable pow(Variable exponent) { return POW.apply(this, exponent); }

  /**
   * xᶜ; see {@link #pow(Variable)}.
   *
   * @param exponent the exponent
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable pow(double exponent) { return POW.apply(this, scalar(exponent)); }

  /**
   * y = max(a, b); ∂a = g where a > b, ∂b = g where b > a, half each at a tie (the subgradient
   * PyTorch also uses).
   *
   * @param other the other operand; the two broadcast
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable maximum(Variable other) { return MAXIMUM.apply(this, other); }

  /**
   * y = min(a, b), computed as −max(−a, −b); ∂a = g where a is the smaller, ∂b = g where b is,
   * half each at a tie.
   *
   * @param other the other operand; the two broadcast
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable minimum(Variable other) { return ArithmeticOps.minimum(this, other); }

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
   * This variable where {@code gate} is positive, 0 elsewhere: y = a where c > 0, else 0
   * (c data, a's shape); ∂a = g where c > 0, else 0. ReLU's gradient in one pass.
   *
   * @param gate a tensor of this variable's shape; data, not differentiated
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable gatePositive(Tensor gate) {
    return GATE_POSITIVE.apply(checkNotNull(gate, "gatePositive: gate is null"), this);
  }

  // ---- elementwise functions ----

  /**
   * y = eˣ; ∂x = g·y.
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable exp() { return EXP.apply(this); }

  /**
   * y = eˣ − 1, accurate for small x; ∂x = g·eˣ. Where eˣ rounds to 1, exp(x) − 1 cancels.
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable expm1() { return EXPM1.apply(this); }

  /**
   * y = ln x; ∂x = g / x.
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable log() { return LOG.apply(this); }

  /**
   * y = ln(1 + x), accurate for small x; ∂x = g / (1 + x).
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable log1p() { return LOG1P.apply(this); }

  /**
   * y = √x; ∂x = g / (2y).
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable sqrt() { return SQRT.apply(this); }

  /**
   * y = |x|; ∂x = g·sign(x), with the subgradient 0 at x = 0.
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable abs() { return ABS.apply(this); }

  /**
   * y = sign(x); ∂x = 0: flat everywhere but at 0, where 0 is chosen too.
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable sign() { return SIGN.apply(this); }

  /**
   * y = x², computed as x·x; ∂x = 2g·x.
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable square() { return mul(this); }

  /**
   * y = 1/x, computed as 1 / x; ∂x = −g·y².
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable reciprocal() { return scalar(1).div(this); }

  /**
   * y = erf x; ∂x = g·(2/√π)·e^(−x²).
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable erf() { return ERF.apply(this); }

  /**
   * y = erfc x = 1 − erf x, accurate in the tail; ∂x = −g·(2/√π)·e^(−x²).
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable erfc() { return ERFC.apply(this); }

  /**
   * The threshold unit (k = 0 is the hard limit): y = 1 where x ≥ k, else 0; ∂x = 0: flat
   * everywhere but at k, where 0 is chosen. No gradient flows through it, which is why the
   * perceptron learns with its own rule, not by backpropagation.
   *
   * @param k the threshold, a number (±∞ give all ones or all zeros)
   * @return the result, recorded in the graph when gradients are wanted
   * @throws IllegalArgumentException naming step when {@code k} is NaN
   */
  public Variable step(double k) {
    // x ≥ NaN is false everywhere: a NaN threshold gave zeros, as if every x were below it.
    checkArgument(!Double.isNaN(k), "step: the threshold k must be a number, got NaN");
    return STEP.apply(k, this);
  }

  /**
   * y = min(max(x, lo), hi); ∂x = g where lo ≤ x ≤ hi, 0 where x was clipped (the bounds pass
   * the gradient, as in PyTorch).
   *
   * @param lo the lower bound
   * @param hi the upper bound
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable clamp(double lo, double hi) { return CLAMP.apply(new Bounds(lo, hi), this); }

  // ---- activations ----

  /**
   * y = σ(x) = 1/(1 + e⁻ˣ), computed without overflow; ∂x = g·y·(1 − y).
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable sigmoid() { return SIGMOID.apply(this); }

  /**
   * y = tanh x; ∂x = g·(1 − y²).
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable tanh() { return TANH.apply(this); }

  /**
   * tanh's gradient from its output, for this variable g and {@code output} y = tanh x (PyTorch's
   * {@code tanh_backward}): z = g·(1 − y²), tanh's gradient g from its output y in one op;
   * ∂y = −2h·g·y, ∂g = h·(1 − y²) for h = ∂L/∂z. The rule of {@link #tanh()}, bit for bit the
   * value of {@code g.mul(y.square().neg().add(1))}.
   *
   * @param output y, of this variable's shape and type (neither broadcasts nor converts)
   * @return the result, recorded in the graph when gradients are wanted
   * @throws IllegalArgumentException naming tanhBackward when the shapes or types differ
   */
  public Variable tanhBackward(Variable output) {
    return TANH_BACKWARD.apply(checkNotNull(output, "tanhBackward: output is null"), this);
  }

  /**
   * sigmoid's gradient from its output, for this variable g and {@code output} y = σ(x)
   * (PyTorch's {@code sigmoid_backward}): z = g·y·(1 − y), sigmoid's gradient g from its output y
   * in one op; ∂y = h·g·(1 − 2y), ∂g = h·y·(1 − y) for h = ∂L/∂z. The rule of
   * {@link #sigmoid()}, bit for bit the value of {@code g.mul(y).mul(y.neg().add(1))}.
   *
   * @param output y, of this variable's shape and type (neither broadcasts nor converts)
   * @return the result, recorded in the graph when gradients are wanted
   * @throws IllegalArgumentException naming sigmoidBackward when the shapes or types differ
   */
  public Variable sigmoidBackward(Variable output) {
    return SIGMOID_BACKWARD.apply(checkNotNull(output, "sigmoidBackward: output is null"), this);
  }

  /**
   * y = max(x, 0); ∂x = g where x > 0, with the subgradient relu′(0) = 0.
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable relu() { return RELU.apply(this); }

  /**
   * Leaky ReLU with slope α below zero: y = x for x > 0, αx otherwise, computed as
   * where(x > 0, x, αx); ∂x = g or αg (αg at 0, as PyTorch).
   *
   * @param alpha the slope α below zero, finite (negative too, as PyTorch allows)
   * @return the result, recorded in the graph when gradients are wanted
   * @throws IllegalArgumentException naming leakyRelu and α when α is infinite or NaN
   */
  public Variable leakyRelu(double alpha) { return ActivationOps.leakyRelu(this, alpha); }

  /**
   * ELU: y = x for x > 0, α(eˣ − 1) otherwise, with expm1 (eˣ − 1 cancels near 0: x = −1e-10
   * gave 0); ∂x = g for x > 0, g·αeˣ otherwise (α at 0, as PyTorch; the second derivative
   * there is α too, where PyTorch's is 0); the exponential sees min(x, 0) only, so a large x
   * cannot overflow it (and poison the gradient with ∞·0).
   *
   * @param alpha the scale α of the negative part, finite and at least 0
   * @return the result, recorded in the graph when gradients are wanted
   * @throws IllegalArgumentException naming elu and α when α is negative, infinite or NaN
   */
  public Variable elu(double alpha) { return ActivationOps.elu(this, alpha); }

  /**
   * GELU, exact: y = x·Φ(x) with Φ(x) = ½·erfc(−x/√2) the standard normal CDF (erfc keeps Φ
   * accurate in the left tail); ∂x = g·(Φ(x) + x·φ(x)).
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable gelu() { return ActivationOps.gelu(this); }

  /**
   * GELU, tanh approximation: y = ½x(1 + tanh(u)) with u = √(2/π)(x + 0.044715x³), within about
   * 1e-3 of gelu, computed as x·σ(2u), the same function: 1 + tanh(u) cancels to 0 in the left tail
   * (x = −6.4 gave 0 in float32, not −1.7e-12).
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable geluTanh() { return ActivationOps.geluTanh(this); }

  /**
   * y = ln(1 + eˣ), computed without overflow; ∂x = g·σ(x).
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable softplus() { return SOFTPLUS.apply(this); }

  /**
   * y = e^(x − m) / Σ e^(x − m) along the axis, m the largest x; ∂x = y ⊙ (g − Σ g ⊙ y).
   *
   * @param axis the axis; a negative one counts from the end
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable softmax(int axis) { return SOFTMAX.apply(axis, this); }

  /**
   * y = x − log Σ eˣ along the axis; ∂x = g − e^y·Σ g along the axis.
   *
   * @param axis the axis; a negative one counts from the end
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable logSoftmax(int axis) { return LOG_SOFTMAX.apply(axis, this); }

  // ---- reductions: all elements, one axis or a set of axes (negative ones from the end) ----

  /**
   * y = Σ x over the axes (all when none are given); ∂x = g spread back over them.
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable sum() { return SUM.apply(Axes.ALL, this); }

  /**
   * Sum along one axis; see {@link #sum()}.
   *
   * @param axis the axis; a negative one counts from the end
   * @param keepDims whether the reduced axis stays, with size 1
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable sum(int axis, boolean keepDims) { return sum(new int[] {axis}, keepDims); }

  /**
   * The sum along axes.
   *
   * @param axes the axes; negative ones count from the end
   * @param keepDims whether reduced axes stay, with size 1
   * @return a new variable that records this operation
   */
  public Variable sum(int[] axes, boolean keepDims) {
    return SUM.apply(new Axes(checked("sum", axes), keepDims), this);
  }

  /**
   * y = Σ x / n over the axes, computed as sum(x) / n; ∂x = g / n spread back over them.
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable mean() { return sum().div(value.size()); }

  /**
   * Mean along one axis; see {@link #mean()}.
   *
   * @param axis the axis; a negative one counts from the end
   * @param keepDims whether the reduced axis stays, with size 1
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable mean(int axis, boolean keepDims) { return mean(new int[] {axis}, keepDims); }

  /**
   * The mean along axes.
   *
   * @param axes the axes; negative ones count from the end
   * @param keepDims whether reduced axes stay, with size 1
   * @return a new variable that records this operation
   */
  public Variable mean(int[] axes, boolean keepDims) {
    int count = ReductionOps.count("mean", shape(), checked("mean", axes));
    return sum(axes, keepDims).div(count);
  }

  /**
   * y = max x over the axes; ∂x = g at the maximum, shared equally among ties.
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable max() { return MAX.apply(Axes.ALL, this); }

  /**
   * Max along one axis; see {@link #max()}.
   *
   * @param axis the axis; a negative one counts from the end
   * @param keepDims whether the reduced axis stays, with size 1
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable max(int axis, boolean keepDims) { return max(new int[] {axis}, keepDims); }

  /**
   * The largest element along axes.
   *
   * @param axes the axes; negative ones count from the end
   * @param keepDims whether reduced axes stay, with size 1
   * @return a new variable that records this operation
   */
  public Variable max(int[] axes, boolean keepDims) {
    return MAX.apply(new Axes(checked("max", axes), keepDims), this);
  }

  /**
   * y = min x over the axes, computed as −max(−x); ∂x = g at the minimum, shared equally among
   * ties.
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable min() { return ReductionOps.min(this, null, false); }

  /**
   * Min along one axis; see {@link #min()}.
   *
   * @param axis the axis; a negative one counts from the end
   * @param keepDims whether the reduced axis stays, with size 1
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable min(int axis, boolean keepDims) { return min(new int[] {axis}, keepDims); }

  /**
   * The smallest element along axes.
   *
   * @param axes the axes; negative ones count from the end
   * @param keepDims whether reduced axes stay, with size 1
   * @return a new variable that records this operation
   */
  public Variable min(int[] axes, boolean keepDims) {
    return ReductionOps.min(this, checked("min", axes), keepDims);
  }

  /**
   * y = log Σ eˣ over the axes, shifted by the maximum so it cannot overflow; ∂x = g·softmax(x)
   * over the axes, formed as e^(x − m) / Σ e^(x − m) with m the maximum.
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable logSumExp() { return LOG_SUM_EXP.apply(Axes.ALL, this); }

  /**
   * Log-sum-exp along one axis; see {@link #logSumExp()}.
   *
   * @param axis the axis; a negative one counts from the end
   * @param keepDims whether the reduced axis stays, with size 1
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable logSumExp(int axis, boolean keepDims) {
    return logSumExp(new int[] {axis}, keepDims);
  }

  /**
   * log Σ eˣ along axes, computed stably.
   *
   * @param axes the axes; negative ones count from the end
   * @param keepDims whether reduced axes stay, with size 1
   * @return a new variable that records this operation
   */
  public Variable logSumExp(int[] axes, boolean keepDims) {
    return LOG_SUM_EXP.apply(new Axes(checked("logSumExp", axes), keepDims), this);
  }

  /**
   * The population variance of all elements (dividing by n, NumPy's default; PyTorch's default
   * is the unbiased one, {@link #variance(int[], boolean, boolean)} with {@code unbiased}).
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable variance() { return ReductionOps.variance(this, null, false, false); }

  /**
   * The population variance along an axis (dividing by n); see {@link #variance()}.
   *
   * @param axis the axis; a negative one counts from the end
   * @param keepDims whether the reduced axes stay, with size 1
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable variance(int axis, boolean keepDims) {
    return variance(new int[] {axis}, keepDims, false);
  }

  /**
   * The population variance over axes (dividing by n); see {@link #variance()}.
   *
   * @param axes the axes; negative ones count from the end
   * @param keepDims whether the reduced axes stay, with size 1
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable variance(int[] axes, boolean keepDims) { return variance(axes, keepDims, false); }

  /**
   * The variance along an axis; see {@link #variance(int[], boolean, boolean)}.
   *
   * @param axis the axis; a negative one counts from the end
   * @param keepDims whether the reduced axes stay, with size 1
   * @param unbiased whether to divide by n − 1 (Bessel's correction) rather than n
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable variance(int axis, boolean keepDims, boolean unbiased) {
    return variance(new int[] {axis}, keepDims, unbiased);
  }

  /**
   * y = Σ (x − x̄)² / d over the axes with d = n − 1 when unbiased, else n, computed as
   * (Σ(x − m)² − c) / d with m = mean(x) and the constant c = (Σ(x − m))²/n, which takes out the
   * rounding of m; ∂x = 2g·(x − x̄) / d. The unbiased variance of one value per group is
   * undefined and refused.
   *
   * @param axes the axes; negative ones count from the end
   * @param keepDims whether the reduced axes stay, with size 1
   * @param unbiased whether to divide by n − 1 (Bessel's correction) rather than n
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable variance(int[] axes, boolean keepDims, boolean unbiased) {
    return ReductionOps.variance(this, checked("variance", axes), keepDims, unbiased);
  }

  // ---- shape: one dimension of a reshape may be −1; shapes are given as ints or a Shape ----

  /**
   * y = x in another element type; ∂x = g in x's type. This variable if it has the type.
   *
   * @param dtype the element type
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable to(DType dtype) {
    checkNotNull(dtype, "to: dtype is null");
    return dtype == dtype() ? this : TO.apply(dtype, this);
  }

  /**
   * y = x in a new shape (one dimension may be −1, inferred); ∂x = g in x's shape.
   *
   * @param dims the dimensions
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable reshape(int... dims) {
    return RESHAPE.apply(new Dims(checkNotNull(dims, "reshape: dimensions are null").clone()),
        this);
  }

  /**
   * The same op as the overload above, with {@code target}.
   *
   * @param target the target shape
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable reshape(Shape target) {
    return reshape(checkNotNull(target, "reshape: shape is null").dims());
  }

  /**
   * y = x without a size-1 axis; ∂x = g in x's shape.
   *
   * @param axis the axis; a negative one counts from the end
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable squeeze(int axis) { return SQUEEZE.apply(axis, this); }

  /**
   * This variable without every size-1 axis, recorded as a {@link #reshape(int...) reshape} to
   * that shape; see {@link #squeeze(int)}.
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable squeeze() {
    return reshape(Arrays.stream(shape().dims()).filter(d -> d != 1).toArray());
  }

  /**
   * y = x with a new size-1 axis; ∂x = g in x's shape.
   *
   * @param axis the axis; a negative one counts from the end
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable unsqueeze(int axis) { return UNSQUEEZE.apply(axis, this); }

  /**
   * y = x with its axes reordered (axis i of y is axis order[i] of x); ∂x = g in the inverse
   * order.
   *
   * @param order the new order: axis i of the result is axis order[i] of this
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable permute(int... order) {
    return PERMUTE.apply(new Dims(checkNotNull(order, "permute: order is null").clone()), this);
  }

  /**
   * y = x with two axes swapped, computed as a permute; ∂x = g with them swapped back.
   *
   * @param axis1 one axis
   * @param axis2 the other axis
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable transpose(int axis1, int axis2) {
    return LayoutOps.transpose(this, axis1, axis2);
  }

  /**
   * y = x broadcast to a shape; ∂x = g summed back to x's shape.
   *
   * @param target the target shape
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable broadcastTo(Shape target) {
    return BROADCAST_TO.apply(checkNotNull(target, "broadcastTo: shape is null"), this);
  }

  /**
   * The same op as the overload above, with {@code dims}.
   *
   * @param dims the dimensions
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable broadcastTo(int... dims) {
    return broadcastTo(Shape.of("broadcastTo", dims));
  }

  /**
   * y = x summed down to a shape it broadcasts from; ∂x = g broadcast back to x's shape.
   *
   * @param target the target shape
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable sumTo(Shape target) {
    return SUM_TO.apply(checkNotNull(target, "sumTo: shape is null"), this);
  }

  /**
   * The same op as the overload above, with {@code dims}.
   *
   * @param dims the dimensions
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable sumTo(int... dims) {
    return sumTo(Shape.of("sumTo", dims));
  }

  /**
   * y = x[start:end:step] along an axis (Python's bounds); ∂x = g added into zeros at the taken
   * positions.
   *
   * @param axis the axis; a negative one counts from the end
   * @param start the first index (Python's meaning: negative counts from the end)
   * @param end the index to stop before (Python's meaning)
   * @param step the step, positive
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable slice(int axis, int start, int end, int step) {
    return SLICE.apply(new Range(axis, start, end, step), this);
  }

  /**
   * Elements {@code start} to {@code end} along an axis.
   *
   * @param axis the axis; negative counts from the end
   * @param start the first index
   * @param end the index past the last
   * @return a new variable that records this operation
   */
  public Variable slice(int axis, int start, int end) { return slice(axis, start, end, 1); }

  /**
   * y = the parts joined along an axis; ∂partᵢ = the matching slice of g.
   *
   * @param axis the axis; a negative one counts from the end
   * @param parts the variables, of equal shape outside the axis
   * @return the result, recorded in the graph when gradients are wanted
   */
  public static Variable concat(int axis, Variable... parts) {
    checkNotNull(parts, "concat: tensors are null");
    checkArgument(parts.length > 0, "concat: needs at least one tensor");
    return CONCAT.apply(axis, parts);
  }

  /**
   * y = the parts stacked along a new axis, computed as a concat of the parts unsqueezed;
   * ∂partᵢ = the matching slice of g.
   *
   * @param axis the axis; a negative one counts from the end
   * @param parts the variables, of equal shape outside the axis
   * @return the result, recorded in the graph when gradients are wanted
   */
  public static Variable stack(int axis, Variable... parts) {
    return LayoutOps.stack(axis, parts);
  }

  // ---- indexing: the axis first; indices are data, whole numbers, negative from the end ----

  /**
   * y[..i..] = x[..index[..i..]..] along the axis; ∂x = g scatter-added into zeros.
   *
   * @param axis the axis; a negative one counts from the end
   * @param index the indices: data, whole numbers, negative ones counting from the end
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable gather(int axis, Tensor index) {
    return GATHER.apply(indexed("gather", axis, index), this);
  }

  /**
   * y = x with source added at the indices along the axis; ∂x = g, ∂source = g gathered at the
   * indices.
   *
   * @param axis the axis; a negative one counts from the end
   * @param index the indices: data, whole numbers, negative ones counting from the end
   * @param source the values added
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable scatterAdd(int axis, Tensor index, Variable source) {
    return SCATTER_ADD.apply(indexed("scatterAdd", axis, index), this, source);
  }

  /**
   * y = the slices of x at the indices along the axis, the index's shape in the axis's place;
   * ∂x = g index-added into zeros.
   *
   * @param axis the axis; a negative one counts from the end
   * @param index the indices: data, whole numbers, negative ones counting from the end
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable take(int axis, Tensor index) {
    return TAKE.apply(indexed("take", axis, index), this);
  }

  /**
   * y = x with the slices of source added at the indices along the axis; ∂x = g, ∂source = take
   * of g at the indices.
   *
   * @param axis the axis; a negative one counts from the end
   * @param index the indices: data, whole numbers, negative ones counting from the end
   * @param source the values added
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable indexAdd(int axis, Tensor index, Variable source) {
    return INDEX_ADD.apply(indexed("indexAdd", axis, index), this, source);
  }

  // ---- linear algebra and the fused loss ----

  /**
   * C = op(A)·op(B), op transposing the last two axes as the mode says; A·B: ∂A = G·Bᵀ,
   * ∂B = Aᵀ·G; Aᵀ·B: ∂A = B·Gᵀ, ∂B = A·G; A·Bᵀ: ∂A = G·B, ∂B = Gᵀ·A; Aᵀ·Bᵀ: ∂A = Bᵀ·Gᵀ,
   * ∂B = Gᵀ·Aᵀ. NumPy's matmul: batch axes broadcast, a 1-D left operand is a row and a 1-D right
   * operand a column, whose axis is dropped again.
   *
   * @param other the other operand; the two broadcast
   * @param mode which operands are transposed
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable matmul(Variable other, Transpose mode) {
    return LinearOps.matmul(this, other, mode);
  }

  /**
   * A·B; see {@link #matmul(Variable, Transpose)}.
   *
   * @param other the other operand; the two broadcast
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable matmul(Variable other) { return matmul(other, Transpose.NONE); }

  /**
   * PyTorch's linear, one fused node: y = x·Wᵀ + b for rows x [n, in], W [out, in] (PyTorch's
   * layout), b [out]; ∂x = G·W, ∂W = Gᵀ·x, ∂b = Σ over rows of G. The bias may be {@code null}.
   *
   * @param x the input rows [n, in]
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
   * (relu, tanh or σ), y = f(x·Wᵀ + b) and G is g·[y > 0], g·(1 − y²) or g·y·(1 − y). The
   * derivative is read from y, so the product before the activation is not kept. The same values
   * and gradients as {@code linear(x, weight, bias).relu()} (or tanh, sigmoid), with one node
   * fewer: what a {@code Sequential} records for a Dense layer followed by one of these
   * activations.
   *
   * @param x the input rows [n, in]
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

  /**
   * Softmax cross-entropy, fused and stable: ℓᵢ = Σₖ yᵢₖ · log Σₖ e^zᵢₖ − Σₖ yᵢₖ·zᵢₖ per row i,
   * summed or averaged over the n rows; ∂z = g·(softmax(z)·Σₖ yₖ − y), divided by n for the mean
   * (softmax(z) − y for one-hot rows). That is −Σₖ yᵢₖ log softmax(z)ᵢₖ for any targets. The
   * classes are the last axis; targets are class indices (the logits' shape without the last
   * axis) or rows like the logits (one-hot or probabilities). The targets are kept for the
   * backward pass as they are, not copied (as PyTorch keeps them): changing them in place before
   * backward runs makes backward refuse, naming the op. A class a target row gives 0 adds 0,
   * even at a logit of −∞ (a masked class; 0·(−∞) would make the loss NaN), as with indices.
   *
   * @param target class indices (the logits' shape without the last axis) or rows like the logits
   *     (non-negative)
   * @param reduction mean or sum over the rows
   * @return the result, recorded in the graph when gradients are wanted
   * @throws IllegalArgumentException naming softmaxCrossEntropy when the shapes do not match, the
   *     logits have no classes (an empty last axis), there are no values to average, or a target
   *     row holds a negative value or NaN (named)
   */
  public Variable softmaxCrossEntropy(Tensor target, Reduction reduction) {
    return SoftmaxOps.softmaxCrossEntropy(this, target, reduction);
  }

  /**
   * Squared error, one fused node (PyTorch's mse_loss): y = Σ (x − t)² / d over every element,
   * for data t like x and a divisor d > 0; ∂x = g · 2(x − t) / d. The mean squared error of n
   * samples of k outputs each is the divisor n·k.
   *
   * @param target the data, this variable's shape, taken in its type
   * @param divisor what the sum is divided by: positive and finite
   * @return the result, a scalar, recorded in the graph when gradients are wanted
   * @throws IllegalArgumentException naming squaredError and the shapes or the divisor
   */
  public Variable squaredError(Tensor target, double divisor) {
    return ErrorOps.squaredError(this, target, divisor);
  }

  /**
   * The mean softmax cross-entropy; see {@link #softmaxCrossEntropy(Tensor, Reduction)}.
   *
   * @param target class indices (the logits' shape without the last axis) or rows like the logits
   * @return the result, recorded in the graph when gradients are wanted
   */
  public Variable softmaxCrossEntropy(Tensor target) {
    return softmaxCrossEntropy(target, Reduction.MEAN);
  }

  // ---- convolution, pooling and normalization (NCHW) ----

  /**
   * PyTorch's conv2d, one fused node: y = Σ over the input channels of the group and the taps of
   * x·W, plus b per output channel (NCHW; x [N, C, H, W], W [O, C / groups, kh, kw], b [O]);
   * ∂x = convTranspose2d(g, W), ∂W = conv2dWeightGrad(x, g), ∂b = Σ of g over batch, height and
   * width. Cross-correlation, as in every deep learning library; lowered to the GEMM seam one
   * image at a time.
   *
   * @param weight [O, C / groups, kh, kw]
   * @param bias [O], or {@code null}
   * @param options stride, padding, dilation and groups
   * @return [N, O, Ho, Wo], recorded in the graph when gradients are wanted
   */
  public Variable conv2d(Variable weight, Variable bias, Conv2dOptions options) {
    return ConvolutionOps.conv2d(this, weight, bias, options);
  }

  /**
   * The adjoint of conv2d in its input, PyTorch's conv_transpose2d without bias: y = g spread
   * back through W onto the height × width image, adding where windows overlap: the adjoint of
   * conv2d in its input; ∂g = conv2d(h, W), ∂W = conv2dWeightGrad(h, g) for the incoming
   * gradient h. This variable is g [N, O, Ho, Wo]; the size is given because with a stride above
   * 1 several image sizes convolve to the same output.
   *
   * @param weight [O, C / groups, kh, kw], as conv2d takes it
   * @param options the convolution's stride, padding, dilation and groups
   * @param height the result's rows
   * @param width the result's columns
   * @return [N, C, height, width], recorded in the graph when gradients are wanted
   */
  public Variable convTranspose2d(Variable weight, Conv2dOptions options, int height,
      int width) {
    checkNotNull(weight, "convTranspose2d: weight is null");
    return CONV_TRANSPOSE_2D.apply(new Transposed(options, height, width), this, weight);
  }

  /**
   * The gradient of conv2d with respect to its weight, as an op of its own so that it can be
   * differentiated again: y = Σ over images and positions of g times x under each tap: the
   * adjoint of conv2d in its weight; ∂x = convTranspose2d(g, k), ∂g = conv2d(x, k) for the
   * incoming gradient k. This variable is x [N, C, H, W].
   *
   * @param gradOutput g [N, O, Ho, Wo]
   * @param options the convolution's stride, padding, dilation and groups
   * @param kernelHeight the kernel's rows
   * @param kernelWidth the kernel's columns
   * @return [O, C / groups, kernelHeight, kernelWidth], recorded when gradients are wanted
   */
  public Variable conv2dWeightGrad(Variable gradOutput, Conv2dOptions options, int kernelHeight,
      int kernelWidth) {
    checkNotNull(gradOutput, "conv2dWeightGrad: gradient is null");
    return CONV2D_WEIGHT_GRAD.apply(new Kernel(options, kernelHeight, kernelWidth), this,
        gradOutput);
  }

  /**
   * Max pooling: y = the maximum of each window of each channel (NCHW), padding never winning;
   * ∂x = g added at the index of each window's maximum (the first among ties, as PyTorch).
   *
   * @param options kernel, stride, padding and dilation
   * @return [N, C, Ho, Wo], recorded in the graph when gradients are wanted
   */
  public Variable maxPool2d(Pool2dOptions options) {
    checkNotNull(options, "maxPool2d: options are null");
    return MAX_POOL_2D.apply(options, this);
  }

  /**
   * Average pooling: y = the mean of each window of each channel, padding counted as zeros
   * (PyTorch's count_include_pad), computed as conv2d of each channel with a constant kernel
   * 1 / (kh·kw); ∂x = g / (kh·kw) spread back over each window.
   *
   * @param options kernel, stride, padding and dilation
   * @return [N, C, Ho, Wo], recorded in the graph when gradients are wanted
   */
  public Variable avgPool2d(Pool2dOptions options) {
    return ConvolutionOps.avgPool2d(this, options);
  }

  /**
   * Standardizes over a set of axes, the core of batch and layer normalization: y = (x −
   * mean(x)) / √(var(x) + ε) over the axes, var the population variance; ∂x = (g − mean(g) −
   * y·mean(g·y)) / √(var(x) + ε), the means over the axes; a group whose var + ε overflows or
   * is subnormal is first divided by its largest |x − mean(x)|. One fused node.
   *
   * @param axes the axes each group spans (batch and spatial axes for batch normalization, the
   *     trailing ones for layer normalization); negative ones count from the end
   * @param eps added to the variance, at least 0
   * @return the standardized values, recorded in the graph when gradients are wanted
   */
  public Variable standardize(int[] axes, double eps) {
    return NormalizationOps.standardize(this, axes, eps);
  }

  /** A copy of the axes a caller gave, which must be there (all axes have their own methods). */
  private static int[] checked(String op, int[] axes) {
    return checkNotNull(axes, "%s: axes are null (for all axes call %s())", op, op).clone();
  }

  /** A constant scalar of this variable's type. */
  private Variable scalar(double c) {
    return constant(Tensor.scalar(c, dtype()));
  }

  private static Indexed indexed(String op, int axis, Tensor index) {
    return new Indexed(axis, checkNotNull(index, "%s: index is null", op));
  }

  @Override
  public String toString() {
    String label = name != null ? name + " = " : "";
    return "Variable(" + label + opName() + ", " + value + ")";
  }
}
