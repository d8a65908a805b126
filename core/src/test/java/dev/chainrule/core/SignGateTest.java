package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The branch-free gate gives the branch's answer bit for bit, for every pattern of bits: random
 * ones (any NaN payload, subnormals) and the boundaries where a sign or exponent test could slip.
 */
class SignGateTest {
  private static final double[] EDGES_F64 = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE,
      Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY, Double.NaN, Double.longBitsToDouble(0x7FF0_0000_0000_0001L),
      Double.longBitsToDouble(0xFFF8_0000_0000_0000L), 1.0, -1.0};
  private static final float[] EDGES_F32 = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE,
      Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY,
      Float.NEGATIVE_INFINITY, Float.NaN, Float.intBitsToFloat(0x7F80_0001),
      Float.intBitsToFloat(0xFFC0_0000), 1f, -1f};

  /** PyTorch's threshold_backward: closed where the gate is ≤ 0, which a NaN gate is not. */
  private static double branch(double x, double gate) {
    return gate <= 0 ? 0.0 : x;
  }

  private static float branch(float x, float gate) {
    return gate <= 0 ? 0f : x;
  }

  @Property(tries = 5000)
  void float64MatchesTheBranchForAnyBits(@ForAll long xBits, @ForAll long gateBits) {
    double x = Double.longBitsToDouble(xBits);
    double gate = Double.longBitsToDouble(gateBits);
    assertEquals(Double.doubleToRawLongBits(branch(x, gate)),
        Double.doubleToRawLongBits(SignGate.pass(x, gate)), () -> "x " + x + ", gate " + gate);
  }

  @Property(tries = 5000)
  void float32MatchesTheBranchForAnyBits(@ForAll int xBits, @ForAll int gateBits) {
    float x = Float.intBitsToFloat(xBits);
    float gate = Float.intBitsToFloat(gateBits);
    assertEquals(Float.floatToRawIntBits(branch(x, gate)),
        Float.floatToRawIntBits(SignGate.pass(x, gate)), () -> "x " + x + ", gate " + gate);
  }

  @Example
  void edgeValuesAsGateAndAsValue() {
    for (double gate : EDGES_F64) {
      for (double x : EDGES_F64) {
        assertEquals(Double.doubleToRawLongBits(branch(x, gate)),
            Double.doubleToRawLongBits(SignGate.pass(x, gate)), "x " + x + ", gate " + gate);
      }
    }
    for (float gate : EDGES_F32) {
      for (float x : EDGES_F32) {
        assertEquals(Float.floatToRawIntBits(branch(x, gate)),
            Float.floatToRawIntBits(SignGate.pass(x, gate)), "x " + x + ", gate " + gate);
      }
    }
  }

  /** The three-argument gate, ELU's select: {@code gate <= 0 ? closed : x}. */
  @Property(tries = 5000)
  void choosingGateMatchesTheBranchForAnyBits(@ForAll long xBits, @ForAll long gateBits,
      @ForAll long closedBits, @ForAll int xBits32, @ForAll int gateBits32,
      @ForAll int closedBits32) {
    double x = Double.longBitsToDouble(xBits);
    double gate = Double.longBitsToDouble(gateBits);
    double closed = Double.longBitsToDouble(closedBits);
    assertEquals(Double.doubleToRawLongBits(gate <= 0 ? closed : x),
        Double.doubleToRawLongBits(SignGate.pass(x, gate, closed)),
        () -> "x " + x + ", gate " + gate + ", closed " + closed);
    float x32 = Float.intBitsToFloat(xBits32);
    float gate32 = Float.intBitsToFloat(gateBits32);
    float closed32 = Float.intBitsToFloat(closedBits32);
    assertEquals(Float.floatToRawIntBits(gate32 <= 0 ? closed32 : x32),
        Float.floatToRawIntBits(SignGate.pass(x32, gate32, closed32)),
        () -> "x " + x32 + ", gate " + gate32 + ", closed " + closed32);
  }

  @Example
  void choosingGateAtTheEdges() {
    for (double gate : EDGES_F64) {
      for (double x : EDGES_F64) {
        assertEquals(Double.doubleToRawLongBits(gate <= 0 ? -x : x),
            Double.doubleToRawLongBits(SignGate.pass(x, gate, -x)), "x " + x + ", gate " + gate);
      }
    }
    for (float gate : EDGES_F32) {
      for (float x : EDGES_F32) {
        assertEquals(Float.floatToRawIntBits(gate <= 0 ? -x : x),
            Float.floatToRawIntBits(SignGate.pass(x, gate, -x)), "x " + x + ", gate " + gate);
      }
    }
  }

  @Property(tries = 5000)
  void float64ArithmeticGateMatchesTheBranchForFiniteValues(@ForAll long xBits,
      @ForAll long gateBits) {
    double x = finite(Double.longBitsToDouble(xBits));
    double gate = Double.longBitsToDouble(gateBits);
    double opened = SignGate.passFinite(x, SignGate.opening(gate));
    if (Double.isNaN(gate)) {
      assertTrue(Double.isNaN(opened), () -> "a NaN gate shows as NaN, x " + x);
    } else {
      assertEquals(Double.doubleToRawLongBits(branch(x, gate)),
          Double.doubleToRawLongBits(opened), () -> "x " + x + ", gate " + gate);
    }
  }

  @Property(tries = 5000)
  void float32ArithmeticGateMatchesTheBranchForFiniteValues(@ForAll int xBits,
      @ForAll int gateBits) {
    float x = finite(Float.intBitsToFloat(xBits));
    float gate = Float.intBitsToFloat(gateBits);
    float opened = SignGate.passFinite(x, SignGate.opening(gate));
    if (Float.isNaN(gate)) {
      assertTrue(Float.isNaN(opened), () -> "a NaN gate shows as NaN, x " + x);
    } else {
      assertEquals(Float.floatToRawIntBits(branch(x, gate)),
          Float.floatToRawIntBits(opened), () -> "x " + x + ", gate " + gate);
    }
  }

  @Example
  void arithmeticGateAtTheEdges() {
    for (double gate : EDGES_F64) {
      for (double x : EDGES_F64) {
        double opened = SignGate.passFinite(x, SignGate.opening(gate));
        if (Double.isFinite(x) && !Double.isNaN(gate)) {
          assertEquals(Double.doubleToRawLongBits(branch(x, gate)),
              Double.doubleToRawLongBits(opened), "x " + x + ", gate " + gate);
        } else if (!(gate > 0) || Double.isNaN(x)) {
          // What the callers look for: a result that is not finite, never a wrong finite one.
          assertTrue(Double.isNaN(opened), "x " + x + ", gate " + gate + ": " + opened);
        }
      }
    }
    for (float gate : EDGES_F32) {
      for (float x : EDGES_F32) {
        float opened = SignGate.passFinite(x, SignGate.opening(gate));
        if (Float.isFinite(x) && !Float.isNaN(gate)) {
          assertEquals(Float.floatToRawIntBits(branch(x, gate)),
              Float.floatToRawIntBits(opened), "x " + x + ", gate " + gate);
        } else if (!(gate > 0) || Float.isNaN(x)) {
          assertTrue(Float.isNaN(opened), "x " + x + ", gate " + gate + ": " + opened);
        }
      }
    }
  }

  /** x, or its bits with the exponent field made one short of all ones (finite, any sign). */
  private static double finite(double x) {
    return Double.isFinite(x) ? x
        : Double.longBitsToDouble(Double.doubleToRawLongBits(x) & ~(1L << 52));
  }

  private static float finite(float x) {
    return Float.isFinite(x) ? x : Float.intBitsToFloat(Float.floatToRawIntBits(x) & ~(1 << 23));
  }
}
