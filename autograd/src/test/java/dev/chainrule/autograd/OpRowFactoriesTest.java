package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.autograd.check.OpCase;
import dev.chainrule.autograd.check.OpSpec;
import dev.chainrule.core.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The factories an op table row is declared with ({@link Primitive#of}, both
 * {@link Primitive#unary}, {@link OpEntry#composite}, {@code checkedWith}) and the higher-order
 * flags of the op kinds, each on a row of its own made here. The table's own rows are built in
 * static initializers, which mutation testing cannot reach (issue 15), so these rows stand in for
 * them. All values are small whole numbers or exact binary fractions: comparisons are exact.
 */
class OpRowFactoriesTest {
  private static final OpSpec.Sampler UNUSED = random -> {
    throw new AssertionError("not sampled");
  };

  private final Variable x = Variable.parameter(Tensor.vector(1, 2, 3));

  @Test
  void aRowOfAnyArityWithAttributes() {
    // y = a·x₀ + x₁ for an attribute a; ∂x₀ = a·g, ∂x₁ = g.
    Primitive<Double> scaledSum = Primitive.of("scaledSum", "y = a·x₀ + x₁",
        (ctx, a, in) -> in[0].mul(a).add(in[1]),
        (ctx, a, g) -> new Variable[] {g.mul(a), g},
        UNUSED);
    Variable other = Variable.parameter(Tensor.vector(10, 20, 30));
    Variable y = scaledSum.apply(3.0, x, other);
    assertEquals(Tensor.vector(13, 26, 39), y.value());
    y.sum().backward();
    assertEquals(Tensor.vector(3, 3, 3), x.grad());
    assertEquals(Tensor.vector(1, 1, 1), other.grad());
    assertEntry(scaledSum.entry(), "scaledSum", "y = a·x₀ + x₁", OpEntry.Kind.PRIMITIVE);
    assertEquals("scaledSum(3.0)", y.opContext().orElseThrow().op().toString());
  }

  @Test
  void aOneInputRowWithAttributes() {
    Primitive<Double> scaled = Primitive.unary("scaled", "y = a·x",
        (ctx, a, in) -> in.mul(a), (ctx, a, g) -> g.mul(a), UNUSED);
    Variable y = scaled.apply(0.5, x);
    assertEquals(Tensor.vector(0.5, 1, 1.5), y.value());
    y.sum().backward();
    assertEquals(Tensor.vector(0.5, 0.5, 0.5), x.grad());
    assertEntry(scaled.entry(), "scaled", "y = a·x", OpEntry.Kind.PRIMITIVE);
  }

  @Test
  void aOneInputRowWithoutAttributes() {
    Primitive<Void> squared = Primitive.unary("squared", "y = x²; ∂x = 2x·g",
        (ctx, in) -> in.square(), (ctx, g) -> g.mul(ctx.input(0)).mul(2), UNUSED);
    Variable y = squared.apply(x);
    assertEquals(Tensor.vector(1, 4, 9), y.value());
    assertEquals("squared", y.opContext().orElseThrow().op().toString());
    y.sum().backward();
    assertEquals(Tensor.vector(2, 4, 6), x.grad());
    assertEntry(squared.entry(), "squared", "y = x²; ∂x = 2x·g", OpEntry.Kind.PRIMITIVE);
  }

  @Test
  void aCompositeRowHoldsItsFormulaAndSpec() {
    OpSpec.Sampler sampler = random -> new OpCase("vector", List.of(Tensor.vector(1, 2)),
        in -> in.get(0).square().sum());
    OpEntry row = OpEntry.composite("sumOfSquares", "y = Σ x²; ∂x = 2x·g", sampler);
    assertEntry(row, "sumOfSquares", "y = Σ x²; ∂x = 2x·g", OpEntry.Kind.COMPOSITE);
    assertSame(sampler, row.spec().sampler());
    assertEquals("sumOfSquares: y = Σ x²; ∂x = 2x·g", row.toString());
    assertTrue(row.spec().sample(new SplittableRandom(1)).check().passed());
  }

  /** Checked with other options, a row keeps everything else; the op it records uses them. */
  @Test
  void aRowCheckedWithOtherOptions() {
    GradCheck.Options coarse = GradCheck.Options.defaults().withEps(1e-3);
    Primitive<Void> negated = Primitive.unary("negated", "y = −x",
        (ctx, in) -> in.neg(), (ctx, g) -> g.neg(), UNUSED);
    Primitive<Void> checked = negated.checkedWith(coarse);
    assertEquals(coarse, checked.entry().spec().options());
    assertEquals(GradCheck.Options.defaults(), negated.entry().spec().options());
    assertEntry(checked.entry(), "negated", "y = −x", OpEntry.Kind.PRIMITIVE);
    Variable y = checked.apply(x);
    assertEquals(Tensor.vector(-1, -2, -3), y.value());
    assertEquals(checked.entry(), y.opContext().orElseThrow().op().tableEntry().orElseThrow());

    OpEntry row = OpEntry.composite("twice", "y = 2x", UNUSED).checkedWith(coarse);
    assertEquals(coarse, row.spec().options());
    assertEntry(row, "twice", "y = 2x", OpEntry.Kind.COMPOSITE);
  }

  /** Rows are second order unless their spec says otherwise; a user's row may say so. */
  @Test
  void aRowIsSecondOrderAsItsSpecSays() {
    Primitive<Void> negated = Primitive.unary("negated", "y = −x",
        (ctx, in) -> in.neg(), (ctx, g) -> g.neg(), UNUSED);
    assertTrue(negated.entry().supportsHigherOrder());
    assertTrue(negated.apply(x).opContext().orElseThrow().op().supportsHigherOrder());
    OpEntry firstOrder = new OpEntry("firstOnly", "y = x", OpEntry.Kind.PRIMITIVE,
        new OpSpec("firstOnly", false, UNUSED));
    assertFalse(firstOrder.supportsHigherOrder());
  }

  /** An op implementing the interface itself, without saying, can be differentiated twice. */
  @Test
  void anOpIsSecondOrderUnlessItSaysOtherwise() {
    Op cube = new Op() {
      @Override
      public String name() {
        return "cube";
      }

      @Override
      public Tensor forward(OpContext ctx, Tensor... inputs) {
        return inputs[0].pow(3);
      }

      @Override
      public Variable[] backward(OpContext ctx, Variable gradOutput) {
        return new Variable[] {gradOutput.mul(ctx.input(0).square()).mul(3)};
      }
    };
    assertTrue(cube.supportsHigherOrder());
    assertTrue(cube.tableEntry().isEmpty(), "a user's op has no table row");
    // d²(Σ x³)/dx² = 6x, through the recorded backward of the user's op.
    Variable first = Gradients.of(List.of(cube.apply(x).sum()), List.of(x), null,
        Gradients.Options.creatingGraph()).get(0);
    assertEquals(Tensor.vector(3, 12, 27), first.value());
    first.sum().backward();
    assertEquals(Tensor.vector(6, 12, 18), x.grad());
  }

  private static void assertEntry(OpEntry row, String name, String formula, OpEntry.Kind kind) {
    assertEquals(name, row.name());
    assertEquals(formula, row.formula());
    assertEquals(kind, row.kind());
    assertEquals(name, row.spec().name());
    assertTrue(row.spec().secondOrder());
  }
}
