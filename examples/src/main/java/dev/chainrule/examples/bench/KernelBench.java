package dev.chainrule.examples.bench;

import dev.chainrule.core.DType;
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
 */
public final class KernelBench {
  private static final Shape SHAPE = Shape.of(128, 512);
  /** The kernels, in the order of the table. */
  static final List<String> NAMES =
      List.of("add", "mul", "square", "add_row", "relu", "sum", "exp", "sigmoid", "tanh");

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
   * Median nanoseconds per element of each kernel.
   *
   * @param callsPerSample kernel calls per timed run
   * @param dtype the element type to compute in
   * @param samples timed runs per figure (the median is reported)
   * @return nanoseconds per element by kernel name
   */
  public static Map<String, Double> measure(DType dtype, int samples, int callsPerSample) {
    Tensor x = Tensors.randn(SHAPE, Tensors.seeded(1), dtype);
    Tensor other = Tensors.randn(SHAPE, Tensors.seeded(2), dtype);
    Tensor row = Tensors.randn(Shape.of(SHAPE.dim(1)), Tensors.seeded(3), dtype);
    Map<String, Double> figures = new LinkedHashMap<>();
    kernels(other, row).forEach((name, kernel) -> {
      Runnable calls = () -> {
        for (int i = 0; i < callsPerSample; i++) {
          kernel.apply(x);
        }
      };
      calls.run();
      double seconds = Timing.medianSeconds(samples, calls);
      figures.put(name, seconds * 1e9 / callsPerSample / x.size());
    });
    return figures;
  }

  /**
   * Prints the table for both types: {@code KernelBench [samples]}.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    int samples = args.length > 0 ? Integer.parseInt(args[0]) : 9;
    Map<String, Double> f64 = measure(DType.FLOAT64, samples, 300);
    Map<String, Double> f32 = measure(DType.FLOAT32, samples, 300);
    System.out.println("kernel     float64 ns  float32 ns   (per element, 128 x 512, one thread)");
    f64.forEach((name, ns) -> System.out.printf(Locale.ROOT, "%-10s %10.3f %11.3f%n", name, ns,
        f32.get(name)));
  }
}
