package dev.chainrule.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One thread's arrays for {@link Recycling}, by type and length; the most recently returned
 * comes out first. When a new array would pass a bound (bytes or lengths), the arrays of the
 * lengths least recently used go first: a program that moves on to other shapes (a second model,
 * evaluation batches) would otherwise find the pool full of the old ones and recycle nothing.
 */
final class ArrayPool {
  private final List<Shelf> shelves = new ArrayList<>();
  /** The innermost scope open on this pool's thread, or null. */
  Recycling.Scope openScope;
  private long bytes;
  private long received;
  /** Counts takes and gives: a shelf's last use is the count when it was last used. */
  private long clock;

  /** The bytes of the arrays held. */
  long bytes() {
    return bytes;
  }

  /** How many arrays were given to the pool since the thread started. */
  long received() {
    return received;
  }

  /** Drops every array held (they become garbage). */
  void clear() {
    shelves.clear();
    bytes = 0;
  }

  Object take(int length, Class<?> type) {
    Shelf shelf = shelf(length, type);
    Object array = shelf == null ? null : shelf.arrays.pollFirst();
    if (array != null) {
      bytes -= shelf.bytesEach;
      shelf.lastUse = ++clock;
    }
    return array;
  }

  boolean give(Object array) {
    int length = java.lang.reflect.Array.getLength(array);
    if ((array instanceof double[] ? 8L : 4L) * length > Recycling.MAX_POOLED_BYTES) {
      return false;  // before a new shelf could push out the arrays of a length in use
    }
    Shelf shelf = shelf(length, array.getClass());
    if (shelf == null) {
      shelves.removeIf(unused -> unused.arrays.isEmpty());
      if (shelves.size() >= Recycling.MAX_SHELVES) {
        evict(leastRecentlyUsed(null));
      }
      shelf = new Shelf(array.getClass(), length);
      shelves.add(shelf);
    }
    if (shelf.arrays.size() >= Recycling.MAX_PER_LENGTH) {
      return false;
    }
    while (bytes + shelf.bytesEach > Recycling.MAX_POOLED_BYTES) {
      Shelf oldest = leastRecentlyUsed(shelf);
      if (oldest == null) {
        // This length alone fills the pool: the new array dies young rather than an old one.
        return false;
      }
      evict(oldest);
    }
    shelf.arrays.addFirst(array);
    shelf.lastUse = ++clock;
    bytes += shelf.bytesEach;
    received++;
    return true;
  }

  /** The non-empty shelf used longest ago, other than {@code except}, or null if none. */
  private Shelf leastRecentlyUsed(Shelf except) {
    Shelf oldest = null;
    for (Shelf shelf : shelves) {
      if (shelf != except && !shelf.arrays.isEmpty()
          && (oldest == null || shelf.lastUse < oldest.lastUse)) {
        oldest = shelf;
      }
    }
    return oldest;
  }

  /** Drops a shelf's arrays (they become garbage) and the shelf. */
  private void evict(Shelf shelf) {
    bytes -= shelf.bytesEach * shelf.arrays.size();
    shelves.remove(shelf);
  }

  private Shelf shelf(int length, Class<?> type) {
    for (Shelf shelf : shelves) {
      if (shelf.length == length && shelf.type == type) {
        return shelf;
      }
    }
    return null;
  }

  /** The arrays of one type and length. */
  private static final class Shelf {
    final Class<?> type;
    final int length;
    final long bytesEach;
    final ArrayDeque<Object> arrays = new ArrayDeque<>();
    long lastUse;

    Shelf(Class<?> type, int length) {
      this.type = type;
      this.length = length;
      this.bytesEach = (type == double[].class ? 8L : 4L) * length;
    }
  }
}
