package dev.chainrule.core;

/**
 * Arrays handed back for reuse by whoever can prove that nothing reads them any more: the
 * autograd engine, for the gradients of a backward pass once the nodes that read them have run;
 * a backward rule, for a temporary of its own ({@link #recycleTemporary}); a kernel, for an array
 * no tensor left it with (a dense layer's product once its activation is written elsewhere).
 *
 * <p>Why: an elementwise kernel writing into a fresh Java array costs about three times the same
 * loop writing into an array it used a moment ago (128×512 float64 add: 1.25 against 0.35 ns per
 * element), because a fresh array is memory the cache has not seen; the JVM's zeroing is not the
 * cost. PyTorch's caching allocator gets the warm block for free when a tensor's reference count
 * drops to zero. Java has no reference counts, so only an owner that knows every holder may hand an
 * array back, and only a tensor born while that owner's {@link Scope} was open on this thread is
 * accepted: a value made before the scope (a parameter, a graph value, a user's constant) can
 * never be recycled by mistake.
 *
 * <p>Recycled arrays go to a pool of this thread (at most {@link #MAX_POOLED_BYTES} in 32 lengths
 * of at most {@link #MAX_PER_LENGTH} arrays, the lengths used longest ago making room for new
 * ones) and come back out only to kernels that overwrite every element (elementwise ops, softmax
 * rows, matrix products with β = 0 or a fused bias, gathers of rows), so nothing ever reads a
 * stale value. Arrays below {@link #MIN_ELEMENTS} are not pooled. {@code
 * -Dchainrule.recycle=false} turns recycling off (to compare, or to rule it out).
 */
public final class Recycling {
  /**
   * Smaller arrays are left to the allocator (a pointer bump), faster than a lookup for a few
   * elements; from here on the pool's warm arrays win over fresh memory at about 1 ns per float64
   * element (the class-index cross-entropy on 150 × 3, its scratch pooled: 0.75 of its time).
   */
  public static final int MIN_ELEMENTS = 128;
  /** A bound on what one thread's pool keeps alive; a float64 MLP step recycles about 2 MB. */
  public static final long MAX_POOLED_BYTES = 32L << 20;
  /** A bound on the lengths kept at once, so that a lookup stays a short scan. */
  static final int MAX_SHELVES = 32;
  /**
   * A bound on the arrays of one length. A length handed back more often than kernels ask for it
   * would otherwise fill the pool, and every array it pushed out would have lived long enough to
   * reach the old generation: garbage the young collections cannot reclaim (batches of images
   * handed back but converted into fresh arrays grew a float32 epoch's heap by 130 MB). An array
   * refused here dies young instead.
   */
  static final int MAX_PER_LENGTH = 16;
  private static final boolean ENABLED =
      !"false".equalsIgnoreCase(System.getProperty("chainrule.recycle"));
  private static final ThreadLocal<ArrayPool> POOL = ThreadLocal.withInitial(ArrayPool::new);

  private Recycling() {}

  /**
   * Opens a scope on this thread: the tensors born while it is open (on this thread) are the only
   * ones {@link Scope#recycle} accepts. Scopes nest; close them in reverse order of opening
   * (try-with-resources).
   *
   * @return the open scope
   */
  public static Scope open() {
    ArrayPool pool = POOL.get();
    Scope scope = new Scope(pool, pool.openScope);
    pool.openScope = scope;
    return scope;
  }

  /**
   * Whether a scope is open on this thread: then its owner decides what is recycled, and a
   * container that would open one of its own for its forward pass (see {@code Sequential}) leaves
   * the values to that owner.
   *
   * @return whether a scope is open on this thread
   */
  public static boolean isScopeOpen() {
    return POOL.get().openScope != null;
  }

  /** The scope a tensor of {@code length} elements is born in, or null when it is not tracked. */
  static Scope birthScope(int length) {
    return ENABLED && length >= MIN_ELEMENTS ? POOL.get().openScope : null;
  }

  /** A float64 array of {@code length} with arbitrary contents, for a kernel that overwrites it. */
  static double[] bufferF64(int length) {
    Object reused = reused(length, double[].class);
    return reused != null ? (double[]) reused : new double[length];
  }

  /**
   * A float64 array of {@code length} with arbitrary contents, for a float64 accumulator of a
   * kernel template ({@link Wide}: the float32 generator renames {@code bufferF64}, not this).
   */
  static double[] bufferWide(int length) {
    return bufferF64(length);
  }

  /** A float32 array of {@code length} with arbitrary contents, for a kernel that overwrites it. */
  static float[] bufferF32(int length) {
    Object reused = reused(length, float[].class);
    return reused != null ? (float[]) reused : new float[length];
  }

  /** A pooled array of this type and length, or null (small lengths never look). */
  private static Object reused(int length, Class<?> type) {
    return ENABLED && length >= MIN_ELEMENTS ? POOL.get().take(length, type) : null;
  }

  /**
   * Hands back the array of a tensor born in a scope that has since closed, for an owner that has
   * kept the tensor from everyone else ever since: a variable's gradient, stolen from the backward
   * pass that computed it and dropped by {@code zeroGrad} before anyone was given it. Like {@link
   * Scope#recycle}, a tensor is taken at most once, one made outside every scope (a parameter, a
   * user's constant) never, and neither is one whose scope is still open: its owner there (a
   * backward pass's table of gradients) may still hold it.
   *
   * @param tensor a tensor no one will read again
   * @return whether its array was taken
   */
  public static boolean recycleKept(Tensor tensor) {
    return tensor != null && tensor.claimBirthOfClosedScope()
        && POOL.get().give(tensor.storage().array());
  }

  /**
   * Hands back a temporary: a tensor the caller made itself, inside the scope open now on this
   * thread, and gave to no one (a backward rule's intermediate gradient, once the rule's results
   * are made from it). As with {@link Scope#recycle}, the caller promises that nothing reads it
   * again; a tensor born outside that scope, or in none, is never taken. Only the caller can keep
   * that promise: a rule must never hand back the gradient it was given, nor one it returns (the
   * engine holds both), which were born in the same scope.
   *
   * @param tensor the caller's own temporary
   * @return whether its array was taken
   */
  public static boolean recycleTemporary(Tensor tensor) {
    Scope scope = POOL.get().openScope;
    return scope != null && scope.recycle(tensor);
  }

  /**
   * Hands back an array that a kernel made and used up without any tensor leaving the kernel with
   * it (a product just activated into another array): no owner's promise is needed, since no one
   * else ever held it.
   */
  static void recycleUnseen(Object array) {
    if (ENABLED && java.lang.reflect.Array.getLength(array) >= MIN_ELEMENTS) {
      POOL.get().give(array);
    }
  }

  /**
   * How many bytes of arrays this thread's pool holds.
   *
   * @return the bytes held, at most {@link #MAX_POOLED_BYTES}
   */
  public static long pooledBytes() {
    return POOL.get().bytes();
  }

  /**
   * How many arrays this thread's pool has taken in since the thread started (each handed back by
   * a {@link Scope#recycle}, {@link #recycleKept} or {@link #recycleTemporary} that returned
   * true, or by a kernel for an array no tensor left it with).
   *
   * @return the count
   */
  public static long recycledCount() {
    return POOL.get().received();
  }

  /**
   * Empties this thread's pool: its arrays become garbage, like {@code torch.cuda.empty_cache()}
   * for a thread that is done training (the pool holds at most {@link #MAX_POOLED_BYTES} per
   * thread otherwise), or for a test that counts what goes in.
   */
  public static void clear() {
    POOL.get().clear();
  }

  /** The owner's promise that a tensor is read no more, valid for the tensors born inside it. */
  public static final class Scope implements AutoCloseable {
    // Both let go at close: a tensor kept after its thread ended still names its birth scope,
    // and through it held that thread's whole pool (up to MAX_POOLED_BYTES for a 20 KB result).
    private ArrayPool pool;
    private Scope outer;
    private final Thread owner = Thread.currentThread();
    private boolean open = true;

    private Scope(ArrayPool pool, Scope outer) {
      this.pool = pool;
      this.outer = outer;
    }

    /**
     * Hands {@code tensor}'s array back for reuse, if it was born in this scope on this thread and
     * not recycled yet; the caller promises that nothing will read {@code tensor} again.
     *
     * @param tensor a tensor no one holds any more
     * @return whether its array was taken
     */
    public boolean recycle(Tensor tensor) {
      // Another thread would give to this thread's pool, which nothing synchronizes.
      if (!open || tensor == null || Thread.currentThread() != owner
          || !tensor.claimBirth(this)) {
        return false;
      }
      return pool.give(tensor.storage().array());
    }

    /**
     * Gives up the right to recycle {@code tensor}: someone the owner cannot count may read it
     * later (a user's backward rule that kept the gradient it was given). From now on {@link
     * #owns} is false for it and {@link #recycle} refuses it.
     *
     * @param tensor a tensor that must stay as it is
     */
    public void keep(Tensor tensor) {
      if (open && tensor != null && Thread.currentThread() == owner) {
        tensor.claimBirth(this);
      }
    }

    /**
     * Whether {@link #recycle} could take {@code tensor}: born in this open scope on this thread
     * and not recycled yet. An owner counts the holders only of such tensors; the others (small
     * ones, values made before the scope) can never come back, so counting them is wasted work.
     *
     * @param tensor a tensor
     * @return whether it is this scope's to recycle
     */
    public boolean owns(Tensor tensor) {
      return open && tensor != null && Thread.currentThread() == owner && tensor.bornIn(this);
    }

    boolean isOpen() {
      return open;
    }

    /**
     * Ends the scope: tensors born from now on are the next outer scope's (or no one's). Closing
     * it again changes nothing.
     *
     * @throws IllegalStateException when called on another thread than the one that opened it
     *     (its pool is that thread's, and another thread setting it would race), or while a
     *     scope opened after it on its thread is still open (the inner one would be left marked
     *     open for good, and the thread's tensors born in a closed scope); nothing changes then
     */
    @Override
    public void close() {
      if (!open) {
        return;
      }
      if (Thread.currentThread() != owner) {
        throw new IllegalStateException("Recycling: a scope opened on thread '" + owner.getName()
            + "' is closed on thread '" + Thread.currentThread().getName() + "'; a scope and its"
            + " pool belong to the thread that opened it: close it there");
      }
      if (pool.openScope != this) {
        throw new IllegalStateException("Recycling: a scope is closed while a scope opened after"
            + " it is still open; close the inner scope first (as try-with-resources does)");
      }
      open = false;
      pool.openScope = outer;
      pool = null;
      outer = null;
    }
  }
}
