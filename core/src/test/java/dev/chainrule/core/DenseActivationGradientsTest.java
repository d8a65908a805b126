package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link DenseActivation#gradients} gives what {@link DenseActivation#inputGradient} and a sum over
 * the rows give, bit for bit, in both types: ReLU's arithmetic gate on finite gradients, and its
 * exact gate again when a gradient is ∞ or NaN.
 */
class DenseActivationGradientsTest {
  private static final double[] GATES = {0.0, -0.0, Double.MIN_VALUE, Double.MIN_NORMAL, 1e-300,
      0.5, 3.0, Double.MAX_VALUE, Double.POSITIVE_INFINITY};

  @Property(tries = 200)
  void reluMatchesTheExactGateAndItsSum(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40)
      int rows, @ForAll @IntRange(min = 1, max = 40) int cols, @ForAll boolean float32) {
    Random random = new Random(seed);
    Tensor g = values(random, rows, cols, false);
    Tensor y = gates(random, rows, cols);
    assertSameAsComposition(DenseActivation.RELU, float32 ? g.to(DType.FLOAT32) : g,
        float32 ? y.to(DType.FLOAT32) : y);
  }

  @Property(tries = 100)
  void reluWithInfinitiesAndNaNsStillMatches(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 20) int rows, @ForAll @IntRange(min = 1, max = 20) int cols,
      @ForAll boolean float32) {
    Random random = new Random(seed);
    Tensor g = values(random, rows, cols, true);
    Tensor y = gates(random, rows, cols);
    assertSameAsComposition(DenseActivation.RELU, float32 ? g.to(DType.FLOAT32) : g,
        float32 ? y.to(DType.FLOAT32) : y);
  }

  @Example
  void anInfiniteGradientBehindAClosedGateIsDropped() {
    Tensor g = Tensor.matrix(new double[][] {{Double.POSITIVE_INFINITY, 2}, {Double.NaN, -3}});
    Tensor y = Tensor.matrix(new double[][] {{0, 1}, {0, 1}});
    DenseActivation.Gradients both = DenseActivation.RELU.gradients(g, y);
    // The arithmetic gate alone would give NaN at both closed gates, and NaN as the first sum.
    assertEquals(Tensor.matrix(new double[][] {{0, 2}, {0, -3}}), both.product());
    assertEquals(Tensor.vector(0, -1), both.bias());
  }

  @Example
  void nanAndNegativeGatesAndOtherRanksMatchToo() {
    // A NaN y (a NaN pre-activation through ReLU) makes the arithmetic gate NaN: the bit gate
    // runs again. Negative gates are not ReLU outputs, but the gate closes for them as well.
    Random random = new Random(9);
    Tensor g = values(random, 6, 5, false);
    Tensor y = gates(random, 6, 5);
    double[] withNaN = y.toArray();
    withNaN[7] = Double.NaN;
    withNaN[12] = -2.5;
    withNaN[13] = Double.NEGATIVE_INFINITY;
    Tensor odd = Tensor.of(withNaN, 6, 5);
    assertSameAsComposition(DenseActivation.RELU, g, odd);
    assertSameAsComposition(DenseActivation.RELU, g.to(DType.FLOAT32), odd.to(DType.FLOAT32));
    // Rank 1 (the sum over its only axis is a scalar) and rank 3 (summed over the first axis).
    assertSameAsComposition(DenseActivation.RELU, g.reshape(30), odd.reshape(30));
    assertSameAsComposition(DenseActivation.RELU, g.reshape(2, 3, 5), y.reshape(2, 3, 5));
  }

  @Example
  void tanhAndSigmoidAreTheirInputGradientAndItsSum() {
    Random random = new Random(5);
    Tensor g = values(random, 7, 5, false);
    Tensor y = Tensors.rand(Shape.of(7, 5), 6L);
    for (DenseActivation activation : new DenseActivation[] {DenseActivation.TANH,
        DenseActivation.SIGMOID}) {
      assertSameAsComposition(activation, g, y);
      assertSameAsComposition(activation, g.to(DType.FLOAT32), y.to(DType.FLOAT32));
    }
  }

  @Example
  void refusesMismatchedShapes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DenseActivation.RELU.gradients(Tensors.ones(2, 3), Tensors.ones(3, 2)));
    assertEquals("gatePositive: shapes [2, 3] and [3, 2] differ (the gate does not broadcast)",
        e.getMessage());
  }

  @Example
  void refusesAScalarInTheActivationsName() {
    // Each said "sum: axis 0 out of range for shape []", naming an op the caller never called.
    for (DenseActivation activation : DenseActivation.values()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> activation.gradients(Tensor.scalar(1), Tensor.scalar(1)));
      assertEquals(activation + " gradients: the output's gradient [] has no axis to sum the"
          + " bias's gradient over (rows along the first)", e.getMessage());
    }
  }

  private static void assertSameAsComposition(DenseActivation activation, Tensor g, Tensor y) {
    Tensor expected = activation.inputGradient(g, y);
    Tensor expectedSum = expected.sum(0, false);
    DenseActivation.Gradients both = activation.gradients(g, y);
    assertEquals(g.dtype(), both.product().dtype());
    assertSameBits(expected, both.product());
    assertSameBits(expectedSum, both.bias());
  }

  /** Equal shapes and the same bits in every element (−0.0 and NaN included). */
  private static void assertSameBits(Tensor expected, Tensor actual) {
    assertEquals(expected.shape(), actual.shape());
    assertEquals(expected.dtype(), actual.dtype());
    for (int i = 0; i < expected.size(); i++) {
      double e = expected.flatGet(i);
      double a = actual.flatGet(i);
      int at = i;
      assertEquals(Double.isNaN(e) ? "NaN" : Long.toHexString(Double.doubleToRawLongBits(e)),
          Double.isNaN(a) ? "NaN" : Long.toHexString(Double.doubleToRawLongBits(a)),
          () -> "element " + at + ": " + e + " against " + a);
    }
  }

  /** Gradients of either sign, zeros of both signs, and (when asked) a few ∞ and NaN. */
  private static Tensor values(Random random, int rows, int cols, boolean nonFinite) {
    double[] v = new double[rows * cols];
    for (int i = 0; i < v.length; i++) {
      int pick = random.nextInt(nonFinite ? 12 : 10);
      v[i] = switch (pick) {
        case 0 -> 0.0;
        case 1 -> -0.0;
        case 10 -> random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        case 11 -> Double.NaN;
        default -> random.nextGaussian();
      };
    }
    return Tensor.of(v, rows, cols);
  }

  /** ReLU outputs: +0.0 about half the time, else positive, the least subnormal included. */
  private static Tensor gates(Random random, int rows, int cols) {
    double[] v = new double[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = random.nextBoolean() ? 0.0 : GATES[random.nextInt(GATES.length)];
    }
    return Tensor.of(v, rows, cols);
  }
}
