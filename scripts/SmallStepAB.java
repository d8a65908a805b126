import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Two builds of chainrule, one small training step, one process: blocks of steps alternate
 * between the builds, so that both see the same machine, whose speed on these 2-core virtual
 * machines drifts between runs and within one. Prints each build's median and first-quartile
 * microseconds per step and the median of the block-by-block ratio B/A.
 *
 * <pre>
 * java scripts/SmallStepAB.java A.jar B.jar iris|xor [blocks] [steps per block]
 * </pre>
 *
 * <p>Each build gets a class loader of its own over its {@code chainrule.jar}. The step is the
 * one {@code bench} times ({@code SmallNetworks}, package-private, reached by reflection), warmed
 * for three seconds on a network of its own. As {@code bench} times its networks from their
 * 500th step to their 5,000th (a network trained much longer is in a state PyTorch's never
 * reaches: the Iris logits grow without bound), both builds start fresh networks every 5,000
 * steps or so and run 500 untimed steps on them.
 */
public final class SmallStepAB {
  private SmallStepAB() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3 || !(args[2].equals("iris") || args[2].equals("xor"))) {
      throw new IllegalArgumentException(
          "usage: java SmallStepAB.java A.jar B.jar iris|xor [blocks] [steps per block]");
    }
    String network = args[2];
    int blocks = args.length > 3 ? Integer.parseInt(args[3]) : 400;
    int steps = args.length > 4 ? Integer.parseInt(args[4]) : network.equals("xor") ? 1000 : 100;
    Build[] builds = {new Build(Path.of(args[0]), network), new Build(Path.of(args[1]), network)};
    long warmEnd = System.nanoTime() + 3_000_000_000L;
    while (System.nanoTime() < warmEnd) {
      for (Build build : builds) {
        build.repeat(steps);
      }
    }
    int freshEvery = Math.max(1, 4_500 / steps);
    double[][] micros = new double[2][blocks];
    double[] ratios = new double[blocks];
    for (int b = 0; b < blocks; b++) {
      if (b % freshEvery == 0) {
        for (Build build : builds) {
          build.fresh();
          build.repeat(500);
        }
      }
      for (int k = 0; k < 2; k++) {
        int which = (b + k) % 2;  // alternate which build goes first
        long start = System.nanoTime();
        builds[which].repeat(steps);
        micros[which][b] = (System.nanoTime() - start) / 1e3 / steps;
      }
      ratios[b] = micros[1][b] / micros[0][b];
    }
    for (double[] m : micros) {
      Arrays.sort(m);
    }
    Arrays.sort(ratios);
    System.out.printf(Locale.ROOT, "%s: A %.2f µs, B %.2f µs per step (medians; first quartiles"
            + " %.2f and %.2f); B/A per block: median %.3f (quartiles %.3f-%.3f), %d blocks of"
            + " %d steps%n", network, micros[0][blocks / 2], micros[1][blocks / 2],
        micros[0][blocks / 4], micros[1][blocks / 4], ratios[blocks / 2], ratios[blocks / 4],
        ratios[3 * blocks / 4], blocks, steps);
  }

  /** One build's network, made and stepped through its own class loader. */
  private static final class Build {
    private final Method make;
    private final Object[] makeArguments;
    private Object step;
    private Method repeat;

    Build(Path jar, String network) throws Exception {
      ClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
          ClassLoader.getPlatformClassLoader());
      Class<?> networks = loader.loadClass("dev.chainrule.examples.bench.SmallNetworks");
      if (network.equals("xor")) {
        make = networks.getDeclaredMethod("xor", long.class);
        makeArguments = new Object[] {1L};
      } else {
        Method shaped = networks.getDeclaredMethod("irisShaped", long.class);
        shaped.setAccessible(true);
        Object data = shaped.invoke(null, 1L);
        make = Arrays.stream(networks.getDeclaredMethods())
            .filter(m -> m.getName().equals("iris")).findFirst().orElseThrow();
        makeArguments = new Object[] {data, 1L};
      }
      make.setAccessible(true);
      fresh();
    }

    void fresh() throws Exception {
      step = make.invoke(null, makeArguments);
      repeat = step.getClass().getDeclaredMethod("repeat", int.class);
      repeat.setAccessible(true);
    }

    void repeat(int steps) throws Exception {
      repeat.invoke(step, steps);
    }
  }
}
