package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The array kernels of exp, sigmoid, tanh and log against FastMath's (and FastLog's) scalar
 * functions, bit for bit, in both types: the same steps in separate loops, block by block, must
 * give the same rounding on every range of an array (the loops' start and end matter to the JIT's
 * vectorized and scalar parts, and a range's start and end to its blocks) and for inputs that
 * take every branch (the normal range, overflow, underflow, sigmoid's 0 and 1, tanh's ±1,
 * ±0, subnormals, ±∞ and NaN).
 */
class TranscendentalTest {
  private static final double[] SPECIALS = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY, 709.7, 710, -745, -746, 1e-300, -1e-300, Double.MIN_VALUE, 87.5,
      -88, -104, 9.1, -9.1, 19.1, -19.1, 1e-40, -1e-45};

  private static double[] inputs(long seed, int n) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = switch (random.nextInt(4)) {
        case 0 -> SPECIALS[random.nextInt(SPECIALS.length)];
        case 1 -> random.nextDouble(-800, 800);
        case 2 -> random.nextDouble(-25, 25);
        default -> random.nextGaussian();
      };
    }
    return x;
  }

  private interface Kernel64 {
    void apply(double[] in, double[] out, int from, int to);
  }

  private interface Kernel32 {
    void apply(float[] in, float[] out, int from, int to);
  }

  private static void check(String name, Kernel64 kernel64, DoubleUnaryOperator scalar64,
      Kernel32 kernel32, FloatUnary scalar32) {
    for (int round = 0; round < 200; round++) {
      int n = 1 + round * 7 % 300;
      checkRange(name, kernel64, scalar64, kernel32, scalar32, round, n);
    }
    // Ranges over several blocks, starting and ending anywhere in one: a block's bounds, a short
    // last block (the scalar loop) and a first block cut by the range's start.
    int block = TranscendentalF64.BLOCK;
    int[] lengths = {2 * block, 2 * block + 1, 3 * block + 31, 3 * block + 32, 4 * block + 777};
    for (int k = 0; k < lengths.length; k++) {
      checkRange(name, kernel64, scalar64, kernel32, scalar32, 1000 + k, lengths[k]);
    }
  }

  private static void checkRange(String name, Kernel64 kernel64, DoubleUnaryOperator scalar64,
      Kernel32 kernel32, FloatUnary scalar32, int round, int n) {
    double[] in = inputs(round, n);
    float[] inF = new float[n];
    for (int i = 0; i < n; i++) {
      inF[i] = (float) in[i];
    }
    int from = round % 3 == 0 ? 0 : round % n;
    int to = round % 5 == 0 ? n : from + (n - from) / 2;
    double[] out = new double[n];
    float[] outF = new float[n];
    kernel64.apply(in, out, from, to);
    kernel32.apply(inF, outF, from, to);
    for (int i = 0; i < n; i++) {
      boolean inside = i >= from && i < to;
      assertEquals(inside ? scalar64.applyAsDouble(in[i]) : 0.0, out[i],
          name + " float64 of " + in[i]);
      assertEquals(inside ? scalar32.apply(inF[i]) : 0f, outF[i], name + " float32 of " + inF[i]);
    }
  }

  private interface FloatUnary {
    float apply(float x);
  }

  @Test
  void arrayKernelsGiveTheScalarFunctionsBits() {
    check("exp", TranscendentalF64::exp, FastMath::exp, TranscendentalF32::exp, FastMath::exp);
    check("sigmoid", TranscendentalF64::sigmoid, FastMath::sigmoid, TranscendentalF32::sigmoid,
        FastMath::sigmoid);
    check("tanh", TranscendentalF64::tanh, FastMath::tanh, TranscendentalF32::tanh,
        FastMath::tanh);
    check("log", TranscendentalF64::log, FastLog::log, TranscendentalF32::log, FastLog::log);
  }
}
