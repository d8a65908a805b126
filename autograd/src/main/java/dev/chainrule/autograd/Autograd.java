package dev.chainrule.autograd;

/**
 * Whether operations on {@link Variable}s are recorded for differentiation, per thread.
 *
 * <pre>{@code
 * try (var scope = Autograd.noGrad()) {
 *   Variable prediction = model.forward(x);   // nothing is recorded: no graph, no saved values
 * }
 * }</pre>
 *
 * <p>The mode belongs to the current thread, so separate threads build separate graphs without
 * interfering. Scopes nest and each restores the mode it found.
 */
public final class Autograd {
  private static final ThreadLocal<boolean[]> GRAD_ENABLED =
      ThreadLocal.withInitial(() -> new boolean[] {true});

  private Autograd() {}

  /** A scope that restores the previous recording mode when closed. */
  public static final class Scope implements AutoCloseable {
    private final boolean[] mode;
    private final boolean previous;

    private Scope(boolean enabled) {
      this.mode = GRAD_ENABLED.get();
      this.previous = mode[0];
      mode[0] = enabled;
    }

    @Override
    public void close() {
      mode[0] = previous;
    }
  }

  /** Stops recording on this thread until the scope closes. */
  public static Scope noGrad() {
    return new Scope(false);
  }

  /** Records on this thread until the scope closes (inside a no-grad scope, for example). */
  public static Scope enableGrad() {
    return new Scope(true);
  }

  /** Records on this thread if {@code enabled}, until the scope closes. */
  public static Scope gradMode(boolean enabled) {
    return new Scope(enabled);
  }

  /** Whether operations on this thread are recorded. */
  public static boolean isGradEnabled() {
    return GRAD_ENABLED.get()[0];
  }
}
