package dev.chainrule.autograd;

/**
 * What registering a hook returns: {@link #remove()} unregisters it, as PyTorch's {@code
 * RemovableHandle} does. Removing is idempotent, and a run of a variable's or module's hooks
 * that has begun finishes with the list it began with (a hook may remove itself: it then runs
 * for the last time in that pass). The handle is also a scope, so a hook can live for a block:
 *
 * <pre>{@code
 * try (HookHandle hook = h.registerHook(GradientHook.observer(g -> norms.add(g.value())))) {
 *   loss.backward();
 * }
 * }</pre>
 */
public interface HookHandle extends AutoCloseable {
  /** Unregisters the hook; calling it again changes nothing. */
  void remove();

  /** {@link #remove()}, for try-with-resources. */
  @Override
  default void close() {
    remove();
  }
}
