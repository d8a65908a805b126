package dev.chainrule.examples.run;

import dev.chainrule.core.DType;
import dev.chainrule.examples.cli.Failure;
import dev.chainrule.optim.OptimizerChoice;
import dev.chainrule.optim.diagnostics.GradientFlow;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The memory an MLP needs, estimated from its widths before anything is allocated, so that a
 * network that cannot fit is refused with its size instead of failing minutes later with an
 * {@code OutOfMemoryError}. The estimate counts, per element of the run's type: every parameter
 * with its gradient, one temporary and the optimizer's buffers; the activations of a training
 * batch (value, gradient and one temporary per unit); the widest pair of adjacent layers for
 * the largest batch evaluated at once (the test set, the decision-boundary grid, or the gradient
 * pictures' probe rows); and the probe's histogram of the widest hidden layer, {@value
 * #SNAPSHOT_COPIES} copies of its activations (uncounted, {@code --hidden 1048576} on 200 rows
 * passed the estimate and ran out of memory in the histogram after half a minute).
 */
public final class ModelSize {
  /** An activation snapshot's copies of a layer's values at once: the values, a mask, a map. */
  static final int SNAPSHOT_COPIES = 3;

  private ModelSize() {}

  /**
   * Refuses a network that needs more memory than the heap has left, or whose layer holds more
   * elements than a tensor can.
   *
   * @param widths the layer widths, input first
   * @param batchSize samples per batch as requested, positive
   * @param trainingRows the rows a training epoch has: no batch holds more, whatever was asked
   * @param evaluatedRows the most rows run through the network at once outside training
   * @param optimizer the optimizer that updates the model
   * @param dtype the element type of the parameters and activations
   */
  public static void requireFits(List<Integer> widths, int batchSize, long trainingRows,
      long evaluatedRows, OptimizerChoice optimizer, DType dtype) {
    double needed = bytesNeeded(widths, batchSize, trainingRows, evaluatedRows, optimizer, dtype);
    Runtime runtime = Runtime.getRuntime();
    double available = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    if (needed > available) {
      long parameters = parameters(widths);
      throw new Failure(String.format(Locale.ROOT, "the %s network is too large for memory: %,d"
          + " parameters (%s as %s) need about %s with their gradients, %s's state and the"
          + " activations, and Java has %s left here; choose smaller --hidden widths%s",
          text(widths), parameters, gigabytes((double) parameters * dtype.byteSize()), dtype,
          gigabytes(needed), optimizer, gigabytes(available),
          moreMemory(needed + runtime.maxMemory() - available)));
    }
  }

  /** The estimate {@link #requireFits} holds the heap to, in bytes; refuses a layer too large. */
  static double bytesNeeded(List<Integer> widths, int batchSize, long trainingRows,
      long evaluatedRows, OptimizerChoice optimizer, DType dtype) {
    // A batch never holds more rows than the training data: counting the requested size refused
    // `xor --batch-size 100000000` (4 rows) as a network too large for memory.
    long batch = Math.min(batchSize, trainingRows);
    long probeRows = Math.min(GradientFlow.PROBE_ROWS, trainingRows);
    long units = 0;
    long widestPair = 0;
    long widestHidden = 0;
    for (int i = 0; i + 1 < widths.size(); i++) {
      long weights = (long) widths.get(i) * widths.get(i + 1);
      if (weights > Integer.MAX_VALUE) {
        throw new Failure(String.format(Locale.ROOT, "the %s network has a layer of %,d × %,d"
            + " weights, more than a tensor holds (%,d elements); choose smaller --hidden widths",
            text(widths), widths.get(i), widths.get(i + 1), Integer.MAX_VALUE));
      }
      units += widths.get(i + 1);
      widestPair = Math.max(widestPair, (long) widths.get(i) + widths.get(i + 1));
      if (i + 2 < widths.size()) {
        widestHidden = Math.max(widestHidden, widths.get(i + 1));
      }
    }
    long copiesPerParameter = 3 + buffers(optimizer);
    return (double) dtype.byteSize() * (parameters(widths) * copiesPerParameter
        + 3.0 * batch * units
        + (double) Math.max(Math.max(evaluatedRows, batch), probeRows) * widestPair
        + (double) SNAPSHOT_COPIES * probeRows * widestHidden);
  }

  private static long parameters(List<Integer> widths) {
    long parameters = 0;
    for (int i = 0; i + 1 < widths.size(); i++) {
      parameters += (long) widths.get(i) * widths.get(i + 1) + widths.get(i + 1);
    }
    return parameters;
  }

  /**
   * The heap that would hold {@code bytes}, as advice: a quarter more, in whole gigabytes, when
   * the machine has that much memory; nothing when it has not (a fixed -Xmx16g was advised for a
   * network of 64 GB).
   *
   * @param bytes what the heap must hold
   * @return the end of a sentence: the -Xmx to run with, or that the machine is too small
   */
  public static String moreMemory(double bytes) {
    long gigabytes = (long) Math.ceil(1.25 * bytes / (1 << 30));
    long physical = ((com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
    return gigabytes * (1L << 30) >= physical
        ? String.format(Locale.ROOT, "; this machine's %s of memory would not hold it either",
            gigabytes(physical))
        : String.format(Locale.ROOT, " (or give Java more memory: java -Xmx%dg -jar"
            + " chainrule.jar ...)", gigabytes);
  }

  /**
   * The widths of an MLP: inputs, hidden widths, outputs.
   *
   * @param inputs features per sample
   * @param hidden the hidden layers' widths, input side first
   * @param outputs the output layer's width
   * @return the widths, input first
   */
  public static List<Integer> widths(int inputs, List<Integer> hidden, int outputs) {
    List<Integer> widths = new ArrayList<>();
    widths.add(inputs);
    widths.addAll(hidden);
    widths.add(outputs);
    return widths;
  }

  /** Buffers per parameter the optimizer keeps: momentum 1, Adam's two moments 2, ... */
  private static int buffers(OptimizerChoice optimizer) {
    return switch (optimizer) {
      case SGD -> 0;
      case MOMENTUM, NESTEROV, RMSPROP, ADAGRAD -> 1;
      case ADAM, ADAMW -> 2;
    };
  }

  private static String text(List<Integer> widths) {
    return String.join("-", widths.stream().map(String::valueOf).toList());
  }

  private static String gigabytes(double bytes) {
    return bytes >= 1e9 ? String.format(Locale.ROOT, "%.1f GB", bytes / 1e9)
        : String.format(Locale.ROOT, "%.0f MB", Math.ceil(bytes / 1e6));
  }
}
