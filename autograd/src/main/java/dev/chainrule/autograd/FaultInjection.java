package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Deliberately wrong backward rules, to show what a gradient check finds and to test the checks
 * themselves: inside a scope, the ops recorded on this thread that the injection selects (every op
 * of a name, or the n-th op recorded) are recorded with their rule mutated, the kind of mistake a
 * hand-written rule contains (a sign error, a missing factor, a transposed product). Their forward
 * is unchanged, so the values are right and only the gradients are wrong, as with a real bug.
 *
 * <pre>{@code
 * Variable loss;
 * try (var fault = FaultInjection.inject("tanh", FaultInjection.Mutation.SIGN_ERROR)) {
 *   loss = model.forward(x).tanh().sum();   // this tanh node's rule has the wrong sign
 * }
 * System.out.println(GradCheck.localize(loss));  // names the tanh node
 * }</pre>
 *
 * <p>Only ops recorded in the forward pass are selected, not those a backward rule runs, and an
 * op already mutated is never mutated again (so checking a mutated node reruns the same wrong
 * rule). Close the scope before checking: ops a check records inside the scope are selected too.
 * Off by default; when off, the recorder's test of the thread's switches is all it costs.
 */
public final class FaultInjection {
  private static final ThreadLocal<Injection> ACTIVE = new ThreadLocal<>();
  private static final Set<String> FACTOR_OPS = Set.of("sqrt", "pow", "erf", "erfc");
  private static final Set<String> PRODUCT_OPS = Set.of("matmul", "linear");

  private FaultInjection() {}

  /** A mistake in a backward rule, applied to every gradient the rule returns. */
  public enum Mutation {
    /** Every gradient negated, as when a rule forgets the minus of ∂b in a − b. */
    SIGN_ERROR("a sign error"),
    /** Every gradient halved, as when a rule forgets the 2 of ∂(x²) = 2x. */
    MISSING_FACTOR("a missing factor of 2"),
    /**
     * A gradient whose last two axes both have more than one element gets them swapped and is put
     * back into its shape, as when a rule computes G·B where G·Bᵀ was meant and reshapes the
     * result to fit: the right numbers in the wrong places. Other gradients are unchanged.
     */
    TRANSPOSED_PRODUCT("a transposed product");

    private final String description;

    Mutation(String description) {
      this.description = description;
    }

    /**
     * The mistake in words, for reports.
     *
     * @return e.g. "a sign error"
     */
    public String description() {
      return description;
    }

    /**
     * The mistake typical of an op's rule: a transposed product for {@code matmul} and
     * {@code linear}, a missing factor for rules with a constant factor ({@code sqrt},
     * {@code pow}, {@code erf}, {@code erfc}), a sign error for the rest.
     *
     * @param opName the op's name
     * @return the mutation to demonstrate on that op
     */
    public static Mutation typicalFor(String opName) {
      checkNotNull(opName, "Mutation.typicalFor: op name is null");
      return PRODUCT_OPS.contains(opName) ? TRANSPOSED_PRODUCT
          : FACTOR_OPS.contains(opName) ? MISSING_FACTOR : SIGN_ERROR;
    }

    Variable apply(Variable gradient) {
      return switch (this) {
        case SIGN_ERROR -> gradient.neg();
        case MISSING_FACTOR -> gradient.mul(0.5);
        case TRANSPOSED_PRODUCT -> {
          Shape shape = gradient.shape();
          yield shape.rank() >= 2 && shape.dim(-1) > 1 && shape.dim(-2) > 1
              ? gradient.transpose(-2, -1).reshape(shape) : gradient;
        }
      };
    }
  }

  /**
   * Records every op named {@code opName} on this thread, until the scope closes, with its rule
   * mutated.
   *
   * @param opName the op's name ({@code "tanh"}, or a user's op's name)
   * @param mutation the mistake to put into its rule
   * @return the scope; close it to stop injecting
   */
  public static Injection inject(String opName, Mutation mutation) {
    checkNotNull(opName, "FaultInjection: op name is null");
    // Op.of refuses a blank name, so no recorded op has one: the scope injected nothing, and a
    // check that was meant to fail passed.
    checkArgument(!opName.isBlank(), "FaultInjection: the op name is blank (\"%s\"); no op has"
        + " one, so nothing would be injected", opName);
    return new Injection(opName, -1, mutation);
  }

  /**
   * Records the op with this index among those recorded on this thread in the scope (counted
   * from 0 in the order they are recorded) with its rule mutated: one node of a graph, whatever
   * its op.
   *
   * @param index which recorded op, from 0
   * @param mutation the mistake to put into its rule
   * @return the scope; close it to stop injecting
   */
  public static Injection injectAt(int index, Mutation mutation) {
    checkArgument(index >= 0, "FaultInjection: index must not be negative, got %s", index);
    return new Injection(null, index, mutation);
  }

  /**
   * Whether an injection's scope is open on this thread. A layer that would record several ops as
   * one node (a Dense layer asked for its activation) records them one by one then, so that an
   * injection finds the ops under the names they were written with.
   *
   * @return whether this thread injects faults now
   */
  public static boolean isActive() {
    return ACTIVE.get() != null;
  }

  /** The recorder's question: the op to record in place of {@code op}. */
  static Op intercept(Op op) {
    Injection active = ACTIVE.get();
    return active == null || op instanceof Mutant ? op : active.offer(op);
  }

  /** An injection's scope, which also counts what it recorded and what it mutated. */
  public static final class Injection implements AutoCloseable {
    private final String opName;
    private final int index;
    private final Mutation mutation;
    private final Injection previous;
    private final Autograd.Scope scope;
    private final List<Mutant> injected = new ArrayList<>();
    private int recorded;
    private boolean closed;

    private Injection(String opName, int index, Mutation mutation) {
      this.opName = opName;
      this.index = index;
      this.mutation = checkNotNull(mutation, "FaultInjection: mutation is null");
      this.previous = ACTIVE.get();
      this.scope = Autograd.faults();
      ACTIVE.set(this);
    }

    private Op offer(Op op) {
      boolean selected = opName != null ? opName.equals(op.name()) : recorded == index;
      recorded++;
      if (!selected) {
        return op;
      }
      Mutant mutant = new Mutant(op, mutation);
      injected.add(mutant);
      return mutant;
    }

    /**
     * How many ops were recorded on this thread in the scope so far.
     *
     * @return the count
     */
    public int recorded() {
      return recorded;
    }

    /**
     * The mutated ops recorded so far, in order: each is the op of one graph node.
     *
     * @return the mutants
     */
    public List<Mutant> injected() {
      return List.copyOf(injected);
    }

    /**
     * Stops injecting; an injection open before this one applies again.
     *
     * @throws IllegalStateException when an injection opened inside this one is still open;
     *     nothing changes then (see {@link Autograd.Scope#close})
     */
    @Override
    public void close() {
      if (!closed) {
        // First: an out-of-order close throws here, before the injection changes anything.
        scope.close();
        closed = true;
        if (previous == null) {
          ACTIVE.remove();
        } else {
          ACTIVE.set(previous);
        }
      }
    }
  }

  /**
   * An op recorded with a mutated rule: the original's name, forward and table row, and its
   * backward rule with every gradient it returns mutated.
   *
   * @param original the op as it should be
   * @param mutation the mistake in its rule
   */
  public record Mutant(Op original, Mutation mutation) implements ForwardingOp {
    /**
     * Checks the parts.
     *
     * @param original the op as it should be
     * @param mutation the mistake in its rule
     */
    public Mutant {
      checkNotNull(original, "Mutant: op is null");
      checkNotNull(mutation, "Mutant: mutation is null");
    }

    @Override
    public Variable[] backward(OpContext ctx, Variable gradOutput) {
      Variable[] grads = original.backward(ctx, gradOutput);
      if (grads == null) {
        return null;
      }
      Variable[] mutated = new Variable[grads.length];
      for (int i = 0; i < grads.length; i++) {
        mutated[i] = grads[i] == null ? null : mutation.apply(grads[i]);
      }
      return mutated;
    }

    @Override
    public String toString() {
      return original.toString();
    }
  }
}
