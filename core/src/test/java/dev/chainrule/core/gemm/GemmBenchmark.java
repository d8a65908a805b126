package dev.chainrule.core.gemm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * GFLOP/s (and µs per call) of every backend in both dtypes on the products chainrule's examples
 * make, medians of several timed runs after a warm-up. Not a test: a program, run by hand on a
 * quiet machine (the command is in docs/architecture.md). Arguments: {@code runs=N} (default 7),
 * {@code backends=java,ejml,native} (and {@code java-rows}, the Java kernel without its two-row
 * path, or {@code java:K:N}, with panels of K × N), {@code shapes=all|mlp|small},
 * {@code only=LABEL} (the shapes whose label starts so, e.g. {@code only=512×512}), and
 * {@code crossover} to time Java against the library on growing products instead.
 */
public final class GemmBenchmark {
  /** A product {@code m×k·k×n} and its transpose flags, with where it occurs. */
  record Shape(String where, int m, int k, int n, boolean transposeA, boolean transposeB) {
    long flops() {
      return 2L * m * k * n;
    }

    String label() {
      String mode = transposeA ? (transposeB ? " Aᵀ·Bᵀ" : " Aᵀ·B") : transposeB ? " A·Bᵀ" : "";
      return m + "×" + k + "×" + n + mode;
    }
  }

  static final List<Shape> MLP = List.of(
      new Shape("MLP layer 1, x·W", 128, 784, 256, false, false),
      new Shape("layer 1, Xᵀ·G", 784, 128, 256, true, false),
      new Shape("layer 2, G·Wᵀ", 128, 128, 256, false, true),
      new Shape("layer 2, x·W", 128, 256, 128, false, false),
      new Shape("bench GEMM figure", 512, 512, 512, false, false));

  static final List<Shape> SMALL = List.of(
      new Shape("Iris forward", 150, 4, 16, false, false),
      new Shape("Iris forward", 150, 16, 3, false, false),
      new Shape("Iris Xᵀ·G", 4, 150, 16, true, false),
      new Shape("Iris Xᵀ·G", 16, 150, 3, true, false),
      new Shape("Iris G·Wᵀ", 150, 3, 16, false, true),
      new Shape("XOR forward", 4, 2, 2, false, false),
      new Shape("XOR Xᵀ·G", 2, 4, 2, true, false));

  private GemmBenchmark() {}

  /** A backend under another name. */
  private record Named(String name, Gemm gemm) implements Gemm {
    @Override
    public void gemm(double alpha, MatrixBlockF64 a, boolean transposeA, MatrixBlockF64 b,
        boolean transposeB, double beta, MatrixBlockF64 c) {
      gemm.gemm(alpha, a, transposeA, b, transposeB, beta, c);
    }

    @Override
    public void gemm(float alpha, MatrixBlockF32 a, boolean transposeA, MatrixBlockF32 b,
        boolean transposeB, float beta, MatrixBlockF32 c) {
      gemm.gemm(alpha, a, transposeA, b, transposeB, beta, c);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  public static void main(String[] args) {
    int runs = 7;
    List<String> backends = List.of("java", "ejml", "native");
    List<Shape> shapes = new ArrayList<>(MLP);
    shapes.addAll(SMALL);
    boolean crossover = false;
    for (String arg : args) {
      if (arg.startsWith("runs=")) {
        runs = Integer.parseInt(arg.substring(5));
      } else if (arg.startsWith("backends=")) {
        backends = Arrays.asList(arg.substring(9).split(","));
      } else if (arg.equals("shapes=mlp")) {
        shapes = MLP;
      } else if (arg.equals("shapes=small")) {
        shapes = SMALL;
      } else if (arg.startsWith("only=")) {
        String label = arg.substring(5);
        shapes = shapes.stream().filter(s -> s.label().startsWith(label)).toList();
      } else if (arg.equals("crossover")) {
        crossover = true;
      } else if (!arg.equals("shapes=all")) {
        throw new IllegalArgumentException("unknown argument " + arg);
      }
    }
    System.out.println("GEMM benchmark: " + Runtime.getRuntime().availableProcessors()
        + " processors, Java " + System.getProperty("java.version") + "; default backend: "
        + GemmBackend.describe());
    Backends.NativeOutcome nativeOutcome = Backends.NATIVE;
    List<Gemm> gemms = new ArrayList<>();
    for (String name : backends) {
      switch (name) {
        case "java" -> gemms.add(new JavaGemm());
        case "java-rows" -> gemms.add(new Named("Java, one row at a time", new JavaGemm(
            new JavaGemm.Blocking(128, 256, 32, 256, 1L << 22, Integer.MAX_VALUE, 0,
                NarrowGemmF64.MAX_OUTPUT))));
        case "ejml" -> gemms.add(new EjmlGemm());
        case "native" -> nativeOutcome.gemm().ifPresentOrElse(gemms::add,
            () -> System.out.println("native: unavailable, " + nativeOutcome.reason()));
        default -> gemms.add(blocked(name));
      }
    }
    if (crossover) {
      crossover(nativeOutcome, runs);
      return;
    }
    for (Shape shape : shapes) {
      for (Gemm gemm : gemms) {
        for (String dtype : List.of("f64", "f32")) {
          double seconds = medianSeconds(gemm, shape, dtype, runs);
          System.out.printf(Locale.ROOT,
              "%-16s %-20s %-48s %s %8.2f GFLOP/s %10.3f µs%n", shape.label(), shape.where(),
              gemm, dtype, shape.flops() / seconds / 1e9, seconds * 1e6);
          System.out.printf(Locale.ROOT, "{\"shape\":\"%s\",\"backend\":\"%s\",\"dtype\":\"%s\","
                  + "\"gflops\":%.3f,\"us\":%.4f}%n", shape.label(), gemm, dtype,
              shape.flops() / seconds / 1e9, seconds * 1e6);
        }
      }
    }
  }

  /** {@code java:kBlock:nBlock}: the Java kernel with other panels, to try block sizes. */
  private static Gemm blocked(String name) {
    String[] parts = name.split(":");
    if (parts.length != 3 || !parts[0].equals("java")) {
      throw new IllegalArgumentException("unknown backend " + name);
    }
    int kBlock = Integer.parseInt(parts[1]);
    int nBlock = Integer.parseInt(parts[2]);
    return new Named("Java, panels " + kBlock + "×" + nBlock, new JavaGemm(
        new JavaGemm.Blocking(kBlock, nBlock, 32, 256, 1L << 22, 64, 16,
            NarrowGemmF64.MAX_OUTPUT)));
  }

  /** Java against the library on n×n·n×n for growing n, every product sent where it says. */
  private static void crossover(Backends.NativeOutcome nativeOutcome, int runs) {
    NativeGemm library = nativeOutcome.gemm()
        .orElseThrow(() -> new IllegalStateException("no native BLAS: " + nativeOutcome.reason()))
        .withSmallWork(0);
    Gemm java = new JavaGemm();
    for (int[] mkn : new int[][] {{4, 4, 4}, {8, 8, 8}, {16, 16, 16}, {20, 20, 20}, {24, 24, 24},
        {32, 32, 32}, {48, 48, 48}, {64, 64, 64}, {150, 4, 16}, {150, 16, 3}, {4, 150, 16},
        {16, 150, 3}, {150, 3, 16}}) {
      Shape shape = new Shape("cube", mkn[0], mkn[1], mkn[2], false, false);
      for (String dtype : List.of("f64", "f32")) {
        double javaSeconds = medianSeconds(java, shape, dtype, runs);
        double nativeSeconds = medianSeconds(library, shape, dtype, runs);
        System.out.printf(Locale.ROOT, "%-12s %s work %7d: Java %8.3f µs, native %8.3f µs%n",
            shape.label(), dtype, shape.flops() / 2, javaSeconds * 1e6, nativeSeconds * 1e6);
      }
    }
  }

  /** Median seconds per call over {@code runs} timed batches of at least 0.1 s each. */
  static double medianSeconds(Gemm gemm, Shape shape, String dtype, int runs) {
    Runnable call = call(gemm, shape, dtype);
    long calls = 1;
    long warmUntil = System.nanoTime() + 700_000_000L;
    while (System.nanoTime() < warmUntil) {
      long start = System.nanoTime();
      for (long i = 0; i < calls; i++) {
        call.run();
      }
      if (System.nanoTime() - start < 50_000_000L) {
        calls *= 2;
      }
    }
    double[] perCall = new double[runs];
    for (int r = 0; r < runs; r++) {
      long start = System.nanoTime();
      long done = 0;
      long elapsed;
      do {
        for (long i = 0; i < calls; i++) {
          call.run();
        }
        done += calls;
        elapsed = System.nanoTime() - start;
      } while (elapsed < 100_000_000L);
      perCall[r] = elapsed / 1e9 / done;
    }
    Arrays.sort(perCall);
    return perCall[runs / 2];
  }

  private static Runnable call(Gemm gemm, Shape shape, String dtype) {
    Random random = new Random(1);
    int aRows = shape.transposeA() ? shape.k() : shape.m();
    int aCols = shape.transposeA() ? shape.m() : shape.k();
    int bRows = shape.transposeB() ? shape.n() : shape.k();
    int bCols = shape.transposeB() ? shape.k() : shape.n();
    if (dtype.equals("f64")) {
      MatrixBlockF64 a = MatrixBlockF64.of(random.doubles(aRows * aCols).toArray(), aRows, aCols);
      MatrixBlockF64 b = MatrixBlockF64.of(random.doubles(bRows * bCols).toArray(), bRows, bCols);
      MatrixBlockF64 c = MatrixBlockF64.of(new double[shape.m() * shape.n()], shape.m(), shape.n());
      return () -> gemm.gemm(1.0, a, shape.transposeA(), b, shape.transposeB(), 0.0, c);
    }
    MatrixBlockF32 a = MatrixBlockF32.of(floats(random, aRows * aCols), aRows, aCols);
    MatrixBlockF32 b = MatrixBlockF32.of(floats(random, bRows * bCols), bRows, bCols);
    MatrixBlockF32 c = MatrixBlockF32.of(new float[shape.m() * shape.n()], shape.m(), shape.n());
    return () -> gemm.gemm(1f, a, shape.transposeA(), b, shape.transposeB(), 0f, c);
  }

  private static float[] floats(Random random, int count) {
    float[] values = new float[count];
    for (int i = 0; i < count; i++) {
      values[i] = random.nextFloat();
    }
    return values;
  }
}
