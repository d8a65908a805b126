package dev.chainrule.examples.bench;

import dev.chainrule.core.DType;
import dev.chainrule.core.Recycling;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Nanoseconds per element of the elementwise and reduction kernels a training step is made of,
 * on a 128 × 512 tensor (a hidden layer's activations for a batch of 128), one thread, in either
 * type: the table of issue 9, to hold against PyTorch's figures for the same kernels measured in
 * the same run ({@code examples/pytorch/bench.py}).
 *
 * <p>Each kernel is timed two ways, in alternating runs. <em>Fresh</em>: every result is a new
 * array, as a plain {@code x.add(y)} makes it; the JVM hands out memory the cache has not seen,
 * and writing it costs more than the arithmetic. <em>Recycled</em>: every result goes back to
 * {@link Recycling} as soon as it is made, so the next call writes the array the last one wrote,
 * which is what PyTorch's allocator does when a result's reference count drops to zero. The
 * difference of the two is the price of the fresh array; the recycled figure is the kernel's.
 */
public final class KernelBench {
  private static final Shape SHAPE = Shape.of(128, 512);
  /**
   * Calls of each kernel before its timing, at least: C2 compiles a method called per kernel call
   * after some 5,000 calls, and the quiet stretch that {@link Warmup} then waits for sees only
   * compiles that have finished.
   */
  static final int KERNEL_WARMUP_CALLS = 20_000;
  /**
   * The most a kernel's own warm-up lasts (before its quiet stretch), as a share of the first's.
   */
  static final double KERNEL_WARMUP_MAX_SHARE = 0.25;
  /** The kernels, in the order of the table. */
  static final List<String> NAMES =
      List.of("add", "mul", "square", "add_row", "relu", "sum", "exp", "sigmoid", "tanh");

  // Static methods and main only; nothing makes one.
  private KernelBench() {}

  /** The kernels, by the names the PyTorch script prints. */
  static Map<String, UnaryOperator<Tensor>> kernels(Tensor other, Tensor row) {
    Map<String, UnaryOperator<Tensor>> kernels = new LinkedHashMap<>();
    kernels.put("add", x -> x.add(other));
    kernels.put("mul", x -> x.mul(other));
    kernels.put("square", Tensor::square);
    kernels.put("add_row", x -> x.add(row));
    kernels.put("relu", Tensor::relu);
    kernels.put("sum", Tensor::sum);
    kernels.put("exp", Tensor::exp);
    kernels.put("sigmoid", Tensor::sigmoid);
    kernels.put("tanh", Tensor::tanh);
    return kernels;
  }

  /**
   * One kernel's median nanoseconds per element, each result a fresh array and each handed back.
   *
   * @param freshNs every result a new array
   * @param recycledNs every result's array handed back for the next call
   */
  public record KernelTime(double freshNs, double recycledNs) {}

  /**
   * Median nanoseconds per element of each kernel, both ways.
   *
   * @param dtype the element type to compute in
   * @param samples timed runs per figure and way (the median is reported)
   * @param callsPerSample kernel calls per timed run
   * @param warmupSeconds the least time the first kernel's fresh results warm the heap for
   * @return the times by kernel name
   */
  public static Map<String, KernelTime> measure(DType dtype, int samples, int callsPerSample,
      double warmupSeconds) {
    Tensor x = Tensors.randn(SHAPE, Tensors.seeded(1), dtype);
    Tensor other = Tensors.randn(SHAPE, Tensors.seeded(2), dtype);
    Tensor row = Tensors.randn(Shape.of(SHAPE.dim(1)), Tensors.seeded(3), dtype);
    Map<String, KernelTime> figures = new LinkedHashMap<>();
    // Fresh results allocate some 3 GB a second, and the collector grows the young generation
    // to match, onto pages never touched: the first kernel timed read 13.4 ns per element (51
    // times PyTorch's) where the others read 3 to 5 times. Its fresh results warm the process
    // until no pages fault (Warmup), once for all kernels.
    UnaryOperator<Tensor> first = kernels(other, row).values().iterator().next();
    Warmup.run(() -> {
      for (int i = 0; i < callsPerSample; i++) {
        first.apply(x);
      }
    }, warmupSeconds);
    kernels(other, row).forEach((name, kernel) -> {
      Runnable fresh = () -> {
        for (int i = 0; i < callsPerSample; i++) {
          kernel.apply(x);
        }
      };
      Runnable recycled = () -> {
        // The scope must be open when a result is born: only then may it take the array back.
        try (Recycling.Scope scope = Recycling.open()) {
          for (int i = 0; i < callsPerSample; i++) {
            scope.recycle(kernel.apply(x));
          }
        }
      };
      // Each kernel warmed on its own until the compiler is done with its code, not one run of
      // each: a sum's run is some 2 ms, and C2 was asked for SumF64's lane loops, and for the
      // kernels' per-call methods (at some 5,000 calls), only during the timed runs, and spent
      // 100-200 ms on them on the core the timed thread needed on these 2-core machines. The
      // clock counted the time the thread waited: the float64 sum read 0.24-0.35 ns per element
      // in 6 of 8 bench-like processes where the thread's CPU time, sample by sample, gave
      // 0.11-0.14, and 0.08-0.13 in every process afterwards; with this warm-up none of 20 such
      // processes did (0.08-0.13), and pinned to one core, 6 of 12 read 0.31-0.32 before and
      // none of 6 after (0.08-0.11; session 68).
      long started = System.nanoTime();
      fresh.run();
      recycled.run();
      double firstSeconds = (System.nanoTime() - started) / 1e9;
      Warmup.run(() -> {
        fresh.run();
        recycled.run();
      }, Math.min(warmupSeconds * KERNEL_WARMUP_MAX_SHARE,
          firstSeconds * KERNEL_WARMUP_CALLS / (2.0 * callsPerSample)));
      // Alternating, so that a change in the machine's load moves both figures alike.
      double[] freshSeconds = new double[samples];
      double[] recycledSeconds = new double[samples];
      for (int s = 0; s < samples; s++) {
        freshSeconds[s] = Timing.seconds(fresh);
        recycledSeconds[s] = Timing.seconds(recycled);
      }
      double perElement = 1e9 / callsPerSample / x.size();
      figures.put(name, new KernelTime(Timing.median(freshSeconds) * perElement,
          Timing.median(recycledSeconds) * perElement));
    });
    Recycling.clear();
    return figures;
  }

  /**
   * Prints the table for both types: {@code KernelBench [samples]}.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    int samples = args.length > 0 ? Integer.parseInt(args[0]) : 9;
    Map<String, KernelTime> f64 = measure(DType.FLOAT64, samples, 300, 2);
    Map<String, KernelTime> f32 = measure(DType.FLOAT32, samples, 300, 2);
    System.out.println("ns per element, 128 x 512, one thread: float64 fresh, recycled;"
        + " float32 fresh, recycled");
    f64.forEach((name, t) -> System.out.printf(Locale.ROOT, "%-10s %8.3f %8.3f %10.3f %8.3f%n",
        name, t.freshNs(), t.recycledNs(), f32.get(name).freshNs(), f32.get(name).recycledNs()));
  }
}
