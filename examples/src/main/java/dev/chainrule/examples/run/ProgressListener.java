package dev.chainrule.examples.run;

import com.google.common.base.Suppliers;
import dev.chainrule.examples.cli.Console;
import dev.chainrule.optim.train.BatchResult;
import dev.chainrule.optim.train.EpochResult;
import dev.chainrule.optim.train.History;
import dev.chainrule.optim.train.TrainingListener;
import java.time.Duration;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Training progress for people. On a terminal, a progress bar (me.tongfei:progressbar) with the
 * running loss and accuracy, the rate and the time left: one bar per epoch, or one for the whole
 * run when epochs are a few batches each (XOR, Iris), with epoch lines above it. Elsewhere (logs,
 * CI, pipes) plain epoch lines only. With {@code --json}, nothing: the command's last line is its
 * only output. Either way a long run of short epochs prints about 25 epoch lines, the last always:
 * every epoch of a run of up to 49, every ⌊n/25⌋-th of a run of n epochs, counted over the epochs
 * the run trains, so that a run resumed at epoch 21 for 30 more prints all 30 (spaced by the
 * final epoch's number, 50, it printed 15).
 */
public final class ProgressListener implements TrainingListener, AutoCloseable {
  /** Epochs of fewer batches than this share one bar for the run. */
  static final int BATCHES_FOR_EPOCH_BARS = 20;
  private static final int REFRESH_MILLIS = 200;

  private final Console console;
  /** The epochs trained before this run (a loaded file's), which the epoch numbers go on from. */
  private final int first;
  /** The last epoch's number, from 1: {@link #first} and the epochs this run trains. */
  private final int epochs;
  /** The held-out rows the epoch lines show ("test", "validation"), or null for none. */
  private final String heldOut;
  /** The bar's consumer for a terminal of the given width, or null for plain lines. */
  private final Supplier<ProgressBarConsumer> bars;
  private ProgressBar bar;
  /** The last epoch when its line was skipped (one in every epochs/25 is printed), or null. */
  private EpochResult unprinted;
  private boolean barPerEpoch;
  private double lossSum;
  private double meanWeights;
  private int scored;
  private int correct;

  ProgressListener(Console console, int first, int epochs, String heldOut,
      Supplier<ProgressBarConsumer> bars) {
    this.console = console;
    this.first = first;
    this.epochs = first + epochs;
    this.heldOut = heldOut;
    this.bars = bars;
  }

  /**
   * Progress for a command's run of a new model.
   *
   * @param console where to write, whether it is a terminal and whether it is quiet (--json)
   * @param epochs the epochs the run will train
   * @param heldOut the rows whose figures the epoch lines show ("test", "validation"), or
   *     null when the run has none
   * @return the listener; close it after training to take the bar off the screen
   */
  public static ProgressListener of(Console console, int epochs, String heldOut) {
    return of(console, 0, epochs, heldOut);
  }

  /**
   * Progress for a command's run that goes on from a loaded file's epochs.
   *
   * @param console where to write, whether it is a terminal and whether it is quiet (--json)
   * @param first the epochs trained before the run, which its epoch numbers follow (0 for a new
   *     model)
   * @param epochs the epochs the run will train, after those
   * @param heldOut the rows whose figures the epoch lines show ("test", "validation"), or
   *     null when the run has none
   * @return the listener; close it after training to take the bar off the screen
   */
  public static ProgressListener of(Console console, int first, int epochs, String heldOut) {
    Supplier<ProgressBarConsumer> bars = console.terminal() && !console.quiet()
        ? terminalBars(console, ProgressListener::terminalWidth) : null;
    return new ProgressListener(console, first, epochs, heldOut, bars);
  }

  /**
   * Bars fitted to the terminal's width, measured once for the run. The library measures it
   * through JLine, which starts {@code tty} and {@code stty} (about a third of a second here), and
   * closes its terminal when a bar ends: measured for every bar, one bar per epoch made a 30-epoch
   * {@code digits} run twice as long on a terminal as into a pipe.
   */
  static Supplier<ProgressBarConsumer> terminalBars(Console console, IntSupplier measureWidth) {
    Supplier<Integer> width = Suppliers.memoize(measureWidth::getAsInt);
    return () -> new DelegatingProgressBarConsumer(line -> write(console, line), width.get());
  }

  private static int terminalWidth() {
    return new DelegatingProgressBarConsumer(line -> { }).getMaxRenderedLength();
  }

  /** Reads losses and counts only: a trainer may update in backward beside it. */
  @Override
  public boolean readsGradients() {
    return false;
  }

  @Override
  public void onBatchEnd(BatchResult batch) {
    if (batch.batch() == 0) {
      lossSum = 0;
      meanWeights = 0;
      scored = 0;
      correct = 0;
    }
    // Weighed as the epoch's figure is, so that the bar ends at the epoch line's loss.
    lossSum += batch.loss() * batch.meanWeight();
    meanWeights += batch.meanWeight();
    scored += batch.scored();
    correct += Math.max(0, batch.correct());
    if (bars == null) {
      return;
    }
    if (bar == null) {
      barPerEpoch = batch.batches() >= BATCHES_FOR_EPOCH_BARS;
      bar = barPerEpoch
          ? newBar(String.format(Locale.ROOT, "epoch %d/%d", batch.epoch() + 1, epochs),
              batch.batches(), " batches").build()
          : newBar("training", epochs, " epochs").startsFrom(first, Duration.ZERO).build();
    }
    if (barPerEpoch) {
      bar.stepTo(batch.batch() + 1L);
    }
    bar.setExtraMessage(running(batch.correct() >= 0));
  }

  @Override
  public void onEpochEnd(EpochResult epoch) {
    if (console.quiet()) {
      return;
    }
    if (bar != null) {
      if (barPerEpoch) {
        bar.close();
        bar = null;
      } else {
        bar.stepTo(epoch.epoch() + 1L);
      }
    }
    // Counted over this run's epochs: a resumed run of 30 is a run of up to 49.
    int run = epoch.epoch() + 1 - first;
    int every = Math.max(1, (epochs - first) / 25);
    if (run % every == 0 || epoch.epoch() + 1 == epochs) {
      print(epoch);
      unprinted = null;
    } else {
      unprinted = epoch;
    }
  }

  /** The last epoch's line, when the run ended (stopped early) on an epoch not printed. */
  @Override
  public void onTrainingEnd(History history) {
    if (unprinted != null && !console.quiet()) {
      print(unprinted);
    }
    unprinted = null;
  }

  private void print(EpochResult epoch) {
    synchronized (console) {
      if (bars != null) {
        console.out().print("\r\033[K");
      }
      console.println(line(epoch));
    }
  }

  /** Takes the bar off the screen, if one is showing. */
  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }

  private ProgressBarBuilder newBar(String task, long steps, String unit) {
    return new ProgressBarBuilder().setTaskName(task).setInitialMax(steps)
        .setStyle(ProgressBarStyle.ASCII).setUnit(unit, 1).showSpeed()
        .setUpdateIntervalMillis(REFRESH_MILLIS).clearDisplayOnFinish()
        .setConsumer(bars.get());
  }

  private static void write(Console console, String rendered) {
    synchronized (console) {
      console.out().print("\r" + rendered);
      console.out().flush();
    }
  }

  private String running(boolean classifies) {
    // The library joins the message to the rate without a space.
    String text = String.format(Locale.ROOT, " loss %.4f", lossSum / meanWeights);
    return classifies
        ? text + String.format(Locale.ROOT, " acc %.4f", (double) correct / scored) : text;
  }

  private String line(EpochResult epoch) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
        "epoch %d/%d  loss %.4f", epoch.epoch() + 1, epochs, epoch.trainLoss()));
    if (!Double.isNaN(epoch.trainAccuracy())) {
      line.append(String.format(Locale.ROOT, "  train acc %.4f", epoch.trainAccuracy()));
    }
    // The held-out loss always: it is what early stopping watches.
    if (heldOut != null && !Double.isNaN(epoch.validationLoss())) {
      line.append(String.format(Locale.ROOT, "  %s loss %.4f", heldOut, epoch.validationLoss()));
    }
    if (heldOut != null && !Double.isNaN(epoch.validationAccuracy())) {
      line.append(String.format(Locale.ROOT, "  %s acc %.4f", heldOut,
          epoch.validationAccuracy()));
    }
    // A library caller's metrics of its own, in the order declared: one may be what it watches.
    epoch.metrics().forEach((name, value) -> line.append(String.format(Locale.ROOT,
        "  %s%s %.4f", heldOut == null ? "" : heldOut + " ", name, value)));
    line.append(String.format(Locale.ROOT, "  %.2f s", epoch.seconds()));
    return line.toString();
  }
}
