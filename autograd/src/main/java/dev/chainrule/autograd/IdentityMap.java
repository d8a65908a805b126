package dev.chainrule.autograd;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A map that compares keys by reference, like {@link IdentityHashMap}, for the engine's
 * bookkeeping of one backward pass that is keyed by tensors (the holders of recyclable gradients,
 * the values a rule lent) or by a caller's variables (those whose gradients are wanted). The
 * graph's own variables are numbered instead (see {@link GraphOrder}).
 *
 * <p>Why not {@code IdentityHashMap} itself: a graph has a few dozen nodes even for a large
 * network (a node is a whole layer's op), and most keys were born in the step being
 * differentiated. Hashing a fresh object makes the JVM compute and store its identity hash (about
 * 20 ns, tens of times a reference comparison), and an empty {@code IdentityHashMap} allocates a
 * 64-slot table. In a profile of the XOR benchmark's 2-2-1 network they took about a fifth of the
 * samples of a training step (before this map; a later profile found this map's own scans at a
 * fifth, and the engine's walk now numbers the graph's variables instead). Up to {@link
 * #LINEAR_LIMIT} entries this map scans an array of keys instead (one array, allocated at the
 * first entry); past that it moves its entries into an {@code IdentityHashMap}, so a long graph
 * (an unrolled recurrence) costs what it did.
 *
 * <p>Entries come in no particular order, as in {@code IdentityHashMap}; change a value with
 * {@code put}, not {@link Entry#setValue}, which the array form does not support.
 *
 * @param <K> the keys' type, compared with {@code ==}
 * @param <V> the values' type
 */
final class IdentityMap<K, V> extends AbstractMap<K, V> {
  /** Entries kept in arrays; a scan of this many references costs about one fresh hash. */
  static final int LINEAR_LIMIT = 32;

  /** Key i at 2i, its value at 2i + 1: one array to allocate; null until the first entry. */
  private Object[] slots;
  private int size;
  private IdentityHashMap<K, V> large;

  @Override
  public int size() {
    return large != null ? large.size() : size;
  }

  @Override
  public boolean containsKey(Object key) {
    return large != null ? large.containsKey(key) : indexOf(key) >= 0;
  }

  @Override
  @SuppressWarnings("unchecked")
  public V get(Object key) {
    if (large != null) {
      return large.get(key);
    }
    int i = indexOf(key);
    return i >= 0 ? (V) slots[2 * i + 1] : null;
  }

  @Override
  @SuppressWarnings("unchecked")
  public V put(K key, V value) {
    if (large != null) {
      return large.put(key, value);
    }
    int i = indexOf(key);
    if (i >= 0) {
      V before = (V) slots[2 * i + 1];
      slots[2 * i + 1] = value;
      return before;
    }
    if (size == LINEAR_LIMIT) {
      large = new IdentityHashMap<>(2 * LINEAR_LIMIT);
      for (int j = 0; j < size; j++) {
        large.put((K) slots[2 * j], (V) slots[2 * j + 1]);
      }
      slots = null;
      size = 0;
      return large.put(key, value);
    }
    if (slots == null) {
      // Room for every entry a small graph's pass makes, so the array never grows there.
      slots = new Object[2 * LINEAR_LIMIT];
    }
    slots[2 * size] = key;
    slots[2 * size + 1] = value;
    size++;
    return null;
  }

  @Override
  @SuppressWarnings("unchecked")
  public V remove(Object key) {
    if (large != null) {
      return large.remove(key);
    }
    int i = indexOf(key);
    if (i < 0) {
      return null;
    }
    V before = (V) slots[2 * i + 1];
    removeAt(i);
    return before;
  }

  @Override
  public void clear() {
    large = null;
    slots = null;
    size = 0;
  }

  @Override
  public Set<Entry<K, V>> entrySet() {
    return large != null ? large.entrySet() : new Entries();
  }

  private int indexOf(Object key) {
    for (int i = 0; i < size; i++) {
      if (slots[2 * i] == key) {
        return i;
      }
    }
    return -1;
  }

  /** Moves the last entry into slot {@code i}: the order is not kept, as in a hash map. */
  private void removeAt(int i) {
    size--;
    slots[2 * i] = slots[2 * size];
    slots[2 * i + 1] = slots[2 * size + 1];
    slots[2 * size] = null;
    slots[2 * size + 1] = null;
  }

  /** The entries while they are in the arrays. */
  private final class Entries extends AbstractSet<Entry<K, V>> {
    @Override
    public int size() {
      return IdentityMap.this.size();
    }

    @Override
    public Iterator<Entry<K, V>> iterator() {
      return new Iterator<>() {
        private int next;
        private boolean removable;

        @Override
        public boolean hasNext() {
          return next < size;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Entry<K, V> next() {
          if (next >= size) {
            throw new NoSuchElementException();
          }
          removable = true;
          int i = next++;
          return new SimpleImmutableEntry<>((K) slots[2 * i], (V) slots[2 * i + 1]);
        }

        @Override
        public void remove() {
          if (!removable) {
            throw new IllegalStateException("remove() without next()");
          }
          removable = false;
          // The last entry moves into the removed slot, which is visited again.
          removeAt(--next);
        }
      };
    }
  }

  /** A set of references backed by an {@link IdentityMap}. */
  static <E> Set<E> newSet() {
    return Collections.newSetFromMap(new IdentityMap<E, Boolean>());
  }

  /** For tests: whether the entries still sit in the arrays. */
  boolean isLinear() {
    return large == null;
  }
}
