package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Custom ops whose rules do what the engine must survive: save several tensors at once, hand an
 * input itself back as a gradient, return no gradients at all. Found by mutation testing (issue
 * 15). All values are small whole numbers, so every comparison is exact.
 */
class CustomRuleEdgesTest {

  /** x·y with both factors saved in one call and read back by index. */
  @Test
  void tensorsSavedTogetherAreReadBackInOrder() {
    Op product = Op.of("savedProduct", (ctx, in) -> {
      ctx.save(in[0], in[1]);
      return in[0].mul(in[1]);
    }, (ctx, g) -> new Variable[] {
        g.mul(Variable.constant(ctx.saved(1))), g.mul(Variable.constant(ctx.saved(0)))});
    Variable x = Variable.parameter(Tensor.vector(1, 2));
    Variable y = Variable.parameter(Tensor.vector(3, 5));
    product.apply(x, y).sum().backward();
    assertEquals(Tensor.vector(3, 5), x.grad());
    assertEquals(Tensor.vector(1, 2), y.grad());
  }

  /**
   * A rule that returns its input as the gradient (wrong math, legal code): the gradient must be
   * a copy, or accumulating into it a second time would change the parameter's value.
   */
  @Test
  void aGradientThatIsAnInputIsNeverAccumulatedInto() {
    Op echo = Op.unary("echo", (ctx, x) -> x.mul(1), (ctx, g) -> ctx.input(0));
    Variable p = Variable.parameter(Tensor.vector(1, 2));
    echo.apply(p).sum().backward();
    echo.apply(p).sum().backward();
    assertEquals(Tensor.vector(1, 2), p.value());
    assertEquals(Tensor.vector(2, 4), p.grad());
  }

  @Test
  void aRuleThatReturnsNoGradientsIsNamed() {
    Op silent = Op.of("silent", (ctx, in) -> in[0].mul(1), (ctx, g) -> null);
    Variable p = Variable.parameter(Tensor.vector(1, 2));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> silent.apply(p).sum().backward());
    assertEquals("backward of 'silent' returned no gradients for 1 inputs", e.getMessage());
  }

  /**
   * An op of two inputs declared as such is refused, by name, when given one: undeclared, its
   * forward's in[1] failed inside with an ArrayIndexOutOfBoundsException.
   */
  @Test
  void anOpOfDeclaredInputsIsRefusedWithAnotherCount() {
    Op mulPlus = Op.of("mulPlus", 2, (ctx, in) -> in[0].mul(in[1]).add(in[1]),
        (ctx, g) -> new Variable[] {g.mul(ctx.input(1)), g.mul(ctx.input(0).add(1.0))});
    Variable x = Variable.parameter(Tensor.vector(1, 2));
    assertEquals("Op mulPlus: an op of 2 inputs was applied to 1", assertThrows(
        IllegalArgumentException.class, () -> mulPlus.apply(x)).getMessage());
    Variable y = mulPlus.apply(x, Variable.parameter(Tensor.vector(3, 4)));
    assertEquals(Tensor.vector(6, 12), y.value());
    assertEquals("Op none: an op takes at least one input, got 0", assertThrows(
        IllegalArgumentException.class, () -> Op.of("none", 0, (ctx, in) -> in[0],
            (ctx, g) -> new Variable[0])).getMessage());
  }

  /**
   * A one-input op given two inputs is refused at the call, with or without recording: the
   * forward would read the first and ignore the second, and only a backward pass, which
   * inference never runs, would notice the count.
   */
  @Test
  void aOneInputOpGivenTwoIsRefusedWhereItIsApplied() {
    Op twice = Op.unary("twice", (ctx, x) -> x.mul(2), (ctx, g) -> g.mul(2));
    Variable x = Variable.parameter(Tensor.vector(1, 2));
    Variable y = Variable.parameter(Tensor.vector(3, 4));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> twice.apply(x, y));
    assertEquals("Op twice: a one-input op (Op.unary) was applied to 2 inputs", e.getMessage());
    try (var scope = Autograd.noGrad()) {
      assertEquals("Op twice: a one-input op (Op.unary) was applied to 2 inputs",
          assertThrows(IllegalArgumentException.class, () -> twice.apply(x, y)).getMessage());
      assertTrue(assertThrows(IllegalArgumentException.class, () -> twice.apply())
          .getMessage().startsWith("Op twice: applied to no inputs; an op is differentiated with"
          + " respect to its inputs and takes at least one (a value that"
          + " depends on nothing is a constant: "));
    }
  }

  /** Rows picked by an index: no derivative for the index, which must then be a constant. */
  @Test
  void aMissingGradientForAnInputThatNeedsOneSaysWhatToMakeIt() {
    Op rows = Op.of("rows", 2, (ctx, in) -> in[0].take(0, in[1]),
        // Row 0 of two picked once: its gradient (1, 0) for a g of 1; none for the index.
        (ctx, g) -> new Variable[] {Variable.constant(Tensor.vector(1, 0)), null});
    Variable index = Variable.parameter(Tensor.vector(0));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> rows.apply(Variable.parameter(Tensor.vector(1, 2)), index).sum().backward());
    assertEquals("backward of 'rows' returned no gradient for input 1, which requires one (an"
        + " input with no derivative, such as an index, should be a constant: GradCheck makes"
        + " every input it is given a parameter, so capture such a value in the checked"
        + " function instead)", e.getMessage());
  }

  /**
   * An op of any number of inputs (Op.of without a count) applied to none: its forward's in[0]
   * threw a bare ArrayIndexOutOfBoundsException. No built-in op takes none either.
   */
  @Test
  void anOpAppliedToNoInputsIsRefusedByName() {
    Op first = Op.of("first", (ctx, in) -> in[0], (ctx, g) -> new Variable[] {g});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, first::apply);
    assertEquals("Op first: applied to no inputs; an op is differentiated with respect to its"
        + " inputs and takes at least one (a value that depends on nothing is a constant:"
        + " Variable.constant(tensor))", e.getMessage());
    try (var scope = Autograd.noGrad()) {
      assertTrue(assertThrows(IllegalArgumentException.class, first::apply)
          .getMessage().startsWith("Op first: applied to no inputs; an op is differentiated with"
          + " respect to its inputs and takes at least one (a value that"
          + " depends on nothing is a constant: "));
    }
    // Applied to one, the same op works.
    assertEquals(Tensor.vector(1, 2), first.apply(Variable.constant(Tensor.vector(1, 2))).value());
  }

  /** A blank name was taken, and every message about the op then read "backward of ''". */
  @Test
  void aBlankNameIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Op.unary(" ", (ctx, x) -> x.mul(2), (ctx, g) -> g.mul(2)));
    assertEquals("Op: the name is blank (\" \"); reports, errors and graph drawings name an op"
        + " by it", e.getMessage());
    assertEquals("Op: the name is blank (\"\"); reports, errors and graph drawings name an op"
        + " by it",
        assertThrows(IllegalArgumentException.class,
            () -> Op.of("", (ctx, in) -> in[0], (ctx, g) -> new Variable[] {g}))
            .getMessage());
  }
}
