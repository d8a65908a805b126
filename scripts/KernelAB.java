import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Two builds of chainrule, the elementwise and reduction kernels of {@code bench}, one process:
 * rounds of {@code KernelBench.measure} alternate between the builds (which goes first alternates
 * too), so that both see the same machine, whose speed on these 2-core virtual machines drifts
 * between runs and within one. Prints, for each kernel and type, the median and range of the
 * round-by-round ratio B/A of the recycled figure (the kernel's own time, without the price of
 * a fresh array), then one line of JSON with the medians.
 *
 * <pre>
 * java scripts/KernelAB.java A.jar B.jar [rounds] [samples per figure]
 * </pre>
 *
 * <p>Each build gets a class loader of its own over its {@code chainrule.jar}; {@code
 * KernelBench.measure(dtype, samples, calls, warmupSeconds)} times 100 calls per sample on
 * 128 × 512 tensors, after warming the heap (builds before 8d761c10 take no warm-up argument and
 * run without it, so their first round is not like for like).
 * An A/A run (the same jar twice) shows what the noise alone gives.
 */
public final class KernelAB {
  private static final int CALLS_PER_SAMPLE = 100;
  /** Each round warms the heap this long before timing (KernelBench.measure's warm-up). */
  private static final double WARMUP_SECONDS = 0.2;

  private KernelAB() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      throw new IllegalArgumentException(
          "usage: java KernelAB.java A.jar B.jar [rounds] [samples per figure]");
    }
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
    int samples = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    Build[] builds = {new Build(Path.of(args[0])), new Build(Path.of(args[1]))};
    Map<String, List<Double>> ratios = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      for (String type : List.of("FLOAT64", "FLOAT32")) {
        List<Map<String, Double>> recycled = new ArrayList<>(Collections.nCopies(2, null));
        for (int k = 0; k < 2; k++) {
          int which = (round + k) % 2;  // alternate which build goes first
          recycled.set(which, builds[which].recycledNs(type, samples));
        }
        recycled.get(0).forEach((kernel, a) -> ratios.computeIfAbsent(
            kernel + (type.equals("FLOAT32") ? "_f32" : ""), name -> new ArrayList<>())
            .add(recycled.get(1).get(kernel) / a));
      }
    }
    StringBuilder json = new StringBuilder("{\"rounds\": " + rounds);
    ratios.forEach((name, list) -> {
      Collections.sort(list);
      double median = list.get(list.size() / 2);
      System.out.printf(Locale.ROOT, "%-12s B/A median %.3f (%.3f-%.3f)%n", name, median,
          list.get(0), list.get(list.size() - 1));
      json.append(String.format(Locale.ROOT, ", \"%s\": %.4f", name, median));
    });
    System.out.println(json.append('}'));
  }

  /** One build's {@code KernelBench}, reached through its own class loader. */
  private static final class Build {
    private final Method measure;
    private final Class<?> dtype;

    Build(Path jar) throws Exception {
      ClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
          ClassLoader.getPlatformClassLoader());
      Class<?> bench = loader.loadClass("dev.chainrule.examples.bench.KernelBench");
      dtype = loader.loadClass("dev.chainrule.core.DType");
      // Builds since 8d761c10 warm the heap first (a fourth argument, the seconds); older ones
      // take three.
      Method found;
      try {
        found = bench.getMethod("measure", dtype, int.class, int.class, double.class);
      } catch (NoSuchMethodException older) {
        found = bench.getMethod("measure", dtype, int.class, int.class);
      }
      measure = found;
    }

    /** Median nanoseconds per element of each kernel with its result recycled, by name. */
    Map<String, Double> recycledNs(String type, int samples) throws Exception {
      Object constant = null;
      for (Object candidate : dtype.getEnumConstants()) {
        if (((Enum<?>) candidate).name().equals(type)) {
          constant = candidate;
        }
      }
      Map<?, ?> figures = (Map<?, ?>) (measure.getParameterCount() == 4
          ? measure.invoke(null, constant, samples, CALLS_PER_SAMPLE, WARMUP_SECONDS)
          : measure.invoke(null, constant, samples, CALLS_PER_SAMPLE));
      Map<String, Double> recycled = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : figures.entrySet()) {
        Object time = entry.getValue();
        recycled.put((String) entry.getKey(),
            (Double) time.getClass().getMethod("recycledNs").invoke(time));
      }
      return recycled;
    }
  }
}
