package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import org.junit.jupiter.api.Test;

/**
 * The shapes of the gradients a user's rule returns. The engine sums a gradient back to its
 * input's shape where the op broadcast the input; a rule that returned a gradient larger than the
 * op's output was summed down without a word, to a wrong gradient. Values are small whole numbers
 * and halves, so every comparison is exact.
 */
class UsersRuleShapesTest {
  private static final Tensor X = Tensor.matrix(new double[][] {{1}, {2}, {3}});  // [3, 1]
  private static final Tensor Y = Tensor.vector(1, -1, 0.5, 2);  // [4]

  /** x·y broadcast to [3, 4]; the rule of y returns two copies of its gradient, [2, 3, 4]. */
  @Test
  void aGradientLargerThanTheOutputIsRefusedWithTheThreeShapes() {
    Op tooBig = Op.of("tooBig", 2, (ctx, in) -> in[0].mul(in[1]), (ctx, g) -> {
      Variable gy = g.mul(ctx.input(0)).reshape(1, 3, 4);
      return new Variable[] {g.mul(ctx.input(1)), Variable.concat(0, gy, gy)};
    });
    Variable x = Variable.parameter(X);
    Variable y = Variable.parameter(Y);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> tooBig.apply(x, y).sum().backward());
    assertEquals("backward of 'tooBig' returned a gradient of shape [2, 3, 4] for input 1 of"
        + " shape [4], and the op's output has shape [3, 4]: the engine sums a gradient back to"
        + " its input only over axes where the op broadcast the input to its output, and"
        + " summing this one over others would add terms the op does not have; return a"
        + " gradient of the input's shape, or of the output's where the input was broadcast",
        e.getMessage());
    // Where y needs no gradient its entry is never read, so it is not checked either.
    Variable x2 = Variable.parameter(X);
    tooBig.apply(x2, Variable.constant(Y)).sum().backward();
    assertEquals(Tensors.full(Shape.of(3, 1), 2.5), x2.grad(), "Σy = 2.5 per row");
  }

  /** The output's shape, part of the way summed, or the input's own: all sum to the same. */
  @Test
  void gradientsWithinTheOutputsShapeAreSummedBack() {
    Op outputShaped = Op.of("outputShaped", 2, (ctx, in) -> in[0].mul(in[1]),
        (ctx, g) -> new Variable[] {g.mul(ctx.input(1)), g.mul(ctx.input(0))});
    Op partlySummed = Op.of("partlySummed", 2, (ctx, in) -> in[0].mul(in[1]),
        (ctx, g) -> new Variable[] {g.mul(ctx.input(1)).sum(new int[] {1}, true),
            g.mul(ctx.input(0)).sum(new int[] {0}, true)});  // [3, 1] and [1, 4]
    for (Op op : new Op[] {outputShaped, partlySummed}) {
      Variable x = Variable.parameter(X);
      Variable y = Variable.parameter(Y);
      op.apply(x, y).sum().backward();
      assertEquals(Tensors.full(Shape.of(3, 1), 2.5), x.grad(), op.name() + ": Σy per row");
      assertEquals(Tensors.full(Shape.of(4), 6), y.grad(), op.name() + ": Σx per column");
    }
  }

  /**
   * A batched product x·w, x [5, 2, 3] and w [3, 4]: w's gradient xᵀ·g is one matrix per batch,
   * [5, 3, 4], which the engine sums over the batch axis, an axis of the output [5, 2, 4], though
   * the gradient does not fit within the output's shape. The library's matmul rule does the same.
   */
  @Test
  void aBatchedProductsWeightGradientIsSummedOverTheBatch() {
    Op product = Op.of("batchedProduct", 2, (ctx, in) -> in[0].matmul(in[1]),
        (ctx, g) -> new Variable[] {g.matmul(ctx.input(1).transpose(0, 1)),
            ctx.input(0).transpose(1, 2).matmul(g)});
    Tensor xs = Tensors.arange(30).reshape(5, 2, 3);
    Tensor ws = Tensors.arange(12).reshape(3, 4);
    Variable x = Variable.parameter(xs);
    Variable w = Variable.parameter(ws);
    product.apply(x, w).sum().backward();
    Variable x2 = Variable.parameter(xs);
    Variable w2 = Variable.parameter(ws);
    x2.matmul(w2).sum().backward();
    // Sums of products of whole numbers below 2⁵³: exact, in any order.
    assertEquals(w2.grad(), w.grad());
    assertEquals(x2.grad(), x.grad());
  }

  /** A shape the engine cannot sum to the input at all keeps the engine's own message. */
  @Test
  void aShapeThatDoesNotSumToTheInputKeepsTheEnginesMessage() {
    Op wrong = Op.of("wrongShape", 2, (ctx, in) -> in[0].mul(in[1]),
        (ctx, g) -> new Variable[] {g.mul(ctx.input(1)), Variable.constant(Tensors.ones(5))});
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> wrong.apply(Variable.parameter(X), Variable.parameter(Y)).sum().backward());
    assertEquals("backward of 'wrongShape' returned a gradient of shape [5] for input 1 of shape"
        + " [4]", e.getMessage());
  }
}
