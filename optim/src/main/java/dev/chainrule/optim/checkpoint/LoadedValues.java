package dev.chainrule.optim.checkpoint;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Module;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Values a checkpoint would load that the model cannot use, refused before anything changes: the
 * file is well formed and matches the model's names and shapes, but a value is impossible where it
 * goes. Messages read {@code <file>: <tensor>: <why>}.
 */
final class LoadedValues {
  /** PyTorch's names for batch normalization's running statistics, buffers. */
  private static final String RUNNING_VAR = "running_var";
  private static final String RUNNING_MEAN = "running_mean";

  private LoadedValues() {}

  /**
   * Checks the values of every tensor the report loads.
   *
   * @throws IllegalArgumentException when a value is NaN or infinite, a finite value overflows
   *     the model's float32, a running variance has a negative element, or a counter is not a
   *     whole number from 0 to 2^53
   */
  static void check(String source, Checkpoint checkpoint, Module model, LoadReport report) {
    Map<String, Tensor> expected = model.stateDict();
    Set<String> counters = model.counterNames();
    Set<String> buffers = model.namedBuffers().keySet();
    for (String name : report.loaded()) {
      Tensor value = checkpoint.tensors().get(name);
      String where = source + ": " + name;
      if (counters.contains(name)) {
        // num_batches_tracked weights BatchNorm's running averages when momentum is null.
        double bad = Arrays.stream(value.toArray())
            .filter(v -> !(v >= 0 && v <= 0x1p53 && v == Math.rint(v))).findFirst().orElse(0);
        if (bad != 0) {
          throw new IllegalArgumentException(where + ": a counter must be a whole number from 0 to"
              + " 2^53, got " + bad);
        }
        continue;
      }
      // A NaN or infinite weight makes every output it reaches NaN or infinite: a model that
      // loaded one would answer every question with NaN (a prediction's class, its accuracy)
      // and go on as if nothing were wrong. PyTorch loads it; a diverged run's file is the usual
      // source, and the message says so.
      // Parameters and running statistics only: a buffer of a module's own may hold −∞ on
      // purpose (an attention mask), as in PyTorch.
      boolean statistic = buffers.contains(name) && (isStatistic(name, RUNNING_VAR)
          || isStatistic(name, RUNNING_MEAN));
      int nonFinite = buffers.contains(name) && !statistic ? -1
          : value.indexOutside(-Double.MAX_VALUE, Double.MAX_VALUE);
      if (nonFinite >= 0) {
        throw new IllegalArgumentException(where + ": " + value.flatGet(nonFinite) + " at element "
            + nonFinite + ": a model with a value that is not finite answers NaN or infinity"
            + " wherever it reaches (was the file saved from a run that diverged?)");
      }
      if (expected.get(name).dtype() == DType.FLOAT32 && value.dtype() == DType.FLOAT64) {
        requireNoOverflow(where, value);
      }
      if (buffers.contains(name) && isStatistic(name, RUNNING_VAR)) {
        // Normalization divides by √(var + ε): a negative variance gives NaN or a huge scale.
        int element = value.indexOutside(0, Double.POSITIVE_INFINITY);  // negative
        if (element >= 0) {
          throw new IllegalArgumentException(where + ": a variance cannot be negative, got "
              + value.flatGet(element) + " at element " + element);
        }
      }
    }
  }

  private static boolean isStatistic(String path, String statistic) {
    return path.equals(statistic) || path.endsWith("." + statistic);
  }

  /**
   * A finite float64 beyond float32's range would load as an infinity: that is not the rounding
   * the report promises, and an infinite weight makes every output it reaches infinite or NaN.
   */
  private static void requireNoOverflow(String where, Tensor value) {
    int element = value.indexBeyondFloat32();
    if (element >= 0) {
      throw new IllegalArgumentException(where + ": " + value.flatGet(element) + " at element "
          + element + " is beyond float32's largest value " + Float.MAX_VALUE + ": it would load as"
          + " an infinity, not a rounded value");
    }
  }
}
