import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Two builds of chainrule, the same bits? exp, sigmoid and tanh of both types, the array kernels
 * ({@code TranscendentalF64}/{@code F32} over random ranges of random lengths, long enough for
 * several blocks and for C2 to compile the loops) and FastMath's scalar forms, compared as raw
 * bits; each build through a class loader of its own, the package-private classes by reflection.
 * For a change that claims to keep every result, such as a loop restructured.
 *
 * <pre>
 * java scripts/TranscendentalBitsAB.java A.jar B.jar [rounds]
 * </pre>
 *
 * <p>Inputs: random bit patterns (NaN payloads, subnormals, huge values), the specials (±0, ±∞,
 * NaNs, the least and greatest normals and subnormals), the neighbourhoods (a few ulps, and ±1) of
 * every limit of the kernels (708, 709.78, 710, 745.13, 746, 19.1, 9.1, 88.72, 89, 103.97, 104),
 * uniform and Gaussian values; some rounds hold only Gaussians (no rare path at all), some one
 * special in 200. The float inputs are the doubles narrowed, or in odd rounds their bits folded
 * into 32 (so float NaN payloads and subnormals come too).
 *
 * <p>Exits 1 on any difference, except one: where both results are NaN, a float32 tanh's NaN may
 * differ in its sign, between two runs of one build (A/A) too: tanh(NaN with the sign bit clear)
 * is that NaN interpreted and the NaN with the sign bit set once C2 has compiled the code, the
 * scalar form and the loops alike (the sign through its clamp's min, max and negation). Those are
 * counted, not failed.
 */
public final class TranscendentalBitsAB {
  private static final String[] NAMES = {"exp", "sigmoid", "tanh"};
  private static final double[] LIMITS = {708, 709.78, 709.782712893384, 710, 745.13, 746, 19.1,
      9.1, 88.7, 88.72283, 89, 103.97, 104, 0, 1, 0.5, 2, 1e-8};
  private static final double[] SPECIALS = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
      -Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE,
      Double.longBitsToDouble(0x7ff0000000000001L), Double.longBitsToDouble(0xfff8000000000123L),
      Float.MIN_VALUE, -Float.MIN_VALUE, 1e-40, -1e-45};

  private TranscendentalBitsAB() {}

  public static void main(String[] args) throws Exception {
    Method[][] k = {methods(args[0]), methods(args[1])};
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3000;
    SplittableRandom random = new SplittableRandom(42);
    long checked = 0;
    long differ = 0;
    long[] floatTanhNan = {0};
    for (int round = 0; round < rounds; round++) {
      int n = round % 4 == 0 ? 1 + random.nextInt(40) : 1 + random.nextInt(9000);
      double[] x = inputs(random, n, round % 7);
      float[] xf = new float[n];
      for (int i = 0; i < n; i++) {
        long bits = Double.doubleToRawLongBits(x[i]);
        xf[i] = round % 2 == 0 ? (float) x[i] : Float.intBitsToFloat((int) (bits ^ bits >>> 32));
      }
      int from = random.nextInt(3) == 0 ? 0 : random.nextInt(n);
      int to = random.nextInt(3) == 0 ? n : from + random.nextInt(n - from + 1);
      for (int f = 0; f < NAMES.length; f++) {
        double[][] out = new double[2][n];
        float[][] outF = new float[2][n];
        for (int b = 0; b < 2; b++) {
          k[b][f].invoke(null, x, out[b], from, to);
          k[b][3 + f].invoke(null, xf, outF[b], from, to);
        }
        int scalars = round % 10 == 0 ? Math.min(n, 500) : 0;
        for (int i = 0; i < n; i++) {
          differ += compare("float64 " + NAMES[f], x[i], out[0][i], out[1][i]);
          differ += compare("float32 " + NAMES[f], xf[i], outF[0][i], outF[1][i], f == 2,
              floatTanhNan);
          if (i < scalars) {
            differ += compare("scalar float64 " + NAMES[f], x[i],
                (Double) k[0][6 + f].invoke(null, x[i]), (Double) k[1][6 + f].invoke(null, x[i]));
            differ += compare("scalar float32 " + NAMES[f], xf[i],
                (Float) k[0][9 + f].invoke(null, xf[i]), (Float) k[1][9 + f].invoke(null, xf[i]),
                f == 2, floatTanhNan);
            checked += 2;
          }
          checked += 2;
        }
      }
    }
    System.out.printf("%d results compared (%d rounds): %d differ; float32 tanh NaNs of other"
        + " bits (not failed): %d%n", checked, rounds, differ, floatTanhNan[0]);
    System.exit(differ == 0 ? 0 : 1);
  }

  /** exp, sigmoid, tanh: float64 kernels, float32 kernels, scalar double, scalar float. */
  private static Method[] methods(String jar) throws Exception {
    ClassLoader loader = new URLClassLoader(new URL[] {Path.of(jar).toUri().toURL()},
        ClassLoader.getPlatformClassLoader());
    Class<?> t64 = loader.loadClass("dev.chainrule.core.TranscendentalF64");
    Class<?> t32 = loader.loadClass("dev.chainrule.core.TranscendentalF32");
    Class<?> scalar = loader.loadClass("dev.chainrule.core.FastMath");
    Method[] m = new Method[12];
    for (int f = 0; f < NAMES.length; f++) {
      m[f] = t64.getDeclaredMethod(NAMES[f], double[].class, double[].class, int.class, int.class);
      m[3 + f] =
          t32.getDeclaredMethod(NAMES[f], float[].class, float[].class, int.class, int.class);
      m[6 + f] = scalar.getDeclaredMethod(NAMES[f], double.class);
      m[9 + f] = scalar.getDeclaredMethod(NAMES[f], float.class);
    }
    for (Method method : m) {
      method.setAccessible(true);
    }
    return m;
  }

  /** Mode 0: Gaussians only; 1: one value in 200 from the other classes; else one in 8 each. */
  private static double[] inputs(SplittableRandom random, int n, int mode) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      int kind = mode == 0 ? 3 : random.nextInt(mode == 1 ? 200 : 8);
      x[i] = switch (kind) {
        case 0 -> Double.longBitsToDouble(random.nextLong());
        case 1 -> {
          double limit = LIMITS[random.nextInt(LIMITS.length)] * (random.nextBoolean() ? 1 : -1);
          yield random.nextInt(4) == 0 ? limit + random.nextDouble(-1, 1)
              : Double.longBitsToDouble(Double.doubleToRawLongBits(limit) + random.nextInt(-3, 4));
        }
        case 2 -> SPECIALS[random.nextInt(SPECIALS.length)];
        case 4 -> random.nextDouble(-800, 800);
        case 5 -> random.nextDouble(-25, 25);
        case 6 -> random.nextDouble(-110, 110);
        default -> random.nextGaussian() * (random.nextInt(3) + 1);
      };
    }
    return x;
  }

  private static int compare(String what, double x, double a, double b) {
    if (Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b)) {
      return 0;
    }
    System.out.printf("%s(%s, bits %x): A %s (%x), B %s (%x)%n", what, x,
        Double.doubleToRawLongBits(x), a, Double.doubleToRawLongBits(a), b,
        Double.doubleToRawLongBits(b));
    return 1;
  }

  private static int compare(String what, float x, float a, float b, boolean tanh,
      long[] tanhNan) {
    if (Float.floatToRawIntBits(a) == Float.floatToRawIntBits(b)) {
      return 0;
    }
    if (tanh && a != a && b != b) {
      tanhNan[0]++;
      return 0;
    }
    System.out.printf("%s(%s, bits %x): A %s (%x), B %s (%x)%n", what, x,
        Float.floatToRawIntBits(x), a, Float.floatToRawIntBits(a), b, Float.floatToRawIntBits(b));
    return 1;
  }
}
