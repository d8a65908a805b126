package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Reshaping, reordering, broadcasting, slicing, joining and indexing a tensor, part of {@link
 * Tensor}'s API in a file of its own. Every result is a new tensor: nothing here is a view. {@link
 * Tensor} is the only implementation.
 */
public sealed interface TensorShaping permits Tensor {
  // ---- shape ----

  /**
   * The same elements in a new shape, row-major order kept (NumPy's {@code reshape}, but always a
   * copy); one dimension may be −1 and is then inferred.
   *
   * @param dims the new dimensions; their product must equal {@link Tensor#size()}
   * @return a new tensor of that shape and this type
   * @throws IllegalArgumentException naming reshape and both shapes when the sizes differ, more
   *     than one dimension is −1, or a dimension is otherwise negative
   */
  default Tensor reshape(int... dims) { return ShapeOps.reshape(self(), dims); }

  /**
   * The same elements in a new shape, row-major order kept.
   *
   * @param target the new shape, of the same size
   * @return a new tensor of that shape and this type
   * @throws IllegalArgumentException naming reshape and both shapes when the sizes differ
   */
  default Tensor reshape(Shape target) {
    return reshape(checkNotNull(target, "reshape: shape is null").dimsView());
  }

  /**
   * Swaps two axes ({@code transpose(-2, -1)} transposes a batch of matrices); a copy, never a
   * view. A rank-0 tensor takes axes 0 and −1, its one axis swapped with itself, as PyTorch does
   * ({@link Shape#wrapAxis}).
   *
   * @param axis1 one axis; negative counts from the end; 0 or −1 for rank 0
   * @param axis2 the other axis; may equal {@code axis1}
   * @return a new tensor of this type with the two dimensions exchanged
   * @throws IllegalArgumentException naming transpose, the axis and the shape when either is out of
   *     range
   */
  default Tensor transpose(int axis1, int axis2) {
    return ShapeOps.transpose(self(), axis1, axis2);
  }

  /**
   * Reorders the axes: axis {@code i} of the result is axis {@code order[i]} of this tensor
   * (PyTorch's {@code permute}, NumPy's {@code transpose(axes)}).
   *
   * @param order a permutation of the axes, negative ones counting from the end
   * @return a new tensor of this type
   * @throws IllegalArgumentException naming permute, the order and the shape when it is not a
   *     permutation of the axes
   */
  default Tensor permute(int... order) { return ShapeOps.permute(self(), order); }

  /**
   * Repeats this tensor's elements to fill {@code target}, by NumPy's broadcasting rules
   * ({@code broadcast_to}, but a copy).
   *
   * @param target the shape to fill; this shape must broadcast to it unchanged
   * @return a new tensor of that shape and this type
   * @throws IllegalArgumentException naming broadcastTo and both shapes when this shape does not
   *     broadcast to the target
   */
  default Tensor broadcastTo(Shape target) { return ShapeOps.broadcastTo(self(), target); }

  /**
   * {@link Tensor#broadcastTo(Shape)} with the shape's dimensions.
   *
   * @param dims the dimensions of the shape to fill
   * @return a new tensor of that shape and this type
   * @throws IllegalArgumentException naming broadcastTo and both shapes when this shape does not
   *     broadcast to the target
   */
  default Tensor broadcastTo(int... dims) {
    return broadcastTo(Shape.of("broadcastTo", dims));
  }

  /**
   * The adjoint of broadcastTo: sums the broadcast axes away, leaving {@code target}. This is how a
   * gradient reaches an input that was broadcast: leading axes that broadcasting added are summed
   * away and axes stretched from 1 are summed with size 1 kept.
   *
   * @param target a shape that broadcasts to this tensor's shape
   * @return a new tensor of that shape and this type (a copy when the shapes are equal)
   * @throws IllegalArgumentException naming sumTo and both shapes when the target does not
   *     broadcast to this shape
   */
  default Tensor sumTo(Shape target) { return ShapeOps.sumTo(self(), target); }

  /**
   * {@link Tensor#sumTo(Shape)} with the shape's dimensions.
   *
   * @param dims the dimensions of a shape that broadcasts to this tensor's
   * @return a new tensor of that shape and this type
   * @throws IllegalArgumentException naming sumTo and both shapes when the target does not
   *     broadcast to this shape
   */
  default Tensor sumTo(int... dims) {
    return sumTo(Shape.of("sumTo", dims));
  }

  /**
   * Removes every axis of size 1.
   *
   * @return a new tensor of this type ([1, 3, 1] becomes [3]; [1, 1] becomes a scalar)
   */
  default Tensor squeeze() { return ShapeOps.squeeze(self()); }

  /**
   * Removes one axis, which must have size 1. A rank-0 tensor takes axis 0 or −1 and stays rank
   * 0, as PyTorch has it ({@link Shape#wrapAxis}).
   *
   * @param axis the axis; negative counts from the end; 0 or −1 for rank 0
   * @return a new tensor of this type, one rank lower (rank 0 for rank 0)
   * @throws IllegalArgumentException naming squeeze, the axis and the shape when it is out of range
   *     or its size is not 1
   */
  default Tensor squeeze(int axis) { return ShapeOps.squeeze(self(), axis); }

  /**
   * Inserts an axis of size 1 at position {@code axis} of the result.
   *
   * @param axis the new axis's position in the result, in [−(rank + 1), rank + 1): 0 puts it first,
   *     −1 last
   * @return a new tensor of this type, one rank higher
   * @throws IllegalArgumentException naming unsqueeze, the axis and the shape when it is out of
   *     range
   */
  default Tensor unsqueeze(int axis) { return ShapeOps.unsqueeze(self(), axis); }

  /**
   * Python's {@code [start:end:step]} along one axis (negative bounds count from the end; bounds
   * beyond the axis are clamped to it, as Python does, so a slice can be empty but never fails).
   *
   * @param axis the axis to slice; negative counts from the end
   * @param start the first index taken
   * @param end the index to stop before
   * @param step the distance between taken indices, positive
   * @return a new tensor of this type with ⌈(end − start) / step⌉ elements along the axis (after
   *     clamping), the other axes unchanged
   * @throws IllegalArgumentException naming slice when the axis is out of range or the step is not
   *     positive
   */
  default Tensor slice(int axis, int start, int end, int step) {
    return ShapeOps.slice(self(), axis, start, end, step);
  }

  /**
   * Python's {@code [start:end]} along one axis; see {@link Tensor#slice(int, int, int, int)}.
   *
   * @param axis the axis to slice; negative counts from the end
   * @param start the first index taken
   * @param end the index to stop before
   * @return a new tensor of this type with {@code end − start} elements along the axis (after
   *     clamping)
   * @throws IllegalArgumentException naming slice, the axis and the shape when the axis is out of
   *     range
   */
  default Tensor slice(int axis, int start, int end) { return slice(axis, start, end, 1); }

  // ---- triangles of the last two axes ----

  /**
   * The upper triangle of each matrix (the last two axes; any before them are batch axes), as
   * PyTorch's {@code triu}: element (i, j) is kept where j − i ≥ {@code diagonal} and is 0
   * elsewhere, even where it is ∞ or NaN (a selection, not a product with a mask). 0 keeps the
   * main diagonal, 1 starts above it, −1 below.
   *
   * @param diagonal the first diagonal kept, any int
   * @return a new tensor of this shape and type
   * @throws IllegalArgumentException naming triu and the shape when the rank is below 2
   */
  default Tensor triu(int diagonal) { return Triangles.keep("triu", self(), diagonal, true); }

  /**
   * {@link Tensor#triu(int)} from the main diagonal up: {@code triu(0)}.
   *
   * @return a new tensor of this shape and type
   */
  default Tensor triu() { return triu(0); }

  /**
   * The lower triangle of each matrix, as PyTorch's {@code tril}: element (i, j) is kept where
   * j − i ≤ {@code diagonal} and is 0 elsewhere; see {@link Tensor#triu(int)}. A causal mask for
   * n positions is {@code Tensors.ones(n, n).tril()}.
   *
   * @param diagonal the last diagonal kept, any int
   * @return a new tensor of this shape and type
   * @throws IllegalArgumentException naming tril and the shape when the rank is below 2
   */
  default Tensor tril(int diagonal) { return Triangles.keep("tril", self(), diagonal, false); }

  /**
   * {@link Tensor#tril(int)} from the main diagonal down: {@code tril(0)}.
   *
   * @return a new tensor of this shape and type
   */
  default Tensor tril() { return tril(0); }

  // ---- joining: this tensor first, then the others ----

  /**
   * This tensor followed by {@code others} along {@code axis}: {@code x.concat(0, y)} is PyTorch's
   * {@code torch.cat([x, y])}, NumPy's {@code concatenate}. For a list of parts that has no first
   * one to call it on, {@link Tensors#concat(int, Tensor...)}.
   *
   * @param axis the axis to join along; negative counts from the end
   * @param others the tensors that follow this one, none or more, of this rank and of this
   *     tensor's dimensions outside {@code axis}
   * @return a new tensor whose size along {@code axis} is the sum of this tensor's and the
   *     others', in the widest of their types
   * @throws IllegalArgumentException naming concat and the shapes (this tensor as tensor 0) when
   *     they differ outside the axis, when this is a scalar (use {@link Tensor#stack}), or when
   *     the lengths along the axis add up to more than 2^31 − 1 or the result holds more
   *     elements than a Java array (2^31 − 3)
   * @throws NullPointerException naming concat when {@code others} or one of them is null
   */
  default Tensor concat(int axis, Tensor... others) {
    return Joining.concat(axis, Joining.withFirst("concat", self(), others));
  }

  /**
   * This tensor and {@code others} stacked along a new axis at position {@code axis}, this one
   * first: {@code x.stack(0, y)} is PyTorch's {@code torch.stack([x, y])}. For a list of parts,
   * {@link Tensors#stack(int, Tensor...)}.
   *
   * @param axis the position of the new axis in the result, in [−(rank + 1), rank + 1)
   * @param others the tensors that follow this one, none or more, each of this tensor's shape
   * @return a new tensor of rank + 1 with 1 + {@code others.length} along {@code axis}, in the
   *     widest of their types
   * @throws IllegalArgumentException naming stack and the shapes (this tensor as tensor 0) when
   *     they differ, the axis when it is out of range, or the parts' count and shape when the
   *     result holds more elements than a Java array (2^31 − 3), before any copy
   * @throws NullPointerException naming stack when {@code others} or one of them is null
   */
  default Tensor stack(int axis, Tensor... others) {
    return Joining.stack(axis, Joining.withFirst("stack", self(), others));
  }

  // ---- indexing ----

  /**
   * PyTorch's gather: {@code out[..i..] = this[..index[..i..]..]} along {@code axis}. Indices are
   * whole numbers in {@code [-size, size)}; a negative one counts from the end, as in NumPy. A
   * rank-0 tensor is one axis of one element, as in PyTorch ({@link Shape#wrapAxis}): axis 0 or
   * −1, an index of rank 0 or 1 whose values are all 0.
   *
   * @param axis the axis the indices select along; negative counts from the end
   * @param index the indices, of this tensor's rank (0 or 1 for rank 0) and no larger than it
   *     outside {@code axis}; of either type
   * @return a new tensor of the index's shape and this type
   * @throws IllegalArgumentException naming gather, the index's shape and this shape when the
   *     shapes do not fit, or the value when an index is not a whole number in range
   */
  default Tensor gather(int axis, Tensor index) { return Indexing.gather(self(), axis, index); }

  /**
   * The adjoint of gather: a copy of this tensor with {@code source} added at the indices
   * ({@code out[..index[..i..]..] += source[..i..]}); an index that repeats adds each time, as
   * PyTorch's {@code scatter_add} (a rank-0 tensor as for {@link Tensor#gather}: at index 0).
   *
   * @param axis the axis the indices select along; negative counts from the end
   * @param index the indices, as for {@link Tensor#gather}
   * @param source the values to add, of the index's shape
   * @return a new tensor of this shape, in the wider type of this tensor and {@code source}
   * @throws IllegalArgumentException naming scatterAdd and the shapes when they do not fit, or the
   *     value when an index is not a whole number in range
   */
  default Tensor scatterAdd(int axis, Tensor index, Tensor source) {
    return Indexing.scatterAdd(self(), axis, index, source);
  }

  /**
   * NumPy's take: the slices at {@code index} along {@code axis}, the index's shape in its place.
   * Like every indexing method here the axis comes first, and indices may be negative. Picking rows
   * of an embedding table is {@code table.take(0, ids)}. A rank-0 tensor takes axis 0 or −1 and
   * an index of one element 0, of shape [] or [1], and gives itself (rank 0), as PyTorch's
   * {@code index_select} does ({@link Shape#wrapAxis}).
   *
   * @param axis the axis to pick along; negative counts from the end
   * @param index the indices, of any shape and either type, whole numbers in [−dim(axis),
   *     dim(axis))
   * @return a new tensor of this type, of shape {@code shape[:axis] + index.shape + shape[axis+1:]}
   *     ([] for rank 0)
   * @throws IllegalArgumentException naming take and the value when an index is not a whole number
   *     in range, or the axis when it is out of range
   */
  default Tensor take(int axis, Tensor index) { return Indexing.take(self(), axis, index); }

  /**
   * The adjoint of take: a copy of this tensor with the slices of {@code source} added at
   * {@code index} along {@code axis}; an index that repeats adds each time (NumPy's
   * {@code add.at}); a rank-0 tensor as for {@link Tensor#take}, with a rank-0 source.
   *
   * @param axis the axis to add along; negative counts from the end
   * @param index the indices, as for {@link Tensor#take}
   * @param source the slices to add, of the shape {@code take(axis, index)} would have
   * @return a new tensor of this shape, in the wider type of this tensor and {@code source}
   * @throws IllegalArgumentException naming indexAdd and the shapes when the source does not match,
   *     or the value when an index is not a whole number in range
   */
  default Tensor indexAdd(int axis, Tensor index, Tensor source) {
    return Indexing.indexAdd(self(), axis, index, source);
  }

  /** The tensor itself, this interface's only implementation. */
  private Tensor self() {
    return (Tensor) this;
  }
}
