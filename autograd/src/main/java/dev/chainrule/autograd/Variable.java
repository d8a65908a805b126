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

  /**
   * Changes this leaf's element type in place: its value is replaced by a converted copy and its
   * gradient is forgotten (PyTorch's {@code param.data = param.data.to(dtype)}). For
   * {@code Module.to}; make the optimizer after converting, as its state has the old type. Only a
   * leaf can change: a computed variable is part of a graph, where {@link #to(DType)} converts.
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
      grad = null;
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
   * The inputs of the op that computed this variable, in order (empty for a leaf, or freed).
   *
   * @return the inputs of the op that computed this variable; empty for a leaf
   */
  public List<Variable> inputs() {
    return creator == null ? List.of() : creator.inputList();
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
   * The accumulated gradient, or {@code null} before any backward pass reached this variable.
   *
   * @return the accumulated gradient, or null before any backward
   */
  public synchronized Tensor grad() { return grad; }

  /** Forgets the accumulated gradient. */
  public synchronized void zeroGrad() { grad = null; }

  /**
   * Asks backward to keep this non-leaf's gradient in {@link #grad()} too.
   *
   * @return this variable
   */
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
   * @param options whether to keep the graph and to record the gradients as a graph
   */
  public void backward(Tensor gradOutput, Gradients.Options options) {
    Gradients.backward(this, gradOutput, options);
  }

  // ---- elementwise (see ArithmeticOps and MathOps for the rules) ----

  /**
   * this + other, broadcasting; the gradient is summed back to each shape.
   *
   * @param other the other operand; shapes broadcast as in NumPy
   * @return a new variable that records this operation
   */
  public Variable add(Variable other) { return ArithmeticOps.add(this, other); }

  /**
   * this − other, broadcasting.
   *
   * @param other the other operand; shapes broadcast as in NumPy
   * @return a new variable that records this operation
   */
  public Variable sub(Variable other) { return ArithmeticOps.sub(this, other); }

  /**
   * this · other elementwise, broadcasting.
   *
   * @param other the other operand; shapes broadcast as in NumPy
   * @return a new variable that records this operation
   */
  public Variable mul(Variable other) { return ArithmeticOps.mul(this, other); }

  /**
   * this / other, broadcasting.
   *
   * @param other the other operand; shapes broadcast as in NumPy
   * @return a new variable that records this operation
   */
  public Variable div(Variable other) { return ArithmeticOps.div(this, other); }

  /**
   * this raised to other, elementwise, broadcasting.
   *
   * @param exponent the power
   * @return a new variable that records this operation
   */
  public Variable pow(Variable exponent) { return ArithmeticOps.pow(this, exponent); }

  /**
   * Elementwise max(this, other), broadcasting; ties send the gradient to this.
   *
   * @param other the other operand; shapes broadcast as in NumPy
   * @return a new variable that records this operation
   */
  public Variable maximum(Variable other) { return ArithmeticOps.maximum(this, other); }

  /**
   * Elementwise min(this, other), broadcasting; ties send the gradient to this.
   *
   * @param other the other operand; shapes broadcast as in NumPy
   * @return a new variable that records this operation
   */
  public Variable minimum(Variable other) { return ArithmeticOps.minimum(this, other); }

  /**
   * this + c.
   *
   * @param c the constant
   * @return a new variable that records this operation
   */
  public Variable add(double c) { return ArithmeticOps.shift(this, c); }

  /**
   * this − c.
   *
   * @param c the constant
   * @return a new variable that records this operation
   */
  public Variable sub(double c) { return ArithmeticOps.shift(this, -c); }

  /**
   * this · c.
   *
   * @param c the constant
   * @return a new variable that records this operation
   */
  public Variable mul(double c) { return ArithmeticOps.scale(this, c); }

  /**
   * this / c.
   *
   * @param c the constant
   * @return a new variable that records this operation
   */
  public Variable div(double c) { return ArithmeticOps.scale(this, 1 / c); }

  /**
   * xᵖ; d/dx = p·xᵖ⁻¹.
   *
   * @param exponent the power
   * @return a new variable that records this operation
   */
  public Variable pow(double exponent) { return ArithmeticOps.powScalar(this, exponent); }

  /**
   * −x.
   *
   * @return a new variable that records this operation
   */
  public Variable neg() { return ArithmeticOps.scale(this, -1); }

  /**
   * Picks {@code a} where {@code mask} is non-zero, {@code b} elsewhere; the mask is constant.
   *
   * @param a the values where the mask is non-zero
   * @param b the values where the mask is zero
   * @param mask where to take {@code a}: non-zero elements
   * @return a new variable that records this operation
   */
  public static Variable where(Tensor mask, Variable a, Variable b) {
    return ArithmeticOps.where(mask, a, b);
  }

  /**
   * eˣ; d/dx = eˣ.
   *
   * @return a new variable that records this operation
   */
  public Variable exp() { return MathOps.exp(this); }

  /**
   * The error function; d/dx = 2/√π·e^(−x²).
   *
   * @return a new variable that records this operation
   */
  public Variable erf() { return MathOps.erf(this); }

  /**
   * 1 − erf(x), accurate in the tails.
   *
   * @return a new variable that records this operation
   */
  public Variable erfc() { return MathOps.erfc(this); }

  /**
   * log(1 + eˣ), computed without overflow; d/dx = σ(x).
   *
   * @return a new variable that records this operation
   */
  public Variable softplus() { return MathOps.softplus(this); }

  /**
   * 1 where this ≥ k, else 0; its gradient is 0 (flat almost everywhere).
   *
   * @param k the threshold
   * @return a new variable that records this operation
   */
  public Variable step(double k) { return MathOps.step(this, k); }

  /**
   * ln x; d/dx = 1/x.
   *
   * @return a new variable that records this operation
   */
  public Variable log() { return MathOps.log(this); }

  /**
   * ln(1 + x), accurate near 0.
   *
   * @return a new variable that records this operation
   */
  public Variable log1p() { return MathOps.log1p(this); }

  /**
   * √x; d/dx = 1/(2√x).
   *
   * @return a new variable that records this operation
   */
  public Variable sqrt() { return MathOps.sqrt(this); }

  /**
   * |x|; d/dx = sign(x) (0 at 0).
   *
   * @return a new variable that records this operation
   */
  public Variable abs() { return MathOps.abs(this); }

  /**
   * The sign of x (−1, 0 or 1); its gradient is 0.
   *
   * @return a new variable that records this operation
   */
  public Variable sign() { return MathOps.sign(this); }

  /**
   * x²; d/dx = 2x.
   *
   * @return a new variable that records this operation
   */
  public Variable square() { return MathOps.square(this); }

  /**
   * 1/x; d/dx = −1/x².
   *
   * @return a new variable that records this operation
   */
  public Variable reciprocal() { return MathOps.reciprocal(this); }

  /**
   * tanh x; d/dx = 1 − tanh²x.
   *
   * @return a new variable that records this operation
   */
  public Variable tanh() { return MathOps.tanh(this); }

  /**
   * σ(x) = 1 / (1 + e⁻ˣ), computed without overflow; σ′ = σ(1 − σ).
   *
   * @return a new variable that records this operation
   */
  public Variable sigmoid() { return MathOps.sigmoid(this); }

  /**
   * max(x, 0); the derivative is 0 at 0.
   *
   * @return a new variable that records this operation
   */
  public Variable relu() { return MathOps.relu(this); }

  /**
   * min(max(x, min), max); the gradient passes where x is inside [min, max].
   *
   * @param min the lower bound
   * @param max the upper bound
   * @return a new variable that records this operation
   */
  public Variable clamp(double min, double max) { return MathOps.clamp(this, min, max); }

  // ---- reductions (see ReductionOps) ----

  /**
   * The sum of all elements.
   *
   * @return a new variable that records this operation
   */
  public Variable sum() { return ReductionOps.sum(this, null, false); }

  /**
   * The sum along an axis.
   *
   * @param axis the axis; negative counts from the end
   * @param keepDims whether reduced axes stay, with size 1
   * @return a new variable that records this operation
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
    return ReductionOps.sum(this, axes, keepDims);
  }

  /**
   * The mean of all elements.
   *
   * @return a new variable that records this operation
   */
  public Variable mean() { return ReductionOps.mean(this, null, false); }

  /**
   * The mean along an axis.
   *
   * @param axis the axis; negative counts from the end
   * @param keepDims whether reduced axes stay, with size 1
   * @return a new variable that records this operation
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
    return ReductionOps.mean(this, axes, keepDims);
  }

  /**
   * The largest element; the gradient goes to the first maximum.
   *
   * @return a new variable that records this operation
   */
  public Variable max() { return ReductionOps.max(this, null, false); }

  /**
   * The largest element along an axis.
   *
   * @param axis the axis; negative counts from the end
   * @param keepDims whether reduced axes stay, with size 1
   * @return a new variable that records this operation
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
    return ReductionOps.max(this, axes, keepDims);
  }

  /**
   * The smallest element; the gradient goes to the first minimum.
   *
   * @return a new variable that records this operation
   */
  public Variable min() { return ReductionOps.min(this, null, false); }

  /**
   * The smallest element along an axis.
   *
   * @param axis the axis; negative counts from the end
   * @param keepDims whether reduced axes stay, with size 1
   * @return a new variable that records this operation
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
    return ReductionOps.min(this, axes, keepDims);
  }

  /**
   * log Σ eˣ over all elements, computed stably.
   *
   * @return a new variable that records this operation
   */
  public Variable logSumExp() { return ReductionOps.logSumExp(this, null, false); }

  /**
   * log Σ eˣ along an axis, computed stably.
   *
   * @param axis the axis; negative counts from the end
   * @param keepDims whether reduced axes stay, with size 1
   * @return a new variable that records this operation
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
    return ReductionOps.logSumExp(this, axes, keepDims);
  }

  /**
   * The population variance of all elements.
   *
   * @return a new variable that records this operation
   */
  public Variable variance() { return ReductionOps.variance(this, null, false); }

  /**
   * The population variance along an axis.
   *
   * @param axis the axis; negative counts from the end
   * @param keepDims whether reduced axes stay, with size 1
   * @return a new variable that records this operation
   */
  public Variable variance(int axis, boolean keepDims) {
    return variance(new int[] {axis}, keepDims);
  }

  /**
   * The population variance along axes.
   *
   * @param axes the axes; negative ones count from the end
   * @param keepDims whether reduced axes stay, with size 1
   * @return a new variable that records this operation
   */
  public Variable variance(int[] axes, boolean keepDims) {
    return ReductionOps.variance(this, axes, keepDims);
  }

  // ---- shape and indexing (see LayoutOps and IndexOps) ----

  /**
   * The value in another element type (this variable when it has that type already).
   *
   * @param dtype the element type
   * @return a new variable that records this operation
   */
  public Variable to(DType dtype) { return LayoutOps.to(this, dtype); }

  /**
   * The same elements in another shape.
   *
   * @param dims the new dimensions; one may be −1 and is inferred
   * @return a new variable that records this operation
   */
  public Variable reshape(int... dims) { return LayoutOps.reshape(this, dims); }

  /**
   * Swaps two axes.
   *
   * @param axis1 one axis
   * @param axis2 the other axis
   * @return a new variable that records this operation
   */
  public Variable transpose(int axis1, int axis2) {
    return LayoutOps.transpose(this, axis1, axis2);
  }

  /**
   * The axes in a new order.
   *
   * @param order the new order of the axes
   * @return a new variable that records this operation
   */
  public Variable permute(int... order) { return LayoutOps.permute(this, order); }

  /**
   * The value repeated along broadcast axes; backward sums them back.
   *
   * @param target the shape to broadcast to (or sum back to)
   * @return a new variable that records this operation
   */
  public Variable broadcastTo(Shape target) { return LayoutOps.broadcastTo(this, target); }

  /**
   * Sums broadcast axes away, leaving {@code target}: the adjoint of broadcastTo.
   *
   * @param target the shape to broadcast to (or sum back to)
   * @return a new variable that records this operation
   */
  public Variable sumTo(Shape target) { return LayoutOps.sumTo(this, target); }

  /**
   * Removes every axis of size 1.
   *
   * @return a new variable that records this operation
   */
  public Variable squeeze() {
    return reshape(java.util.Arrays.stream(shape().dims()).filter(d -> d != 1).toArray());
  }

  /**
   * Removes an axis of size 1.
   *
   * @param axis the axis; negative counts from the end
   * @return a new variable that records this operation
   */
  public Variable squeeze(int axis) { return LayoutOps.squeeze(this, axis); }

  /**
   * Inserts an axis of size 1.
   *
   * @param axis the axis; negative counts from the end
   * @return a new variable that records this operation
   */
  public Variable unsqueeze(int axis) { return LayoutOps.unsqueeze(this, axis); }

  /**
   * Python's [start:end:step] along an axis.
   *
   * @param axis the axis; negative counts from the end
   * @param start the first index
   * @param end the index past the last
   * @param step the stride, positive
   * @return a new variable that records this operation
   */
  public Variable slice(int axis, int start, int end, int step) {
    return LayoutOps.slice(this, axis, start, end, step);
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
   * Joins variables along an existing axis.
   *
   * @param axis the axis; negative counts from the end
   * @param parts the variables to join, of matching shapes
   * @return a new variable that records this operation
   */
  public static Variable concat(int axis, Variable... parts) {
    return LayoutOps.concat(axis, parts);
  }

  /**
   * Joins variables along a new axis.
   *
   * @param axis the axis; negative counts from the end
   * @param parts the variables to join, of matching shapes
   * @return a new variable that records this operation
   */
  public static Variable stack(int axis, Variable... parts) {
    return LayoutOps.stack(axis, parts);
  }

  /**
   * PyTorch's gather: along {@code axis}, the elements at {@code index}; backward scatters the gradient back.
   *
   * @param axis the axis; negative counts from the end
   * @param index whole-number indices, as a tensor
   * @return a new variable that records this operation
   */
  public Variable gather(int axis, Tensor index) { return IndexOps.gather(this, axis, index); }

  /**
   * PyTorch's scatter_add: a copy with the elements of {@code source} added at {@code index} along {@code axis}.
   *
   * @param axis the axis; negative counts from the end
   * @param index whole-number indices, as a tensor
   * @param source the values to add, a graph node
   * @return a new variable that records this operation
   */
  public Variable scatterAdd(int axis, Tensor index, Variable source) {
    return IndexOps.scatterAdd(this, axis, index, source);
  }

  /**
   * NumPy's take: the slices at {@code index} along {@code axis}.
   *
   * @param index whole-number indices, as a tensor
   * @param axis the axis; negative counts from the end
   * @return a new variable that records this operation
   */
  public Variable take(Tensor index, int axis) { return IndexOps.take(this, index, axis); }

  /**
   * A copy with the slices of {@code source} added at {@code index} along {@code axis}.
   *
   * @param axis the axis; negative counts from the end
   * @param index whole-number indices, as a tensor
   * @param source the values to add, a graph node
   * @return a new variable that records this operation
   */
  public Variable indexAdd(int axis, Tensor index, Variable source) {
    return IndexOps.indexAdd(this, axis, index, source);
  }

  // ---- linear algebra and fused nn ops (see LinearOps and SoftmaxOps) ----

  /**
   * The matrix product this · other (batched over leading axes).
   *
   * @param other the other operand; shapes broadcast as in NumPy
   * @return a new variable that records this operation
   */
  public Variable matmul(Variable other) { return LinearOps.matmul(this, other, Transpose.NONE); }

  /**
   * The matrix product with either operand transposed, without copying it.
   *
   * @param other the other operand; shapes broadcast as in NumPy
   * @param mode which operands to use transposed
   * @return a new variable that records this operation
   */
  public Variable matmul(Variable other, Transpose mode) {
    return LinearOps.matmul(this, other, mode);
  }

  /**
   * x·W + b for a batch of row vectors x; {@code bias} may be {@code null}.
   *
   * @param bias the bias [out], or {@code null}
   * @param weight the weight [in, out]
   * @param x the inputs [N, in]
   * @return a new variable that records this operation
   */
  public static Variable dense(Variable x, Variable weight, Variable bias) {
    return LinearOps.dense(x, weight, bias);
  }

  /**
   * e^xᵢ / Σⱼ e^xⱼ along an axis, computed stably.
   *
   * @param axis the axis; negative counts from the end
   * @return a new variable that records this operation
   */
  public Variable softmax(int axis) { return SoftmaxOps.softmax(this, axis); }

  /**
   * xᵢ − log Σⱼ e^xⱼ along an axis, computed stably.
   *
   * @param axis the axis; negative counts from the end
   * @return a new variable that records this operation
   */
  public Variable logSoftmax(int axis) { return SoftmaxOps.logSoftmax(this, axis); }

  /**
   * Fused, stable cross-entropy of softmax(this) along the last axis against target rows (one-hot
   * or probabilities of the same shape): Σ over rows, divided by the row count when {@code mean}.
   *
   * @param mean whether to average over the rows (otherwise sum)
   * @param targets class indices [N] or one-hot (or soft) rows [N, K]
   * @return a new variable that records this operation
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
