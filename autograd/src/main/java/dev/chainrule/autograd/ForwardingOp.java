package dev.chainrule.autograd;

import dev.chainrule.core.Tensor;
import java.util.Optional;

/**
 * An op that is another op with one part changed: everything it does not override is the
 * original's (name, label, forward, backward, higher-order support, table row). A mutant's rule
 * ({@link FaultInjection.Mutant}) and an op declared first-order only ({@link Op#firstOrderOnly})
 * are such ops.
 */
interface ForwardingOp extends Op {
  /**
   * The op this one forwards to.
   *
   * @return the original op
   */
  Op original();

  @Override
  default String name() {
    return original().name();
  }

  @Override
  default String label() {
    return original().label();
  }

  @Override
  default Tensor forward(OpContext ctx, Tensor... inputs) {
    return original().forward(ctx, inputs);
  }

  @Override
  default Variable[] backward(OpContext ctx, Variable gradOutput) {
    return original().backward(ctx, gradOutput);
  }

  @Override
  default boolean supportsHigherOrder() {
    return original().supportsHigherOrder();
  }

  @Override
  default Optional<OpEntry> tableEntry() {
    return original().tableEntry();
  }

  /** {@link Op#firstOrderOnly()}: the original, its rule declared not differentiable twice. */
  record FirstOrderOnly(Op original) implements ForwardingOp {
    @Override
    public boolean supportsHigherOrder() {
      return false;
    }

    @Override
    public String toString() {
      return original + " (first order only)";
    }
  }
}
