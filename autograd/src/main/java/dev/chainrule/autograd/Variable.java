package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Transpose;
import java.util.List;
import java.util.Optional;

/**
 * A node of the computation graph: a {@link Tensor} value and, for values computed by an op, the
 * op and ordered inputs that produced it. Leaves created with {@link #parameter} require
 * gradients; {@link #backward()} fills their {@link #grad()}.
 *
 * <p>Every method that computes returns a new variable and records the op when gradients are
 * wanted; the formulas and derivatives live next to each op in its family class.
 */
public final class Variable {
  private Tensor value;
  private final boolean requiresGrad;
  private final OpContext creator;
  private Tensor grad;
  private String name;
  private boolean retainsGrad;

  private Variable(Tensor value, boolean requiresGrad, OpContext creator) {
    this.value = checkNotNull(value, "Variable: value is null");
    this.requiresGrad = requiresGrad;
    this.creator = creator;
  }

  /** A value that never receives a gradient (data, targets, masks). */
  public static Variable constant(Tensor value) {
    return new Variable(value, false, null);
  }

  /** A leaf that requires a gradient: a parameter to train or an input to differentiate by. */
  public static Variable parameter(Tensor value) {
    return new Variable(value, true, null);
  }

  /** A named parameter; the name appears in errors, reports and graph drawings. */
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
   */
  public Tensor value() { return value; }

  /**
   * Changes this leaf's element type in place: its value is replaced by a converted copy and its
   * gradient is forgotten (PyTorch's {@code param.data = param.data.to(dtype)}). For
   * {@code Module.to}; make the optimizer after converting, as its state has the old type. Only a
   * leaf can change: a computed variable is part of a graph, where {@link #to(DType)} converts.
   *
   * @return this variable
   */
  public synchronized Variable toInPlace(DType dtype) {
    checkNotNull(dtype, "toInPlace: dtype is null");
    checkState(creator == null, "toInPlace: %s was computed by '%s'; only a leaf (a parameter or"
        + " a constant) can change its type in place; in a graph use to(DType)", describe(),
        opName());
    if (value.dtype() != dtype) {
      value = value.to(dtype);
      grad = null;
    }
    return this;
  }

  private String describe() {
    return name != null ? "'" + name + "'" : "the variable";
  }
  public Shape shape() { return value.shape(); }
  /** The element type; gradients always have the type of the variable they belong to. */
  public DType dtype() { return value.dtype(); }
  public int rank() { return value.rank(); }
  /** The only element of a one-element value. */
  public double item() { return value.item(); }
  public boolean requiresGrad() { return requiresGrad; }
  /** Whether this variable was created directly rather than computed by an op. */
  public boolean isLeaf() { return creator == null; }
  /** The op that computed this variable, or {@code "leaf"}/{@code "constant"}. */
  public String opName() {
    return creator != null ? creator.op().name() : requiresGrad ? "leaf" : "constant";
  }
  /** The inputs of the op that computed this variable, in order (empty for a leaf, or freed). */
  public List<Variable> inputs() {
    return creator == null ? List.of() : creator.inputList();
  }
  /**
   * Whether a backward pass that did not retain the graph has freed the op that computed this
   * variable: its inputs are then forgotten ({@link #inputs()} is empty) and it cannot be
   * differentiated again.
   */
  public boolean isFreed() { return creator != null && creator.isReleased(); }
  OpContext creator() { return creator; }

  /**
   * The line of user code that computed this variable, when it was recorded under
   * {@link Autograd#recordCreationSites()} or {@link Autograd#detectAnomaly()}; empty for leaves.
   */
  public Optional<StackTraceElement> creationSite() {
    return creator == null ? Optional.empty() : creator.creationSite();
  }

  /** The name given with {@link #named}, or {@code null}. */
  public String name() { return name; }

  /** Sets a name for reports and drawings; returns this variable. */
  public Variable named(String newName) {
    this.name = newName;
    return this;
  }

  /** The accumulated gradient, or {@code null} before any backward pass reached this variable. */
  public synchronized Tensor grad() { return grad; }

  /** Forgets the accumulated gradient. */
  public synchronized void zeroGrad() { grad = null; }

  /** Asks backward to keep this non-leaf's gradient in {@link #grad()} too. */
  public Variable retainGrad() {
    retainsGrad = true;
    return this;
  }

  boolean retainsGrad() { return retainsGrad || (creator == null && requiresGrad); }

  /**
   * Adds a backward pass's gradient into {@link #grad()}. The first one is kept as it is when
   * {@code owned} (a tensor the pass computed that nobody else holds), or copied: either way
   * {@code grad} is this variable's own tensor, which later passes add into in place.
   */
  synchronized void accumulateGrad(Tensor increment, boolean owned) {
    grad = grad != null ? grad.addInPlace(increment) : owned ? increment : increment.copy();
  }

  /** The same value, cut out of the graph: a constant. */
  public Variable detach() { return constant(value); }

  /** Backpropagates from this scalar, adding ∂this/∂leaf into every reachable leaf's grad. */
  public void backward() { Gradients.backward(this, null, Gradients.Options.defaults()); }

  /** Backpropagates {@code gradOutput} (the gradient of some loss with respect to this). */
  public void backward(Tensor gradOutput) {
    Gradients.backward(this, gradOutput, Gradients.Options.defaults());
  }

  /** Backward with options; {@code gradOutput} may be {@code null} for a scalar. */
  public void backward(Tensor gradOutput, Gradients.Options options) {
    Gradients.backward(this, gradOutput, options);
  }

  // ---- elementwise (see ArithmeticOps and MathOps for the rules) ----

  public Variable add(Variable other) { return ArithmeticOps.add(this, other); }
  public Variable sub(Variable other) { return ArithmeticOps.sub(this, other); }
  public Variable mul(Variable other) { return ArithmeticOps.mul(this, other); }
  public Variable div(Variable other) { return ArithmeticOps.div(this, other); }
  public Variable pow(Variable exponent) { return ArithmeticOps.pow(this, exponent); }
  public Variable maximum(Variable other) { return ArithmeticOps.maximum(this, other); }
  public Variable minimum(Variable other) { return ArithmeticOps.minimum(this, other); }
  public Variable add(double c) { return ArithmeticOps.shift(this, c); }
  public Variable sub(double c) { return ArithmeticOps.shift(this, -c); }
  public Variable mul(double c) { return ArithmeticOps.scale(this, c); }
  public Variable div(double c) { return ArithmeticOps.scale(this, 1 / c); }
  public Variable pow(double exponent) { return ArithmeticOps.powScalar(this, exponent); }
  public Variable neg() { return ArithmeticOps.scale(this, -1); }
  /** Picks {@code a} where {@code mask} is non-zero, {@code b} elsewhere; the mask is constant. */
  public static Variable where(Tensor mask, Variable a, Variable b) {
    return ArithmeticOps.where(mask, a, b);
  }

  public Variable exp() { return MathOps.exp(this); }
  public Variable erf() { return MathOps.erf(this); }
  public Variable erfc() { return MathOps.erfc(this); }
  public Variable softplus() { return MathOps.softplus(this); }
  /** 1 where this ≥ k, else 0; its gradient is 0 (flat almost everywhere). */
  public Variable step(double k) { return MathOps.step(this, k); }
  public Variable log() { return MathOps.log(this); }
  public Variable log1p() { return MathOps.log1p(this); }
  public Variable sqrt() { return MathOps.sqrt(this); }
  public Variable abs() { return MathOps.abs(this); }
  public Variable sign() { return MathOps.sign(this); }
  public Variable square() { return MathOps.square(this); }
  public Variable reciprocal() { return MathOps.reciprocal(this); }
  public Variable tanh() { return MathOps.tanh(this); }
  public Variable sigmoid() { return MathOps.sigmoid(this); }
  public Variable relu() { return MathOps.relu(this); }
  public Variable clamp(double min, double max) { return MathOps.clamp(this, min, max); }

  // ---- reductions (see ReductionOps) ----

  public Variable sum() { return ReductionOps.sum(this, null, false); }
  public Variable sum(int axis, boolean keepDims) { return sum(new int[] {axis}, keepDims); }
  public Variable sum(int[] axes, boolean keepDims) {
    return ReductionOps.sum(this, axes, keepDims);
  }
  public Variable mean() { return ReductionOps.mean(this, null, false); }
  public Variable mean(int axis, boolean keepDims) { return mean(new int[] {axis}, keepDims); }
  public Variable mean(int[] axes, boolean keepDims) {
    return ReductionOps.mean(this, axes, keepDims);
  }
  public Variable max() { return ReductionOps.max(this, null, false); }
  public Variable max(int axis, boolean keepDims) { return max(new int[] {axis}, keepDims); }
  public Variable max(int[] axes, boolean keepDims) {
    return ReductionOps.max(this, axes, keepDims);
  }
  public Variable min() { return ReductionOps.min(this, null, false); }
  public Variable min(int axis, boolean keepDims) { return min(new int[] {axis}, keepDims); }
  public Variable min(int[] axes, boolean keepDims) {
    return ReductionOps.min(this, axes, keepDims);
  }
  public Variable logSumExp() { return ReductionOps.logSumExp(this, null, false); }
  public Variable logSumExp(int axis, boolean keepDims) {
    return logSumExp(new int[] {axis}, keepDims);
  }
  public Variable logSumExp(int[] axes, boolean keepDims) {
    return ReductionOps.logSumExp(this, axes, keepDims);
  }
  public Variable variance() { return ReductionOps.variance(this, null, false); }
  public Variable variance(int axis, boolean keepDims) {
    return variance(new int[] {axis}, keepDims);
  }
  public Variable variance(int[] axes, boolean keepDims) {
    return ReductionOps.variance(this, axes, keepDims);
  }

  // ---- shape and indexing (see LayoutOps and IndexOps) ----

  /** The value in another element type (this variable when it has that type already). */
  public Variable to(DType dtype) { return LayoutOps.to(this, dtype); }

  public Variable reshape(int... dims) { return LayoutOps.reshape(this, dims); }
  public Variable transpose(int axis1, int axis2) {
    return LayoutOps.transpose(this, axis1, axis2);
  }
  public Variable permute(int... order) { return LayoutOps.permute(this, order); }
  public Variable broadcastTo(Shape target) { return LayoutOps.broadcastTo(this, target); }
  public Variable sumTo(Shape target) { return LayoutOps.sumTo(this, target); }
  /** Removes every axis of size 1. */
  public Variable squeeze() {
    return reshape(java.util.Arrays.stream(shape().dims()).filter(d -> d != 1).toArray());
  }
  public Variable squeeze(int axis) { return LayoutOps.squeeze(this, axis); }
  public Variable unsqueeze(int axis) { return LayoutOps.unsqueeze(this, axis); }
  public Variable slice(int axis, int start, int end, int step) {
    return LayoutOps.slice(this, axis, start, end, step);
  }
  public Variable slice(int axis, int start, int end) { return slice(axis, start, end, 1); }
  public static Variable concat(int axis, Variable... parts) {
    return LayoutOps.concat(axis, parts);
  }
  public static Variable stack(int axis, Variable... parts) {
    return LayoutOps.stack(axis, parts);
  }

  public Variable gather(int axis, Tensor index) { return IndexOps.gather(this, axis, index); }
  public Variable scatterAdd(int axis, Tensor index, Variable source) {
    return IndexOps.scatterAdd(this, axis, index, source);
  }
  public Variable take(Tensor index, int axis) { return IndexOps.take(this, index, axis); }
  public Variable indexAdd(int axis, Tensor index, Variable source) {
    return IndexOps.indexAdd(this, axis, index, source);
  }

  // ---- linear algebra and fused nn ops (see LinearOps and SoftmaxOps) ----

  public Variable matmul(Variable other) { return LinearOps.matmul(this, other, Transpose.NONE); }
  public Variable matmul(Variable other, Transpose mode) {
    return LinearOps.matmul(this, other, mode);
  }
  /** x·W + b for a batch of row vectors x; {@code bias} may be {@code null}. */
  public static Variable dense(Variable x, Variable weight, Variable bias) {
    return LinearOps.dense(x, weight, bias);
  }
  public Variable softmax(int axis) { return SoftmaxOps.softmax(this, axis); }
  public Variable logSoftmax(int axis) { return SoftmaxOps.logSoftmax(this, axis); }
  /**
   * Fused, stable cross-entropy of softmax(this) along the last axis against target rows (one-hot
   * or probabilities of the same shape): Σ over rows, divided by the row count when {@code mean}.
   */
  public Variable softmaxCrossEntropy(Tensor targets, boolean mean) {
    return SoftmaxOps.softmaxCrossEntropy(this, targets, mean);
  }

  @Override
  public String toString() {
    String label = name != null ? name + " = " : "";
    return "Variable(" + label + opName() + ", " + value + ")";
  }
}
