package dev.chainrule.core;

import java.util.Locale;

/**
 * The check that the factories of a given shape and {@code broadcastTo} make before they
 * allocate: a request past {@link Tensors#LONGEST_ARRAY} is refused naming the operation, where
 * the VM would have thrown an error that names none.
 */
final class ArrayLimit {
  private ArrayLimit() {}

  /**
   * Refuses a shape of more elements than a Java array holds: its size fits an int (2^31 − 1),
   * and the VM's largest array is two shorter, which ended in an OutOfMemoryError naming no op.
   */
  static void requireAllocatable(String op, Shape shape) {
    if (!shape.hasIntSize()) {
      // Asked before size(), whose own message ("shape: ...") named no operation.
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: %s has more than"
          + " 2^31 - 1 elements, more than a Java array holds (%d)", op, shape,
          Tensors.LONGEST_ARRAY));
    }
    int size = shape.size();
    if (size > Tensors.LONGEST_ARRAY) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: %s holds %d elements,"
          + " more than a Java array holds (%d)", op, shape, size, Tensors.LONGEST_ARRAY));
    }
  }
}
