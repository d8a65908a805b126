package dev.chainrule.spark;

import dev.chainrule.optim.train.EpochResult;
import dev.chainrule.optim.train.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress as one line per epoch: its training loss and accuracy, the held-out rows' figures (the
 * test rows', or the validation rows' with {@code --validation}), its time.
 */
final class EpochLines implements TrainingListener {
  private final PrintWriter out;
  private final int epochs;
  /** What the lines call the held-out rows: "test" or "validation". */
  private final String heldOut;

  EpochLines(PrintWriter out, int epochs, String heldOut) {
    this.out = out;
    this.epochs = epochs;
    this.heldOut = heldOut;
  }

  @Override
  public void onEpochEnd(EpochResult e) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d: loss %.4f",
        e.epoch() + 1, epochs, e.trainLoss()));
    if (!Double.isNaN(e.trainAccuracy())) {
      line.append(String.format(Locale.ROOT, ", accuracy %.4f", e.trainAccuracy()));
    }
    if (!Double.isNaN(e.validationLoss())) {
      line.append(String.format(Locale.ROOT, "; %s loss %.4f", heldOut, e.validationLoss()));
    }
    if (!Double.isNaN(e.validationAccuracy())) {
      line.append(String.format(Locale.ROOT, ", accuracy %.4f", e.validationAccuracy()));
    }
    out.println(line.append(String.format(Locale.ROOT, " (%.1f s)", e.seconds())));
    out.flush();
  }
}
