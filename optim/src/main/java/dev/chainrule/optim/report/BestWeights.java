package dev.chainrule.optim.report;

import dev.chainrule.optim.model.HeldOutRows;
import dev.chainrule.optim.model.Validation;
import dev.chainrule.optim.train.EpochResult;
import dev.chainrule.optim.train.History;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code --patience} did to a run: where it stopped, and whose weights the model kept. Epochs
 * are counted from 1 here, as the epoch lines count them ({@link History} counts from 0). The
 * program's {@code train} and the Spark launcher say it in the same words and JSON fields.
 */
public final class BestWeights {
  private BestWeights() {}

  /**
   * Where the run stopped and which epoch's weights the model holds, in one line.
   *
   * @param history the run, trained with early stopping and the best weights restored
   * @return the line to print
   */
  public static String describe(History history) {
    EpochResult kept = weightsEpoch(history);
    return String.format(Locale.ROOT, "%s; the model keeps the weights of epoch %d, whose"
        + " validation loss %.4f was the lowest", history.stoppedEarly()
            // By epoch numbers, not list positions: a resumed run's list starts where it resumed.
            ? "stopped after epoch " + (history.last().epoch() + 1) + ": no better validation"
                + " loss for " + (history.last().epoch() - kept.epoch()) + " epochs"
            : "trained every epoch", kept.epoch() + 1, kept.validationLoss());
  }

  /**
   * The training loss of the epoch whose weights the model holds: the last epoch's, unless the
   * best epoch's weights were put back.
   *
   * @param history a run of at least one epoch
   * @return that epoch's training loss
   */
  public static double trainLoss(History history) {
    return weightsEpoch(history).trainLoss();
  }

  /**
   * Adds the held-out rows' fields to a JSON report: {@code validation_samples} when rows are
   * held out, and {@code stopped_early} and {@code weights_epoch} (from 1) when they choose the
   * epoch, as the program's {@code train} and the Spark launcher report them.
   *
   * @param report the fields of the JSON line
   * @param validation the run's {@code --validation} and {@code --patience}
   * @param rows the rows it trained on and watched
   * @param history the run, or null when it trained no epoch
   */
  public static void addTo(Map<String, Object> report, Validation validation, HeldOutRows rows,
      History history) {
    if (validation.holdsOut()) {
      report.put("validation_samples", rows.watched().size());
    }
    if (validation.stopsEarly() && history != null) {
      report.put("stopped_early", history.stoppedEarly());
      report.put("weights_epoch", weightsEpoch(history).epoch() + 1);
    }
  }

  /** The kept epoch's figures: one run, or a resumed run's earlier best, from its record. */
  private static EpochResult weightsEpoch(History history) {
    return history.result(history.weightsEpoch()).orElse(history.last());
  }
}
