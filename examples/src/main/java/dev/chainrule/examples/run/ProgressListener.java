package dev.chainrule.examples.run;

import dev.chainrule.examples.cli.Console;
import dev.chainrule.optim.train.BatchResult;
import dev.chainrule.optim.train.EpochResult;
import dev.chainrule.optim.train.TrainingListener;

/**
 * Training progress for people: on a terminal, a bar redrawn in place with the running loss and
 * accuracy; elsewhere (logs, CI, pipes) one plain line per epoch.
 */
public final class ProgressListener implements TrainingListener {
  private static final int BAR_WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final Console console;
  private final int epochs;
  private final boolean showValidation;
  private double lossSum;
  private int samples;
  private int correct;
  private long lastDraw;

  public ProgressListener(Console console, int epochs, boolean showValidation) {
    this.console = console;
    this.epochs = epochs;
    this.showValidation = showValidation;
  }

  @Override
  public void onBatchEnd(BatchResult batch) {
    if (batch.batch() == 0) {
      lossSum = 0;
      samples = 0;
      correct = 0;
    }
    lossSum += batch.loss() * batch.samples();
    samples += batch.samples();
    correct += Math.max(0, batch.correct());
    long now = System.nanoTime();
    boolean last = batch.batch() == batch.batches() - 1;
    if (console.terminal() && (now - lastDraw > REDRAW_NANOS || last)) {
      lastDraw = now;
      int done = (int) Math.round(BAR_WIDTH * (batch.batch() + 1.0) / batch.batches());
      String accuracy = batch.correct() < 0 ? ""
          : String.format(java.util.Locale.ROOT, "  acc %.4f", (double) correct / samples);
      console.out().printf(java.util.Locale.ROOT, "\repoch %d/%d [%s%s] %3d%%  loss %.4f%s",
          batch.epoch() + 1, epochs, "=".repeat(done), " ".repeat(BAR_WIDTH - done),
          100 * (batch.batch() + 1) / batch.batches(), lossSum / samples, accuracy);
      console.out().flush();
    }
  }

  @Override
  public void onEpochEnd(EpochResult epoch) {
    // Long runs of tiny epochs (XOR: thousands) print about 25 lines, always the last.
    int every = Math.max(1, epochs / 25);
    if ((epoch.epoch() + 1) % every != 0 && epoch.epoch() + 1 != epochs) {
      return;
    }
    StringBuilder line = new StringBuilder(String.format(java.util.Locale.ROOT,
        "epoch %d/%d  loss %.4f", epoch.epoch() + 1, epochs, epoch.trainLoss()));
    if (!Double.isNaN(epoch.trainAccuracy())) {
      line.append(String.format(java.util.Locale.ROOT, "  train acc %.4f",
          epoch.trainAccuracy()));
    }
    if (showValidation && !Double.isNaN(epoch.validationAccuracy())) {
      line.append(String.format(java.util.Locale.ROOT, "  test acc %.4f",
          epoch.validationAccuracy()));
    } else if (showValidation && !Double.isNaN(epoch.validationLoss())) {
      line.append(String.format(java.util.Locale.ROOT, "  test loss %.4f",
          epoch.validationLoss()));
    }
    line.append(String.format(java.util.Locale.ROOT, "  %.2f s", epoch.seconds()));
    if (console.terminal()) {
      console.out().print("\r\033[K");
    }
    console.println(line.toString());
  }
}
