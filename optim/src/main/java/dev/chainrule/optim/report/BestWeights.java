package dev.chainrule.optim.report;

import dev.chainrule.optim.model.HeldOutRows;
import dev.chainrule.optim.model.Validation;
import dev.chainrule.optim.train.EpochResult;
import dev.chainrule.optim.train.History;
import dev.chainrule.optim.train.Monitor;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code --patience} did to a run: where it stopped, and whose weights the model kept. Epochs
 * are counted from 1 here, as the epoch lines count them ({@link History} counts from 0). The
 * program's {@code train} and the Spark launcher say it in the same words and JSON fields.
 */
public final class BestWeights {
  private BestWeights() {}

  /**
   * Where the run stopped and which epoch's weights the model holds, in one line, for a run that
   * watched the validation loss. A run resumed from the checkpoint of the epoch whose early stop
   * ran out of patience trains no epoch (the uninterrupted run had stopped there), and says so.
   *
   * @param history the run, trained with early stopping, its best weights put back or not
   * @return the line to print
   */
  public static String describe(History history) {
    return describe(history, Monitor.VALIDATION_LOSS);
  }

  /**
   * {@link #describe(History)} for a run that watched {@code watched}: the figure by which the
   * epoch was kept, named as the epoch lines name it ("validation macro-f1"), and the highest of
   * a figure that is better higher.
   *
   * @param history the run, trained with early stopping by {@code watched}
   * @param watched the figure early stopping watched
   * @return the line to print
   */
  public static String describe(History history, Monitor watched) {
    Figure figure = new Figure(watched);
    if (history.epochs().isEmpty()) {
      // Out of patience: the checkpoint's record already had this run's patience of epochs
      // without improvement (its own early stop's last epoch, or a run resumed with less).
      return (history.stoppedEarly() ? "trained no epoch: the early-stopping record it resumed"
          + " from was already out of patience" : "trained no epoch") + "; "
          + keeps(history, figure);
    }
    Optional<EpochResult> kept = weightsEpoch(history);
    if (kept.isEmpty()) {
      // Stopped inside the epoch after the last listed (diverged, interrupted): its weights are
      // no finished epoch's, and naming the last one's would be false.
      return String.format(Locale.ROOT, "stopped inside epoch %d; the model keeps the weights it"
          + " had there, those of no finished epoch", history.last().epoch() + 2);
    }
    int best = history.result(history.bestEpoch()).orElse(kept.get()).epoch();
    return (history.stoppedEarly()
        // By epoch numbers, not list positions: a resumed run's list starts where it resumed.
        ? "stopped after epoch " + (history.last().epoch() + 1) + ": no better " + figure.words
            + " for " + epochs(history.last().epoch() - best)
        : "trained every epoch") + "; " + kept(history, kept.get(), figure);
  }

  /** "1 epoch", "5 epochs": --patience 1 stopped "for 1 epochs". */
  private static String epochs(int count) {
    return count + (count == 1 ? " epoch" : " epochs");
  }

  /**
   * The kept epoch's words: the best figure where it is the best epoch; otherwise (a library run
   * that does not put the best weights back keeps the last epoch's) both epochs.
   */
  private static String kept(History history, EpochResult kept, Figure figure) {
    Optional<EpochResult> best = history.result(history.bestEpoch());
    if (best.isEmpty() || best.get().epoch() == kept.epoch()) {
      return String.format(Locale.ROOT, "the model keeps the weights of epoch %d, whose %s %.4f"
          + " was the %s", kept.epoch() + 1, figure.words, figure.of(kept), figure.best);
    }
    return String.format(Locale.ROOT, "the model keeps the weights of epoch %d (%s %.4f), not"
        + " those of epoch %d, whose %.4f was the %s", kept.epoch() + 1, figure.words,
        figure.of(kept), best.get().epoch() + 1, figure.of(best.get()), figure.best);
  }

  /**
   * The training loss of the epoch whose weights the model holds: the last epoch's, unless the
   * best epoch's weights were put back.
   *
   * @param history the run
   * @return that epoch's training loss; NaN when the history has no figures of it (a resumed run
   *     that trained no epoch and kept the checkpoint's own weights)
   */
  public static double trainLoss(History history) {
    return weightsEpoch(history).map(EpochResult::trainLoss).orElse(Double.NaN);
  }

  /**
   * Adds the held-out rows' fields to a JSON report: {@code validation_samples} when rows are
   * held out, and {@code stopped_early} and {@code weights_epoch} (from 1) when they choose the
   * epoch, as the program's {@code train} and the Spark launcher report them.
   *
   * @param report the fields of the JSON line
   * @param validation the run's {@code --validation} and {@code --patience}
   * @param rows the rows it trained on and watched
   * @param history the run, or null when none ran (an evaluation of a loaded model)
   */
  public static void addTo(Map<String, Object> report, Validation validation, HeldOutRows rows,
      History history) {
    if (validation.holdsOut()) {
      report.put("validation_samples", rows.watched().size());
    }
    if (validation.stopsEarly() && history != null) {
      report.put("stopped_early", history.stoppedEarly());
      int epoch = history.weightsEpoch();
      if (epoch >= 0) {
        report.put("weights_epoch", epoch + 1);
      }
    }
  }

  /**
   * What a run that trained no epoch kept: the checkpoint's weights, or its record's best
   * epoch's, whose figures came with the record.
   */
  private static String keeps(History history, Figure figure) {
    int epoch = history.weightsEpoch();
    EpochResult kept = history.result(epoch).orElse(null);
    return epoch < 0 ? "the model keeps the weights it started with"
        : kept == null ? String.format(Locale.ROOT, "the model keeps the checkpoint's weights, of"
            + " epoch %d", epoch + 1)
        : String.format(Locale.ROOT, "the model keeps the weights of epoch %d, whose %s %.4f was"
            + " the %s", epoch + 1, figure.words, figure.of(kept), figure.best);
  }

  /**
   * The watched figure in words, as the program's epoch lines name it, and its value of an epoch,
   * read through the public figures ({@code Monitor}'s own reading is the trainer's).
   */
  private static final class Figure {
    private final Monitor monitor;
    private final String words;
    private final String best;

    Figure(Monitor monitor) {
      this.monitor = monitor;
      this.words = monitor.isMetric() ? "validation " + monitor.name()
          : monitor.name().toLowerCase(Locale.ROOT).replace('_', ' ');
      this.best = monitor.mode() == Monitor.Mode.MAX ? "highest" : "lowest";
    }

    double of(EpochResult epoch) {
      return monitor.isMetric() ? epoch.metric(monitor.name())
          : monitor.equals(Monitor.VALIDATION_ACCURACY) ? epoch.validationAccuracy()
          : monitor.equals(Monitor.TRAINING_LOSS) ? epoch.trainLoss() : epoch.validationLoss();
    }
  }

  /**
   * The kept epoch's figures: one run, or a resumed run's earlier best, from its record; empty
   * when a resumed run trained no epoch and kept weights whose figures it was not given, and when
   * the model holds no epoch's weights (a run stopped inside an epoch: not the last epoch's, which
   * it named, with that epoch's loss and a {@code weights_epoch} one past it).
   */
  private static Optional<EpochResult> weightsEpoch(History history) {
    return history.result(history.weightsEpoch());
  }
}
