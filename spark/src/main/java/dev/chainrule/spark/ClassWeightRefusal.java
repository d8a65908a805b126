package dev.chainrule.spark;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.loss.CrossEntropies;
import dev.chainrule.optim.report.PrintableText;
import dev.chainrule.optim.report.ReadableNumber;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Class weights further apart than a Spark run's type carries, refused by the Spark launcher
 * before its context starts, by the rule of the parts its shards sum ({@link
 * CrossEntropies#requireWeightRatio}): each shard sums its rows' losses weighted by the classes'
 * shares of the largest weight, and a share below the type's smallest normal number is held with
 * fewer significant digits, or as 0, so that class would be weighed wrongly. {@code
 * --class-weights 1e-320,1,1} started Spark until the trainer refused it, and ended with the
 * library's words and exit 1, as if the run had failed rather than the option. The program's
 * {@code train}, whose {@code Trainer} takes the weighted mean whole (each row's share formed in
 * float64, as PyTorch's), trains with such weights and asks nothing of this.
 */
final class ClassWeightRefusal {
  private ClassWeightRefusal() {}

  /**
   * Why the weights are too far apart for a Spark run of {@code dtype}: the smallest, as a share
   * of the largest, is below the type's smallest normal number, which the type holds with fewer
   * significant digits or as 0, so the shards' weighted sums would weigh that class wrongly. The
   * message is {@link CrossEntropies#requireWeightRatio}'s, named by {@code name}, with the
   * classes' numbers spelt out ("classes 0 = a, 1 = b, 2 = c"), and, for float32 weights that
   * float64 carries, says so where the run could be float64.
   *
   * @param name what the weights are, for the message: {@link #given} for the option's, or the
   *     entry of a file that recorded them
   * @param weights one positive weight per class
   * @param dtype the model's type
   * @param classNames the classes, in the weights' order
   * @param float64Option how the command line asks for float64, shown after "a float64 run
   *     carries them" (" (--dtype float64)"), or null where the run's type is not the user's to
   *     choose (a resumed run keeps its checkpoint's), which leaves that clause out
   * @return the refusal's message, or empty when the type carries the weights
   */
  static Optional<String> of(String name, double[] weights, DType dtype,
      List<String> classNames, String float64Option) {
    try {
      CrossEntropies.requireWeightRatio(name, Tensor.vector(weights), dtype);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage() + " (classes " + classes(classNames) + ")"
          + (float64Option != null && dtype == DType.FLOAT32 && carried(weights)
              ? "; a float64 run carries them" + float64Option : ""));
    }
  }

  /**
   * The weights as the command line gave them, for {@link #of}'s name: {@code --class-weights
   * 1e-320,1,1}, each as people write it.
   *
   * @param option the option, {@code --class-weights}
   * @param weights the weights given
   * @return the option and its weights
   */
  static String given(String option, double[] weights) {
    return option + " " + Arrays.stream(weights).mapToObj(ReadableNumber::of)
        .collect(Collectors.joining(","));
  }

  /** Whether float64 carries the weights, by the same rule. */
  private static boolean carried(double[] weights) {
    try {
      CrossEntropies.requireWeightRatio("", Tensor.vector(weights), DType.FLOAT64);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** {@code 0 = setosa, 1 = versicolor, ...}: the numbers the library's words name them by. */
  private static String classes(List<String> names) {
    StringBuilder text = new StringBuilder();
    for (int k = 0; k < names.size(); k++) {
      text.append(k == 0 ? "" : ", ").append(k).append(" = ").append(PrintableText.of(
          names.get(k)));
    }
    return text.toString();
  }
}
