package dev.chainrule.nn;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One module's answer to {@link Module#keepsNoForwardValues}, kept until the tree changes, and
 * which built-in modules promise to keep no forward value. The question is asked on every forward
 * pass of a {@code Sequential}, and answering it walks the whole tree below; it lives apart from
 * {@link Module} so that the module reads as its API, and the one counter that outdates every
 * module's answer sits next to the answers it outdates.
 */
final class ForwardValueCache {
  /** The built-in modules, final classes, none of which keeps a forward value (read each). */
  private static final Set<Class<? extends Module>> KEEP_NO_FORWARD_VALUES = Set.of(
      AvgPool2d.class, BatchNorm1d.class, BatchNorm2d.class, Conv2d.class, Dense.class,
      Dropout.class, Embedding.class, Flatten.class, LayerNorm.class, MaxPool2d.class,
      Maxout.class, RadialBasis.class, Residual.class, Sequential.class, Unflatten.class);
  /**
   * Children registered and forward hooks added or removed on any module so far: an answer holds
   * until some module gains a child or a hook, which may be anywhere below the module that gave
   * it.
   */
  private static final AtomicInteger TREE_CHANGES = new AtomicInteger();

  private final Module owner;
  /**
   * The answer and the {@link #TREE_CHANGES} it was computed at, as {@code changes << 1 | answer}
   * in one field, so that a thread reads both at once (−1: not computed yet).
   */
  private int keepsNothingAt = -1;

  ForwardValueCache(Module owner) {
    this.owner = owner;
  }

  /** Whether {@code type} is a built-in module, which keeps no forward value. */
  static boolean isBuiltInKeepingNone(Class<? extends Module> type) {
    return KEEP_NO_FORWARD_VALUES.contains(type);
  }

  /** Outdates every module's answer: some module gained a child, or a hook came or went. */
  static void treeChanged() {
    TREE_CHANGES.incrementAndGet();
  }

  /** {@link Module#keepsNoForwardValues}: the kept answer, or a new one when the tree changed. */
  boolean keepsNoForwardValues() {
    int changes = (TREE_CHANGES.get() << 1) & Integer.MAX_VALUE;
    int cached = keepsNothingAt;
    if (cached >= 0 && (cached & ~1) == changes) {
      return (cached & 1) != 0;
    }
    // A hook may keep the module's input and output (capturing them is what hooks are for).
    boolean answer = !owner.keepsForwardValues() && !owner.hasForwardHooks()
        && owner.children().values().stream().allMatch(Module::keepsNoForwardValues);
    keepsNothingAt = changes | (answer ? 1 : 0);
    return answer;
  }
}
