package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import org.junit.jupiter.api.Test;

/**
 * The shapes of the gradients a user's rule returns. The engine sums a gradient to its input's
 * shape wherever the input broadcasts to it, as PyTorch's does, so a rule may leave that sum to
 * the engine even where the op reduced its output: the gradient then has axes the output lacks.
 * (A check that refused such axes refused these correct rules; a wrong sum is GradCheck's to
 * find.) Values are small whole numbers, so every comparison is exact.
 */
class UsersRuleShapesTest {
  private static final Tensor X = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);  // [2, 3]

  /** sum(x·s), s a scalar: s's rule returns g·x, of x's shape, for an output of shape []. */
  @Test
  void aScalarsGradientOfTheOtherInputsShapeIsSummed() {
    Op scaledSum = Op.of("scaledSum", 2, (ctx, in) -> in[0].mul(in[1]).sum(),
        (ctx, g) -> new Variable[] {g.mul(ctx.input(1)).mul(Variable.constant(Tensors.onesLike(
            ctx.input(0).value()))), g.mul(ctx.input(0))});
    Variable x = Variable.parameter(X);
    Variable s = Variable.parameter(Tensor.scalar(2));
    scaledSum.apply(x, s).backward();
    assertEquals(Tensor.scalar(21), s.grad(), "Σx = 21");
    assertEquals(Tensors.full(Shape.of(2, 3), 2), x.grad(), "s = 2 everywhere");
  }

  /** sum(x·w), w [3]: w's rule returns g·x, [2, 3], summed over the rows the output lacks. */
  @Test
  void aWeightsGradientWithTheBatchAxisIsSummedOverIt() {
    Op weightedSum = Op.of("weightedSum", 2, (ctx, in) -> in[0].mul(in[1]).sum(),
        (ctx, g) -> new Variable[] {g.mul(ctx.input(1)).add(Variable.constant(Tensors.zerosLike(
            ctx.input(0).value()))), g.mul(ctx.input(0))});
    Variable x = Variable.parameter(X);
    Variable w = Variable.parameter(Tensor.vector(1, -1, 2));
    weightedSum.apply(x, w).backward();
    assertEquals(Tensor.vector(5, 7, 9), w.grad(), "column sums of x");
  }

  /**
   * The bilinear form xᵢᵀ W xᵢ per sample, output [N]: W's rule returns the per-sample outer
   * products gᵢ xᵢ xᵢᵀ, [N, D, D], and leaves their sum over the samples to the engine.
   */
  @Test
  void aBilinearFormsPerSampleOuterProductsAreSummedOverTheSamples() {
    Op bilinear = Op.of("bilinear", 2, (ctx, in) -> in[0].matmul(in[1]).mul(in[0]).sum(1, false),
        (ctx, g) -> {
          Variable x = ctx.input(0);
          Variable w = ctx.input(1);
          Variable gx = g.reshape(2, 1).mul(x.matmul(w.add(w.transpose(0, 1))));
          Variable gw = g.reshape(2, 1, 1).mul(x.reshape(2, 3, 1).mul(x.reshape(2, 1, 3)));
          return new Variable[] {gx, gw};
        });
    Tensor ws = Tensors.arange(9).reshape(3, 3);
    Tensor weights = Tensor.vector(1, -2);  // weighs the two samples' outputs differently
    Variable x = Variable.parameter(X);
    Variable w = Variable.parameter(ws);
    bilinear.apply(x, w).mul(Variable.constant(weights)).sum().backward();
    Variable x2 = Variable.parameter(X);
    Variable w2 = Variable.parameter(ws);
    x2.matmul(w2).mul(x2).sum(1, false).mul(Variable.constant(weights)).sum().backward();
    // Sums of products of whole numbers below 2⁵³: exact, in any order.
    assertEquals(w2.grad(), w.grad());
    assertEquals(x2.grad(), x.grad());
  }

  /**
   * A batched product x·w, x [5, 2, 3] and w [3, 4]: w's gradient xᵀ·g is one matrix per batch,
   * [5, 3, 4], which the engine sums over the batch axis. The library's matmul rule does the same.
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

  /**
   * The cases Op.backward's Javadoc gives: a gradient in any shape its input broadcasts to is
   * summed to the input's shape (leading axes away, size-1 axes kept) and converted to its type;
   * one the input does not broadcast to, with fewer axes or other sizes, is refused.
   */
  @Test
  void theShapesOpBackwardsJavadocNamesAreSummedOrRefusedAsItSays() {
    assertEquals(Tensor.vector(4, 6),
        gradientFor(Tensors.zeros(2), Tensor.matrix(new double[][] {{1, 2}, {3, 4}})));
    assertEquals(Tensor.matrix(new double[][] {{30, 35, 40}}),
        gradientFor(Tensors.zeros(1, 3), Tensors.arange(15).reshape(5, 3)), "column sums");
    assertEquals(Tensor.vector(4, 6), gradientFor(Tensors.zeros(2),
        Tensor.matrix(new double[][] {{1, 2}, {3, 4}}).to(DType.FLOAT32)), "float64, as x is");
    assertEquals("backward of 'fixedGradient' returned a gradient of shape [2] for input 0 of"
        + " shape [2, 2]", assertThrows(IllegalStateException.class,
            () -> gradientFor(Tensors.zeros(2, 2), Tensor.vector(1, 2))).getMessage());
    assertEquals("backward of 'fixedGradient' returned a gradient of shape [3] for input 0 of"
        + " shape [2]", assertThrows(IllegalStateException.class,
            () -> gradientFor(Tensors.zeros(2), Tensor.vector(1, 2, 3))).getMessage());
  }

  /** x's gradient when its op's rule returns {@code returned}, whatever the output's gradient. */
  private static Tensor gradientFor(Tensor input, Tensor returned) {
    Op fixed = Op.unary("fixedGradient", (ctx, x) -> x.sum(),
        (ctx, g) -> Variable.constant(returned));
    Variable x = Variable.parameter(input);
    fixed.apply(x).backward();
    return x.grad();
  }

  /** A shape the engine cannot sum to the input at all is refused with the engine's message. */
  @Test
  void aShapeThatDoesNotSumToTheInputKeepsTheEnginesMessage() {
    Op wrong = Op.of("wrongShape", 2, (ctx, in) -> in[0].mul(in[1]),
        (ctx, g) -> new Variable[] {g.mul(ctx.input(1)), Variable.constant(Tensors.ones(5))});
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> wrong.apply(Variable.parameter(X), Variable.parameter(Tensor.vector(1, -1, 2)))
            .sum().backward());
    assertEquals("backward of 'wrongShape' returned a gradient of shape [5] for input 1 of shape"
        + " [3]", e.getMessage());
  }
}
