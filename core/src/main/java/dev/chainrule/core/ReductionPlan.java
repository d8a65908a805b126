package dev.chainrule.core;

/**
 * How a reduction walks its input, decided once from the shape and the reduced axes. The reduced
 * axes (ignoring axes of size 1) are usually one contiguous run, and the input is then
 * {@code [outer, length, inner]}: every output cell folds {@code length} elements {@code inner}
 * apart (a row sum has {@code inner = 1}, a column sum {@code outer = 1}). When the kept axes are
 * one run between two runs of reduced ones (the per-channel sums of an image batch [n, c, h, w]
 * over n, h and w), {@code keptMiddle} is set and the input is {@code [outer, length, inner]}
 * with the {@code length} middle cells kept: each folds {@code outer} runs of {@code inner}
 * contiguous elements. Otherwise {@code cells} gives, for every input element, the output cell it
 * folds into.
 *
 * @param kept the result's shape with the reduced axes kept as size 1
 * @param result the shape returned to the caller (kept, or without the reduced axes)
 * @param keptMiddle whether the kept axes lie between reduced ones ({@code length} is then the
 *     number of output cells)
 * @param cells output cell per input element when the reduced axes are not contiguous, else null
 */
record ReductionPlan(Shape kept, Shape result, int outer, int length, int inner,
    boolean keptMiddle, int[] cells) {

  /** The kept shapes of whole reductions of rank 0 to 4: [], [1], [1, 1], ... */
  private static final Shape[] ONES = {Shape.scalar(), Shape.of(1), Shape.of(1, 1),
      Shape.of(1, 1, 1), Shape.of(1, 1, 1, 1)};

  static ReductionPlan of(Shape shape, boolean[] reduced, boolean keepDims) {
    if (shape.rank() < ONES.length && all(reduced)) {
      // A whole reduction (every loss, every scalar sum) is one run of every element. The
      // general walk below finds the same plan (ReductionPlanTest) through four arrays.
      Shape kept = ONES[shape.rank()];
      return new ReductionPlan(kept, keepDims ? kept : Shape.scalar(), 1, shape.size(), 1, false,
          null);
    }
    int[] dims = shape.dimsView();
    if (dims.length == 2 && reduced[0] && !reduced[1] && dims[0] != 1) {
      // A matrix's column sums: every dense layer's bias gradient, every step. The general walk
      // finds the same plan (ReductionPlanTest) through five arrays and two shapes more.
      Shape kept = Shape.of(1, dims[1]);
      return new ReductionPlan(kept, keepDims ? kept : Shape.of(dims[1]), 1, dims[0], dims[1],
          false, null);
    }
    return general(shape, reduced, keepDims);
  }

  /** The plan of any reduction. */
  static ReductionPlan general(Shape shape, boolean[] reduced, boolean keepDims) {
    Shape kept = ReducedAxes.reducedShape(shape, reduced, true);
    Shape result = keepDims ? kept : ReducedAxes.reducedShape(shape, reduced, false);
    int[] dims = shape.dimsView();
    int[] around = keptBetweenReduced(dims, reduced);
    if (around != null) {
      return new ReductionPlan(kept, result, around[0], around[1], around[2], true, null);
    }
    int first = -1;
    int last = -1;
    for (int axis = 0; axis < dims.length; axis++) {
      if (reduced[axis] && dims[axis] != 1) {
        first = first < 0 ? axis : first;
        last = axis;
      }
    }
    int[] sizes = {1, 1, 1};
    for (int axis = 0; axis < dims.length; axis++) {
      if (first >= 0 && axis >= first && axis <= last) {
        if (!reduced[axis] && dims[axis] != 1) {
          return new ReductionPlan(kept, result, 0, 0, 0, false, cells(shape, kept, reduced));
        }
        sizes[1] *= dims[axis];
      } else {
        sizes[first >= 0 && axis > last ? 2 : 0] *= dims[axis];
      }
    }
    return new ReductionPlan(kept, result, sizes[0], sizes[1], sizes[2], false, null);
  }

  /**
   * {@code {reduced before, kept, reduced after}} element counts when the axes of size above 1 are
   * a run of reduced axes, a run of kept ones and another run of reduced ones; otherwise null.
   */
  private static int[] keptBetweenReduced(int[] dims, boolean[] reduced) {
    int[] sizes = {1, 1, 1};
    int run = -1;
    boolean previous = false;
    for (int axis = 0; axis < dims.length; axis++) {
      if (dims[axis] == 1) {
        continue;
      }
      if (run < 0 || reduced[axis] != previous) {
        run++;
        previous = reduced[axis];
        if (run > 2 || reduced[axis] != (run != 1)) {
          return null;
        }
      }
      sizes[run] *= dims[axis];
    }
    return run == 2 ? sizes : null;
  }

  private static boolean all(boolean[] reduced) {
    for (boolean axis : reduced) {
      if (!axis) {
        return false;
      }
    }
    return true;
  }

  /** Whether each output cell's elements are one contiguous run (row sums, whole sums). */
  boolean isRows() {
    return cells == null && !keptMiddle && inner == 1;
  }

  private static int[] cells(Shape shape, Shape kept, boolean[] reduced) {
    int[] strides = kept.walkStrides();
    for (int axis = 0; axis < strides.length; axis++) {
      if (reduced[axis]) {
        strides[axis] = 0;
      }
    }
    return Broadcast.offsets(shape.dimsView(), strides, 0);
  }
}
