package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Per-thread switches for what the graph records and checks: whether operations are recorded at
 * all, whether every value is checked for NaN and infinities (anomaly detection), and whether each
 * recorded op remembers the line of code that created it.
 *
 * <pre>{@code
 * try (var scope = Autograd.noGrad()) {
 *   Variable prediction = model.forward(x);   // nothing is recorded: no graph, no saved values
 * }
 * try (var anomaly = Autograd.detectAnomaly()) {
 *   loss(model, batch).backward();            // the first NaN or infinity throws AnomalyException
 * }
 * }</pre>
 *
 * <p>Every switch belongs to the current thread, so separate threads build separate graphs without
 * interfering. Scopes nest and each restores, when closed, the switch it set to what it found.
 * Scopes of different switches may close in any order; of two scopes of one switch, the inner
 * one must close first, as try-with-resources does.
 */
public final class Autograd {
  static final int GRAD = 1;
  static final int ANOMALY = 1 << 1;
  static final int CREATION_SITES = 1 << 2;

  /** Set while the engine runs backward rules: their own ops are not forward-checked. */
  static final int IN_BACKWARD = 1 << 3;

  /** Set while a {@link FaultInjection} scope may replace the rules of ops being recorded. */
  static final int FAULTS = 1 << 4;

  /**
   * One thread's switches, in one int so that an op reads them with one thread-local lookup, and
   * its innermost open scope.
   */
  private static final class Switches {
    int bits = GRAD;
    Scope innermost;
  }

  private static final ThreadLocal<Switches> SWITCHES = ThreadLocal.withInitial(Switches::new);

  private Autograd() {}

  /**
   * A scope that restores, when closed, the switches it changed to what they were. Closing it
   * again changes nothing. Closing it while a scope of the same switch, opened after it on the
   * same thread, is still open throws: restoring then would bring back what this scope found,
   * undoing the inner scope's setting while that scope is open, and the thread would go on
   * recording (or not) against what both scopes said once both are closed.
   */
  public static final class Scope implements AutoCloseable {
    private final Switches switches;
    private final Thread owner = Thread.currentThread();
    private final int mask;
    private final int previous;
    /** The scope open on the thread when this one opened, or later the nearest still open. */
    private Scope outer;
    private boolean closed;

    private Scope(int mask, int values) {
      this.switches = SWITCHES.get();
      this.mask = mask;
      this.previous = switches.bits & mask;
      this.outer = switches.innermost;
      switches.bits = (switches.bits & ~mask) | (values & mask);
      switches.innermost = this;
    }

    /**
     * Restores the switches this scope set.
     *
     * @throws IllegalStateException when a scope of the same switch opened after this one on its
     *     thread is still open, or when called on another thread than the one that opened it (the
     *     switches are that thread's, and it would go on under the other's setting); nothing
     *     changes then, so closing the inner one first and this one again works
     */
    @Override
    public void close() {
      if (closed) {
        return;
      }
      if (Thread.currentThread() != owner) {
        throw new IllegalStateException(String.format(Locale.ROOT,
            "Autograd: the %s scope opened on thread"
            + " '%s' is closed on thread '%s'; the switches are per thread: close it on the"
            + " thread that opened it", describe(mask), owner.getName(),
            Thread.currentThread().getName()));
      }
      Scope openedAfter = null;
      for (Scope open = switches.innermost; open != this; open = open.outer) {
        if ((open.mask & mask) != 0) {
          String inner = describe(open.mask);
          throw new IllegalStateException(String.format(Locale.ROOT,
              "Autograd: the %s scope is closed while"
              + " %s %s scope opened after it is still open; close the inner scope first (as"
              + " try-with-resources does)", describe(mask), article(inner), inner));
        }
        openedAfter = open;
      }
      closed = true;
      switches.bits = (switches.bits & ~mask) | previous;
      if (openedAfter == null) {
        switches.innermost = outer;
      } else {
        openedAfter.outer = outer;
      }
    }
  }

  /** "an" before a vowel ("an anomaly-detection scope"), else "a". */
  private static String article(String noun) {
    return "aeiou".indexOf(noun.charAt(0)) >= 0 ? "an" : "a";
  }

  /** A scope's kind for messages, from the switches it sets. */
  private static String describe(int mask) {
    if ((mask & IN_BACKWARD) != 0) {
      return "backward pass";
    }
    return switch (mask) {
      case GRAD -> "grad-mode";
      case ANOMALY -> "anomaly-detection";
      case CREATION_SITES -> "creation-site";
      default -> "fault-injection";
    };
  }

  /**
   * Stops recording on this thread until the scope closes.
   *
   * @return the scope; close it to restore the previous mode
   */
  public static Scope noGrad() {
    return gradMode(false);
  }

  /**
   * Records on this thread until the scope closes (inside a no-grad scope, for example).
   *
   * @return the scope; close it to restore the previous mode
   */
  public static Scope enableGrad() {
    return gradMode(true);
  }

  /**
   * Records on this thread if {@code enabled}, until the scope closes.
   *
   * @param enabled whether operations record a graph inside the scope
   * @return the scope; close it to restore the previous mode
   */
  public static Scope gradMode(boolean enabled) {
    return new Scope(GRAD, enabled ? GRAD : 0);
  }

  /**
   * Whether operations on this thread are recorded.
   *
   * @return whether operations record a graph on this thread
   */
  public static boolean isGradEnabled() {
    return (mode() & GRAD) != 0;
  }

  /**
   * Checks every value on this thread until the scope closes, like PyTorch's
   * {@code detect_anomaly} and JAX's {@code debug_nans}: each op's output in the forward pass and
   * each gradient in the backward pass. The first NaN or infinity throws an
   * {@link AnomalyException} naming the op, the phase, the shapes and value ranges of the op's
   * inputs, and the line of code that created the op (recorded ops remember it, as with
   * {@link #recordCreationSites()}). Off by default; when off it costs one flag test per op. When
   * on it adds a pass over each value and a record of the stack per recorded op, which the graph
   * keeps until the op's site is read.
   *
   * @return the scope; close it to restore the previous mode
   */
  public static Scope detectAnomaly() {
    return new Scope(ANOMALY, ANOMALY);
  }

  /**
   * Whether anomaly detection is on for this thread.
   *
   * @return whether anomaly detection is on for this thread
   */
  public static boolean isAnomalyDetectionEnabled() {
    return (mode() & ANOMALY) != 0;
  }

  /**
   * Makes every op recorded on this thread until the scope closes remember where it was created:
   * the first stack frame outside the library ({@code dev.chainrule.autograd}, {@code .nn},
   * {@code .optim}) and the JDK, available as {@link Variable#creationSite()}. Off by default and
   * free when off; when on, a record of the stack per recorded op (the JVM's, as a {@code
   * Throwable} keeps it), which the graph keeps until the op's site is read.
   *
   * @return the scope; close it to restore the previous mode
   */
  public static Scope recordCreationSites() {
    return new Scope(CREATION_SITES, CREATION_SITES);
  }

  /**
   * Whether ops recorded on this thread remember their creation site (anomaly detection does).
   *
   * @return whether creation sites are recorded on this thread
   */
  public static boolean isRecordingCreationSites() {
    return (mode() & (CREATION_SITES | ANOMALY)) != 0;
  }

  /**
   * Runs {@code body} with each leaf holding the tensor given for it, then gives every leaf its
   * own tensor back, as {@code torch.func.functional_call} evaluates a module at other
   * parameters: a function of the parameters it reads, evaluated elsewhere without touching
   * them (finite differences, a look-ahead, a perturbed copy of the weights). Nothing is copied
   * and the leaves' own tensors do not change, so their versions stay as they were and a graph
   * recorded through them before can still go back once the body has returned. Inside the body
   * such a graph, and once it has returned a graph recorded inside it, refuses to go back
   * through a backward rule that reads a leaf's value: a rule reads its inputs' current values,
   * and they would not be the ones the forward pass saw. A rule that reads none ({@code exp}'s
   * reads its output) runs, so the gradient added into a leaf's own {@code grad()} is the one at
   * the values the graph was recorded with (for a look-ahead such as SAM's, at the values given).
   * What the body changes in place in a leaf's value (an optimizer's step) goes into the tensor
   * given for it. Not for leaves that other threads compute with meanwhile.
   *
   * @param leaves the variables to give other values, each a leaf and listed once
   * @param values the tensors they hold during the body, in order: each the leaf's shape and
   *     type
   * @param body what to evaluate
   * @param <T> what the body gives
   * @return what the body gave
   * @throws IllegalArgumentException if the lists differ in length, a variable was computed by
   *     an op, is listed twice or is updated in backward, or a tensor's shape or type is not its
   *     leaf's
   */
  public static <T> T withValues(List<Variable> leaves, List<Tensor> values, Supplier<T> body) {
    checkNotNull(leaves, "withValues: leaves are null");
    checkNotNull(values, "withValues: values are null");
    checkNotNull(body, "withValues: body is null");
    // Copies: the body may change the caller's lists, and the leaves restored must be these.
    leaves = new ArrayList<>(leaves);
    values = new ArrayList<>(values);
    checkArgument(leaves.size() == values.size(), "withValues: %s leaves but %s values",
        leaves.size(), values.size());
    Set<Variable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (int i = 0; i < leaves.size(); i++) {
      Variable leaf = checkNotNull(leaves.get(i), "withValues: leaf %s is null", i);
      Tensor value = checkNotNull(values.get(i), "withValues: value %s is null", i);
      checkArgument(leaf.opContext().isEmpty(), "withValues: variable %s was computed by '%s';"
          + " only a leaf (a parameter or a constant) can hold another value", i,
          leaf.opContext().map(ctx -> ctx.op().name()).orElse(""));
      checkArgument(seen.add(leaf), "withValues: variable %s is listed twice", i);
      // Its step would go into the tensor given for it, and be lost with it.
      checkArgument(!leaf.hasUpdateInBackward(), "withValues: variable %s is updated in backward"
          + " (an optimizer's updateInBackward()), whose step would go into the tensor given for"
          + " it; end that first", i);
      checkArgument(value.shape().equals(leaf.shape()) && value.dtype() == leaf.dtype(),
          "withValues: variable %s is %s %s; the value given for it is %s %s", i, leaf.dtype(),
          leaf.shape(), value.dtype(), value.shape());
    }
    Tensor[] own = new Tensor[leaves.size()];
    long[] generations = new long[leaves.size()];
    for (int i = 0; i < leaves.size(); i++) {
      own[i] = leaves.get(i).value();
      generations[i] = leaves.get(i).valueGeneration();
      leaves.get(i).swapValue(values.get(i));
    }
    try {
      return body.get();
    } finally {
      for (int i = 0; i < leaves.size(); i++) {
        leaves.get(i).restoreValue(own[i], generations[i]);
      }
    }
  }

  /** The engine's scope for running backward rules: recording as {@code createGraph} asks. */
  static Scope backwardPass(boolean createGraph) {
    return new Scope(GRAD | IN_BACKWARD, (createGraph ? GRAD : 0) | IN_BACKWARD);
  }

  /** The scope of a fault injection: the recorder asks it about every op it records. */
  static Scope faults() {
    return new Scope(FAULTS, FAULTS);
  }

  /** This thread's switches, as bits {@link #GRAD}, {@link #ANOMALY} and the rest. */
  static int mode() {
    return SWITCHES.get().bits;
  }
}
