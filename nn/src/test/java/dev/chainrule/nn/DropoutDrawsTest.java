package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Dropout's masks compared against p in float64, whatever the input's type. */
class DropoutDrawsTest {
  /** Every draw 1 − 2⁻⁵³ (nextLong −1), the largest double below 1, which float32 rounds to 1. */
  private static final RandomGenerator TOP = () -> -1L;

  @Test
  void pOfOneDropsEveryFloat32ElementEvenWhereTheDrawRoundsToOne() {
    Variable x = Variable.constant(Tensors.ones(Shape.of(4), DType.FLOAT32));
    // Exact: every element must be 0. A float32 draw of 1 ≥ p = 1 kept the element unscaled.
    assertEquals(Tensors.zeros(Shape.of(4), DType.FLOAT32), Dropout.of(1, TOP).forward(x).value());
  }

  @Test
  void aPThatFloat32RoundsToOneDropsADrawBelowIt() {
    // Every draw 1 − 2⁻³⁰ (nextDouble takes the top 53 bits of nextLong), below p = 1 − 2⁻³¹:
    // dropped in float64. In float32 both round to 1, and the element was kept, scaled by 2³¹.
    RandomGenerator below = () -> -(1L << 34);
    Variable x = Variable.constant(Tensors.ones(Shape.of(3), DType.FLOAT32));
    assertEquals(Tensors.zeros(Shape.of(3), DType.FLOAT32),
        Dropout.of(1 - 0x1p-31, below).forward(x).value());
  }

  @Test
  void float32MasksAreTheFloat64MasksOfTheSameSeed() {
    Tensor ones = Tensors.ones(Shape.of(1000));
    Tensor f64 = Dropout.of(0.4, 3L).forward(Variable.constant(ones)).value();
    Tensor f32 = Dropout.of(0.4, 3L).forward(Variable.constant(ones.to(DType.FLOAT32))).value();
    // Exact: the same elements dropped, survivors 1/0.6 rounded once to float32.
    assertEquals(f64.to(DType.FLOAT32), f32);
  }
}
