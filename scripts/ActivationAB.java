import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Two builds of chainrule, the activations through the autograd engine, one process: rounds
 * alternate between the builds (which goes first alternates too), so that both see the same
 * machine. Each figure is ns per element of a forward and backward pass ({@code fb}: a parameter
 * of 128 × 512, the activation, {@code backward} with a given gradient) or of the forward alone
 * ({@code f}), the median of the samples; each line prints both builds' medians and the median
 * and range of the round-by-round ratio B/A. Inputs are normal with σ 1.5, so both sides of each
 * activation's kink are taken.
 *
 * <pre>
 * java scripts/ActivationAB.java A.jar B.jar [rounds] [activations, default
 *     leakyRelu,elu,gelu,geluTanh]
 * </pre>
 *
 * <p>Each build gets a class loader of its own over its {@code chainrule.jar} and is reached by
 * reflection through its public API ({@code Tensor.of}, {@code Variable.parameter}, the
 * activation's method), so any two builds with these methods compare.
 */
public final class ActivationAB {
  private static final int CALLS_PER_SAMPLE = 20;
  private static final int SAMPLES = 5;
  private static final int ROWS = 128;
  private static final int COLUMNS = 512;

  private ActivationAB() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: java ActivationAB.java A.jar B.jar [rounds]"
          + " [activations]");
    }
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
    List<String> activations = List.of(
        (args.length > 3 ? args[3] : "leakyRelu,elu,gelu,geluTanh").split(","));
    Build[] builds = {new Build(Path.of(args[0])), new Build(Path.of(args[1]))};
    Map<String, List<double[]>> figures = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      for (String activation : activations) {
        for (String type : List.of("FLOAT64", "FLOAT32")) {
          for (boolean backward : new boolean[] {true, false}) {
            double[] pair = new double[2];
            for (int k = 0; k < 2; k++) {
              int which = (round + k) % 2;  // alternate which build goes first
              pair[which] = builds[which].nsPerElement(activation, type, backward);
            }
            figures.computeIfAbsent(activation + " " + type + (backward ? " fb" : " f"),
                key -> new ArrayList<>()).add(pair);
          }
        }
      }
    }
    figures.forEach((key, pairs) -> {
      double[] a = pairs.stream().mapToDouble(p -> p[0]).sorted().toArray();
      double[] b = pairs.stream().mapToDouble(p -> p[1]).sorted().toArray();
      double[] ratio = pairs.stream().mapToDouble(p -> p[1] / p[0]).sorted().toArray();
      System.out.printf(Locale.ROOT, "%-22s A %8.2f  B %8.2f ns/element  B/A %.3f (%.3f-%.3f)%n",
          key, a[a.length / 2], b[b.length / 2], ratio[ratio.length / 2], ratio[0],
          ratio[ratio.length - 1]);
    });
  }

  /** One build's API, reached by reflection through a class loader of its own. */
  private static final class Build {
    private final Method tensorOf;
    private final Method to;
    private final Method parameter;
    private final Method backward;
    private final Method grad;
    private final Method value;
    private final Method flatGet;
    private final Class<?> variable;
    private final Class<?> dtype;
    private double sink;

    Build(Path jar) throws Exception {
      ClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
          ClassLoader.getPlatformClassLoader());
      Class<?> tensor = loader.loadClass("dev.chainrule.core.Tensor");
      dtype = loader.loadClass("dev.chainrule.core.DType");
      variable = loader.loadClass("dev.chainrule.autograd.Variable");
      tensorOf = tensor.getMethod("of", double[].class, int[].class);
      to = tensor.getMethod("to", dtype);
      flatGet = tensor.getMethod("flatGet", int.class);
      parameter = variable.getMethod("parameter", tensor);
      backward = variable.getMethod("backward", tensor);
      grad = variable.getMethod("grad");
      value = variable.getMethod("value");
    }

    double nsPerElement(String activation, String type, boolean withBackward) throws Exception {
      Object x = data(type, 1);
      Object g = data(type, 2);
      Method apply = activation.equals("elu") || activation.equals("leakyRelu")
          ? variable.getMethod(activation, double.class) : variable.getMethod(activation);
      Object[] slope = activation.equals("elu") ? new Object[] {1.0}
          : activation.equals("leakyRelu") ? new Object[] {0.01} : new Object[0];
      double[] samples = new double[SAMPLES];
      for (int s = 0; s < SAMPLES; s++) {
        long start = System.nanoTime();
        for (int c = 0; c < CALLS_PER_SAMPLE; c++) {
          Object p = parameter.invoke(null, x);
          Object y = apply.invoke(p, slope);
          if (withBackward) {
            backward.invoke(y, g);
            sink += (double) flatGet.invoke(grad.invoke(p), c);
          } else {
            sink += (double) flatGet.invoke(value.invoke(y), c);
          }
        }
        samples[s] = (System.nanoTime() - start) / (double) CALLS_PER_SAMPLE / (ROWS * COLUMNS);
      }
      Arrays.sort(samples);
      return samples[SAMPLES / 2];
    }

    private Object data(String type, long seed) throws Exception {
      Random random = new Random(seed);
      double[] values = new double[ROWS * COLUMNS];
      for (int i = 0; i < values.length; i++) {
        values[i] = random.nextGaussian() * 1.5;
      }
      Object tensor = tensorOf.invoke(null, values, new int[] {ROWS, COLUMNS});
      return to.invoke(tensor, dtype.getMethod("valueOf", String.class).invoke(null, type));
    }
  }
}
