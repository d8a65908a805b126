package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkNotNull;
import static dev.chainrule.autograd.IndexOps.GATHER;
import static dev.chainrule.autograd.IndexOps.INDEX_ADD;
import static dev.chainrule.autograd.IndexOps.SCATTER_ADD;
import static dev.chainrule.autograd.IndexOps.TAKE;
import static dev.chainrule.autograd.IndexOps.TRIL;
import static dev.chainrule.autograd.IndexOps.TRIU;
import static dev.chainrule.autograd.IndexOps.indexed;
import static dev.chainrule.autograd.LayoutOps.BROADCAST_TO;
import static dev.chainrule.autograd.LayoutOps.PERMUTE;
import static dev.chainrule.autograd.LayoutOps.RESHAPE;
import static dev.chainrule.autograd.LayoutOps.SLICE;
import static dev.chainrule.autograd.LayoutOps.SQUEEZE;
import static dev.chainrule.autograd.LayoutOps.SUM_TO;
import static dev.chainrule.autograd.LayoutOps.TO;
import static dev.chainrule.autograd.LayoutOps.UNSQUEEZE;

import dev.chainrule.autograd.LayoutOps.Dims;
import dev.chainrule.autograd.LayoutOps.Range;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import java.util.Arrays;

/**
 * Reshaping, reordering, slicing, joining and indexing a graph variable, part of {@link
 * Variable}'s API in a file of its own. One dimension of a reshape may be −1; indices are data,
 * whole numbers, negative from the end. {@link Variable} is the only implementation.
 */
public sealed interface VariableShaping permits Variable {
  // ---- shape: one dimension of a reshape may be −1; shapes are given as ints or a Shape ----

  /**
   * y = x in another element type; ∂x = g in x's type. This variable if it has the type.
   *
   * @param dtype the element type
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable to(DType dtype) {
    checkNotNull(dtype, "to: dtype is null");
    return dtype == self().dtype() ? self() : TO.apply(dtype, self());
  }

  /**
   * y = x in a new shape (one dimension may be −1, inferred); ∂x = g in x's shape.
   *
   * @param dims the dimensions
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable reshape(int... dims) {
    return RESHAPE.apply(new Dims(checkNotNull(dims, "reshape: dimensions are null").clone()),
        self());
  }

  /**
   * The same op as the overload above, with {@code target}.
   *
   * @param target the target shape
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable reshape(Shape target) {
    return reshape(checkNotNull(target, "reshape: shape is null").dims());
  }

  /**
   * y = x without a size-1 axis; ∂x = g in x's shape. A rank-0 x takes axis 0 or −1 and stays
   * rank 0, as in PyTorch.
   *
   * @param axis the axis; a negative one counts from the end; 0 or −1 for rank 0
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable squeeze(int axis) { return SQUEEZE.apply(axis, self()); }

  /**
   * This variable without every size-1 axis, recorded as a {@link Variable#reshape(int...) reshape}
   * to that shape; see {@link Variable#squeeze(int)}.
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable squeeze() {
    return reshape(Arrays.stream(self().shape().dims()).filter(d -> d != 1).toArray());
  }

  /**
   * y = x with a new size-1 axis; ∂x = g in x's shape.
   *
   * @param axis the axis; a negative one counts from the end
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable unsqueeze(int axis) { return UNSQUEEZE.apply(axis, self()); }

  /**
   * y = x with its axes reordered (axis i of y is axis order[i] of x); ∂x = g in the inverse
   * order.
   *
   * @param order the new order: axis i of the result is axis order[i] of this
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable permute(int... order) {
    return PERMUTE.apply(new Dims(checkNotNull(order, "permute: order is null").clone()), self());
  }

  /**
   * y = x with two axes swapped, computed as a permute; ∂x = g with them swapped back. A rank-0 x
   * takes axes 0 and −1, its one axis swapped with itself, as in PyTorch.
   *
   * @param axis1 one axis; 0 or −1 for rank 0
   * @param axis2 the other axis
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable transpose(int axis1, int axis2) {
    return LayoutOps.transpose(self(), axis1, axis2);
  }

  /**
   * y = x broadcast to a shape; ∂x = g summed back to x's shape.
   *
   * @param target the target shape
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable broadcastTo(Shape target) {
    return BROADCAST_TO.apply(checkNotNull(target, "broadcastTo: shape is null"), self());
  }

  /**
   * The same op as the overload above, with {@code dims}.
   *
   * @param dims the dimensions
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable broadcastTo(int... dims) {
    return broadcastTo(Shape.of("broadcastTo", dims));
  }

  /**
   * y = x summed down to a shape it broadcasts from; ∂x = g broadcast back to x's shape.
   *
   * @param target the target shape
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable sumTo(Shape target) {
    return SUM_TO.apply(checkNotNull(target, "sumTo: shape is null"), self());
  }

  /**
   * The same op as the overload above, with {@code dims}.
   *
   * @param dims the dimensions
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable sumTo(int... dims) {
    return sumTo(Shape.of("sumTo", dims));
  }

  /**
   * y = x[start:end:step] along an axis (Python's bounds); ∂x = g between zeros (step 1) or
   * added into zeros at the taken positions.
   *
   * @param axis the axis; a negative one counts from the end
   * @param start the first index (Python's meaning: negative counts from the end)
   * @param end the index to stop before (Python's meaning)
   * @param step the step, positive
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable slice(int axis, int start, int end, int step) {
    return SLICE.apply(new Range(axis, start, end, step), self());
  }

  /**
   * Elements {@code start} to {@code end} along an axis.
   *
   * @param axis the axis; negative counts from the end
   * @param start the first index
   * @param end the index past the last
   * @return a new variable that records this operation
   */
  default Variable slice(int axis, int start, int end) { return slice(axis, start, end, 1); }

  // ---- triangles of the last two axes ----

  /**
   * y = x where j − i ≥ diagonal in each matrix of the last two axes, 0 elsewhere; ∂x = triu of
   * g. PyTorch's {@code triu}; see {@link Tensor#triu(int)} (∞ and NaN outside give 0).
   *
   * @param diagonal the first diagonal kept: 0 the main one, 1 above it, −1 below
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable triu(int diagonal) { return TRIU.apply(diagonal, self()); }

  /**
   * {@link #triu(int)} from the main diagonal up.
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable triu() { return triu(0); }

  /**
   * y = x where j − i ≤ diagonal in each matrix of the last two axes, 0 elsewhere; ∂x = tril of
   * g. PyTorch's {@code tril}; see {@link Tensor#tril(int)}.
   *
   * @param diagonal the last diagonal kept: 0 the main one, 1 above it, −1 below
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable tril(int diagonal) { return TRIL.apply(diagonal, self()); }

  /**
   * {@link #tril(int)} from the main diagonal down.
   *
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable tril() { return tril(0); }

  // ---- joining: this variable first, then the others ----

  /**
   * y = the parts joined along an axis; ∂partᵢ = the matching slice of g. The parts are this
   * variable, then {@code others}: {@code x.concat(0, z)} is PyTorch's {@code torch.cat([x, z])}.
   * For a list of parts that has no first one to call it on, {@link Variables#concat(int,
   * Variable...)}.
   *
   * @param axis the axis; a negative one counts from the end
   * @param others the variables that follow this one, none or more, of its shape outside the axis
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable concat(int axis, Variable... others) {
    return LayoutOps.concat(axis, LayoutOps.withFirst("concat", self(), others));
  }

  /**
   * y = the parts stacked along a new axis; ∂partᵢ = g's slice i along that axis. The parts are
   * this variable, then {@code others}: {@code x.stack(0, z)} is PyTorch's {@code
   * torch.stack([x, z])}. For a list of parts, {@link Variables#stack(int, Variable...)}.
   *
   * @param axis the position of the new axis; a negative one counts from the end
   * @param others the variables that follow this one, none or more, each of its shape
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable stack(int axis, Variable... others) {
    return LayoutOps.stack(axis, LayoutOps.withFirst("stack", self(), others));
  }

  // ---- indexing: the axis first; indices are data, whole numbers, negative from the end ----

  /**
   * y[..i..] = x[..index[..i..]..] along the axis; ∂x = g scatter-added into zeros. A rank-0 x
   * takes axis 0 or −1 and an index of rank 0 or 1, all 0s; y has the index's shape, as in
   * PyTorch.
   *
   * @param axis the axis; a negative one counts from the end; 0 or −1 for rank 0
   * @param index the indices: data, whole numbers, negative ones counting from the end
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable gather(int axis, Tensor index) {
    return GATHER.apply(indexed("gather", axis, index), self());
  }

  /**
   * y = x with source added at the indices along the axis; ∂x = g, ∂source = g gathered at the
   * indices. A rank-0 x as for {@link Variable#gather}.
   *
   * @param axis the axis; a negative one counts from the end; 0 or −1 for rank 0
   * @param index the indices: data, whole numbers, negative ones counting from the end
   * @param source the values added
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable scatterAdd(int axis, Tensor index, Variable source) {
    return SCATTER_ADD.apply(indexed("scatterAdd", axis, index), self(), source);
  }

  /**
   * y = the slices of x at the indices along the axis, the index's shape in the axis's place;
   * ∂x = g index-added into zeros. A rank-0 x takes axis 0 or −1 and an index of one 0, of
   * shape [] or [1], and y is x (rank 0), as PyTorch's index_select has it.
   *
   * @param axis the axis; a negative one counts from the end; 0 or −1 for rank 0
   * @param index the indices: data, whole numbers, negative ones counting from the end
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable take(int axis, Tensor index) {
    return TAKE.apply(indexed("take", axis, index), self());
  }

  /**
   * y = x with the slices of source added at the indices along the axis; ∂x = g, ∂source = take
   * of g at the indices. A rank-0 x as for {@link Variable#take}, with a rank-0 source.
   *
   * @param axis the axis; a negative one counts from the end; 0 or −1 for rank 0
   * @param index the indices: data, whole numbers, negative ones counting from the end
   * @param source the values added
   * @return the result, recorded in the graph when gradients are wanted
   */
  default Variable indexAdd(int axis, Tensor index, Variable source) {
    return INDEX_ADD.apply(indexed("indexAdd", axis, index), self(), source);
  }

  /** The variable itself, this interface's only implementation. */
  private Variable self() {
    return (Variable) this;
  }
}
