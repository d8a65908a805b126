package dev.chainrule.optim.train;

import dev.chainrule.optim.report.PrintableText;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names a metric of one's own may have ({@link Trainer.Builder#metric}, {@link
 * Monitor#metric}): a letter, then letters, digits, {@code _}, {@code .} or {@code -}, up to 64
 * characters, and none that reads as one of the trainer's own figures. The characters are those
 * a checkpoint's metadata key, a CSV header and a log line carry without quoting; a name like
 * {@code val_loss} or {@code accuracy} would put two different numbers under one word in a
 * listener's line or a Keras user's reading of it.
 */
final class MetricNames {
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

  /**
   * The trainer's figures, in every spelling a reader would take for them: Keras's ({@code loss},
   * {@code val_accuracy}, {@code lr}), the monitors' constants and {@link EpochResult}'s
   * components, compared without case, {@code _}, {@code .} or {@code -}.
   */
  private static final Set<String> RESERVED = Set.of("loss", "accuracy", "acc", "valloss",
      "valaccuracy", "valacc", "trainloss", "trainaccuracy", "trainacc", "trainingloss",
      "trainingaccuracy", "validationloss", "validationaccuracy", "learningrate", "lr",
      "seconds", "samples", "epoch");

  private MetricNames() {}

  /** Whether {@code name} is one a metric can have, reserved or not. */
  static boolean valid(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /**
   * Refuses a name no metric can have.
   *
   * @param op the operation, for the message
   * @throws IllegalArgumentException naming the name and the rule it breaks
   */
  static void require(String op, String name) {
    if (name == null) {
      throw new IllegalArgumentException(op + ": the metric's name is null");
    }
    if (!valid(name)) {
      throw new IllegalArgumentException(op + ": the metric name \"" + PrintableText.shortened(name)
          + "\" is not a letter followed by up to 63 letters, digits, '_', '.' or '-'");
    }
    String plain = name.toLowerCase(Locale.ROOT).replaceAll("[_.-]", "");
    if (RESERVED.contains(plain)) {
      throw new IllegalArgumentException(op + ": the metric name \"" + name + "\" is the"
          + " trainer's own figure (its loss, accuracy, learning rate, seconds, samples or"
          + " epoch, in one spelling or another); name the metric otherwise, or watch the"
          + " figure itself (Monitor.VALIDATION_LOSS, VALIDATION_ACCURACY or TRAINING_LOSS)");
    }
  }
}
