package dev.chainrule.autograd;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Transpose;

/**
 * The product op(left)·op(right) that is the gradient of one operand of matmul's op(A)·op(B),
 * its operands named by index: 0 for A, 1 for B, 2 for G. One table for the recorded rule and the
 * tensors of a first-order pass (see {@link LinearOps#MATMUL}), and the first-order rule that
 * computes an operand's update inside its product.
 */
record MatmulGradient(int left, int right, Transpose mode) {
  private static final int A = 0;
  private static final int B = 1;
  private static final int G = 2;

  /** The product that is the gradient of operand {@code input} (0 for A, 1 for B). */
  static MatmulGradient of(int input, Transpose mode) {
    if (input == A) {
      return switch (mode) {
        case NONE -> new MatmulGradient(G, B, Transpose.RIGHT);
        case LEFT -> new MatmulGradient(B, G, Transpose.RIGHT);
        case RIGHT -> new MatmulGradient(G, B, Transpose.NONE);
        case BOTH -> new MatmulGradient(B, G, Transpose.BOTH);
      };
    }
    return switch (mode) {
      case NONE -> new MatmulGradient(A, G, Transpose.LEFT);
      case LEFT -> new MatmulGradient(A, G, Transpose.NONE);
      case RIGHT -> new MatmulGradient(G, A, Transpose.LEFT);
      case BOTH -> new MatmulGradient(G, A, Transpose.BOTH);
    };
  }

  Variable of(Variable a, Variable b, Variable g) {
    return pick(left, a, b, g).matmul(pick(right, a, b, g), mode);
  }

  Tensor of(Tensor a, Tensor b, Tensor g) {
    return pick(left, a, b, g).matmul(pick(right, a, b, g), mode);
  }

  private static <T> T pick(int operand, T a, T b, T g) {
    return operand == A ? a : operand == B ? b : g;
  }

  /**
   * matmul's first-order rule for two matrices when the engine offers an operand's update in its
   * product ({@link ProductUpdates#updateInProduct}): the other operand's gradient first, which may
   * read the updated one's value, then the update. One operand at most (B when both are
   * offered): the second update would read the first's new value. Null when none is offered.
   */
  static Variable[] updatingOneOperand(OpContext ctx, Transpose mode, Tensor g) {
    int updated = ctx.needsGrad(1) && ProductUpdates.offered(ctx, 1) ? 1
        : ctx.needsGrad(0) && ProductUpdates.offered(ctx, 0) ? 0 : -1;
    if (updated < 0) {
      return null;
    }
    Tensor a = ctx.input(0).value();
    Tensor b = ctx.input(1).value();
    int other = 1 - updated;
    Variable[] grads = new Variable[2];
    if (ctx.needsGrad(other)) {
      grads[other] = Variable.constant(of(other, mode).of(a, b, g));
    }
    MatmulGradient product = of(updated, mode);
    if (!ProductUpdates.updateInProduct(ctx, updated, pick(product.left(), a, b, g),
        pick(product.right(), a, b, g), product.mode())) {
      grads[updated] = Variable.constant(product.of(a, b, g));
    }
    return grads;
  }
}
