package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fused gradients of tanh and sigmoid give bit for bit what the four-op compositions they
 * replace gave (written out here as the reference), in both types: equality, not a tolerance.
 */
class ActivationBackwardTest {
  @ParameterizedTest
  @EnumSource(DType.class)
  void tanhBackwardRoundsAsTheComposition(DType dtype) {
    for (long seed = 0; seed < 20; seed++) {
      Tensor[] gy = gradientAndOutput(seed, dtype);
      Tensor g = gy[0];
      Tensor y = gy[1];
      assertEquals(g.mul(y.square().neg().add(1)), g.tanhBackward(y), "seed " + seed);
    }
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void sigmoidBackwardRoundsAsTheComposition(DType dtype) {
    for (long seed = 0; seed < 20; seed++) {
      Tensor[] gy = gradientAndOutput(seed, dtype);
      Tensor g = gy[0];
      Tensor y = gy[1];
      assertEquals(g.mul(y).mul(y.neg().add(1)), g.sigmoidBackward(y), "seed " + seed);
    }
  }

  /** Random shapes up to 4×37 (odd lengths leave vector tails), outputs spread over [−3, 3]. */
  private static Tensor[] gradientAndOutput(long seed, DType dtype) {
    RandomGenerator random = Tensors.seeded(seed);
    Shape shape = Shape.of(1 + random.nextInt(4), 1 + random.nextInt(37));
    Tensor g = Tensors.randn(shape, random, dtype);
    Tensor y = Tensors.rand(shape, random, dtype).mul(6).sub(3);
    return new Tensor[] {g, y};
  }

  @Test
  void keepsSpecialValuesAsTheCompositionDoes() {
    Tensor y = Tensor.vector(1, -1, 0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, 0.5);
    Tensor g = Tensor.vector(2, 2, -0.0, 3, 1, 1, Double.NaN);
    assertEquals(g.mul(y.square().neg().add(1)), g.tanhBackward(y));
    assertEquals(g.mul(y).mul(y.neg().add(1)), g.sigmoidBackward(y));
  }

  @Test
  void refusesMismatchedShapes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Tensors.ones(2, 3).tanhBackward(Tensors.ones(3)));
    assertEquals("tanhBackward: the gradient (float64 [2, 3]) and the output (float64 [3]) must"
        + " have one shape and one type", e.getMessage());
  }

  @Test
  void refusesMismatchedTypes() {
    Tensor g = Tensors.ones(2, 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> g.sigmoidBackward(g.to(DType.FLOAT32)));
    assertEquals("sigmoidBackward: the gradient (float64 [2, 3]) and the output (float32 [2, 3])"
        + " must have one shape and one type", e.getMessage());
  }

  @Test
  void refusesAMissingOutput() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> Tensors.ones(2).tanhBackward(null));
    assertEquals("tanhBackward: the output is null", e.getMessage());
  }

  @Test
  void leakyReluAndEluRefuseAFloat32SlopePastFloatsRange() {
    // PyTorch refuses too; cast to float, 1e39 would be ∞, and x·∞ is −∞ below 0.
    Tensor x = Tensor.vector(1, -1).to(DType.FLOAT32);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> x.leakyRelu(1e39));
    assertEquals("leakyRelu: alpha 1.0E39 is outside float32's range, and x is float32",
        e.getMessage());
    assertEquals(Tensor.vector(1, -3.4e38).to(DType.FLOAT32), x.leakyRelu(3.4e38));
    // ELU likewise: (0 + 0.0)·∞ would be NaN where x > 0.
    assertEquals("elu: alpha 1.0E39 is outside float32's range, and x is float32",
        assertThrows(IllegalArgumentException.class, () -> x.elu(1e39)).getMessage());
  }

  @Test
  void leakyReluBackwardTakesAnInfiniteSlopeOnTheBits() {
    // The arithmetic factor would be 1 + 0·∞ = NaN where x > 0: g there, g·∞ elsewhere.
    Tensor x = Tensor.vector(1, -1, 0);
    Tensor g = Tensor.vector(2, 2, 2);
    double inf = Double.POSITIVE_INFINITY;
    assertEquals(Tensor.vector(2, inf, inf),
        CompositeActivations.leakyReluBackward(g, x, inf));
    assertEquals(Tensor.vector(2, inf, inf).to(DType.FLOAT32),
        CompositeActivations.leakyReluBackward(g.to(DType.FLOAT32), x.to(DType.FLOAT32), inf));
  }
}
