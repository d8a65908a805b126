package dev.chainrule.core;

/**
 * How a reduction walks its input, decided once from the shape and the reduced axes. The reduced
 * axes (ignoring axes of size 1) are usually one contiguous run, and the input is then
 * {@code [outer, length, inner]}: every output cell folds {@code length} elements {@code inner}
 * apart (a row sum has {@code inner = 1}, a column sum {@code outer = 1}). Otherwise
 * {@code cells} gives, for every input element, the output cell it folds into.
 *
 * @param kept the result's shape with the reduced axes kept as size 1
 * @param result the shape returned to the caller (kept, or without the reduced axes)
 * @param cells output cell per input element when the reduced axes are not contiguous, else null
 */
record ReductionPlan(Shape kept, Shape result, int outer, int length, int inner, int[] cells) {

  static ReductionPlan of(Shape shape, boolean[] reduced, boolean keepDims) {
    Shape kept = Reductions.reducedShape(shape, reduced, true);
    Shape result = keepDims ? kept : Reductions.reducedShape(shape, reduced, false);
    int[] dims = shape.dimsView();
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
          return new ReductionPlan(kept, result, 0, 0, 0, cells(shape, kept, reduced));
        }
        sizes[1] *= dims[axis];
      } else {
        sizes[first >= 0 && axis > last ? 2 : 0] *= dims[axis];
      }
    }
    return new ReductionPlan(kept, result, sizes[0], sizes[1], sizes[2], null);
  }

  /** Whether each output cell's elements are one contiguous run (row sums, whole sums). */
  boolean isRows() {
    return cells == null && inner == 1;
  }

  private static int[] cells(Shape shape, Shape kept, boolean[] reduced) {
    int[] strides = kept.strides();
    for (int axis = 0; axis < strides.length; axis++) {
      if (reduced[axis]) {
        strides[axis] = 0;
      }
    }
    return Broadcast.offsets(shape.dimsView(), strides, 0);
  }
}
