package dev.chainrule.optim.train;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The checks of a resumed run's records ({@link Trainer.Builder#resume}) against the run's
 * settings, at {@link Trainer.Builder#build()}: the run goes on only under the seed, schedule and
 * clipping its checkpoint's run had ({@link RunSettings}), and a record only under the settings
 * it was kept under, since a best figure judged by another monitor, min delta or plateau rule,
 * mixed with this run's, would stop or reduce at epochs neither run would have chosen. Early
 * stopping's rule ({@link #misfit}) is also the Spark trainer's, through {@link
 * BestEpoch#requireResumable}, so that one checkpoint and one set of settings resume alike, or
 * are refused alike, on one machine and on Spark.
 */
final class ResumeChecks {
  /** The way out every refusal names. */
  private static final String OR_AFRESH = "; or resume with initialEpoch(%d) alone, which starts"
      + " the records afresh";

  private ResumeChecks() {}

  /**
   * Refuses records that do not meet the options.
   *
   * @throws IllegalArgumentException naming the file, the record and the settings that differ
   */
  static void require(TrainingOptions o) {
    ResumedRun run = o.resumed;
    if (run == null) {
      return;
    }
    String file = run.source();
    checkArgument(o.initialEpoch == run.epoch(), "trainer: the initial epoch %s is not the %s"
        + " epochs %s had trained, where resume starts the run", o.initialEpoch, run.epoch(), file);
    RunSettings.refusal(run.settings(), o, file, run.epoch()).ifPresent(refusal -> {
      throw new IllegalArgumentException(refusal);
    });
    String afresh = String.format(Locale.ROOT, OR_AFRESH, run.epoch());
    run.plateau().ifPresent(record -> {
      checkArgument(o.plateau != null, "trainer: %s holds the record of a reduction on a plateau"
          + " of %s (%s), and this run reduces on none; give it reduceLearningRateOnPlateau(%s,"
          + " ...) with those settings%s", file, record.monitor(), record.reduction(),
          record.monitor(), afresh);
      checkArgument(record.monitor().equals(o.plateauMonitor)
          && record.reduction().equals(o.plateau),
          "trainer: %s's plateau record was kept watching %s with %s, and this run watches %s"
              + " with %s; give it the checkpoint's settings%s", file, record.monitor(),
          record.reduction(), o.plateauMonitor, o.plateau, afresh);
    });
    EarlyStoppingRecord record = run.earlyStopping().orElse(null);
    misfit(run, o.monitor, o.minDelta, o.patience > 0 || o.restoreBest, o.restoreBest)
        .ifPresent(misfit -> {
          throw new IllegalArgumentException(switch (misfit) {
            case NOT_ACTED_ON -> String.format(Locale.ROOT, "trainer: %s holds early stopping's"
                + " record (%s by %s), and this run neither stops early nor restores the best"
                + " weights; give it earlyStopping or restoreBestWeights as the checkpoint's run"
                + " had them%s", file, record.bestEpoch() < 0 ? "no epoch improved yet"
                : "best epoch " + (record.bestEpoch() + 1), record.monitor(), afresh);
            case OTHER_SETTINGS -> String.format(Locale.ROOT, "trainer: %s's early-stopping"
                + " record was kept watching %s with min delta %s, and this run watches %s with"
                + " min delta %s; give it the checkpoint's settings%s", file, record.monitor(),
                record.minDelta(), o.monitor, o.minDelta, afresh);
            // A file can be put back only where the checkpoint's run kept the weights.
            case NO_BEST_WEIGHTS -> String.format(Locale.ROOT, "trainer: this run restores the"
                + " best epoch's weights, and %s: %s, so it could not end with them as the"
                + " uninterrupted run would; %s", file, run.bestWeightsMissing(),
                withoutBestWeights(o, record, run.epoch()));
          });
        });
  }

  /**
   * The ways on for a run refused for best weights not at hand, each one that, followed, passes
   * {@link #misfit}: the file put back, when its run kept one; the record gone on with without
   * restoring, when the run still acts on it then (it stops early, or the checkpoint's run did
   * not act on its record either); else initialEpoch alone. The advice was always
   * restoreBestWeights(false), and a run that had only restored its best weights (no patience),
   * resumed so, was refused next as one that acts on the record no more.
   */
  private static String withoutBestWeights(TrainingOptions o, EarlyStoppingRecord record,
      int epoch) {
    String putBack = record.keepsBestWeights() ? "put the file back, or " : "";
    String afresh = String.format(Locale.ROOT, "resume with initialEpoch(%d) alone, which starts"
        + " the records afresh", epoch);
    String without;
    if (o.patience > 0 || !record.stopsOrRestores()) {
      without = "restoreBestWeights(false)";
    } else if (record.patience() > 0) {
      without = String.format(Locale.ROOT, "restoreBestWeights(false) and earlyStopping as the"
          + " checkpoint's run had it (%s, patience %d, min delta %s)", record.monitor(),
          record.patience(), record.minDelta());
    } else {
      // Its run acted on the record by restoring alone: without restoring, nothing acts on it.
      return putBack + afresh + " (the checkpoint's run acted on its record only by restoring"
          + " the best weights, so a run that does not restore them cannot go on with it)";
    }
    return putBack + "resume with " + without + " to go on with the record but the last epoch's"
        + " weights" + (record.keepsBestWeights() ? "" : "; or " + afresh);
  }

  /**
   * What a user should know before a resumed run goes on under settings {@link #require} let
   * pass: another batch size than the checkpoint's run had, say ({@link RunSettings#notes}).
   *
   * @return the lines, empty for a run that resumes none
   */
  static List<String> notes(TrainingOptions o) {
    return o.resumed == null ? List.of()
        : RunSettings.notes(o.resumed.settings(), o, o.resumed.source());
  }

  /** Why a resumed run cannot go on from the checkpoint's early-stopping record. */
  enum Misfit {
    /** The checkpoint's run stopped early or restored its best weights, and this run does not. */
    NOT_ACTED_ON,
    /** The checkpoint's run acted on its record watching another figure or min delta. */
    OTHER_SETTINGS,
    /**
     * This run restores the best epoch's weights, which are not the checkpoint's own, and they
     * are not at hand: the file beside the checkpoint went missing, or the checkpoint's run did
     * not keep them.
     */
    NO_BEST_WEIGHTS
  }

  /**
   * The rule of a resumed early-stopping record, for {@link Trainer} and for loops of their own
   * ({@link BestEpoch#requireResumable}): a record the checkpoint's run acted on (it stopped
   * early or kept its best weights) must be acted on alike, by the same figure and min delta; a
   * record it kept only for its history's best epoch goes on when the run watches the same
   * figure with the same min delta, else starts afresh; and a record that goes on in a run that
   * restores the best weights needs them, where they are not the checkpoint's own: a run
   * that started afresh instead would end with the best weights of its own epochs and call them
   * the best, without a word.
   *
   * @param acts whether the run stops early or restores its best weights
   * @param restores whether it restores its best weights
   * @return why the record cannot go on, or empty when it goes on or starts afresh
   */
  static Optional<Misfit> misfit(ResumedRun run, Monitor monitor, double minDelta,
      boolean acts, boolean restores) {
    EarlyStoppingRecord record = run.earlyStopping().orElse(null);
    if (record == null) {
      return Optional.empty();
    }
    if (record.stopsOrRestores() && !acts) {
      return Optional.of(Misfit.NOT_ACTED_ON);
    }
    if (!record.keptUnder(monitor, minDelta)) {
      return record.stopsOrRestores() ? Optional.of(Misfit.OTHER_SETTINGS) : Optional.empty();
    }
    return restores && needsWeightsBeside(run, record) && run.bestWeights() == null
        ? Optional.of(Misfit.NO_BEST_WEIGHTS) : Optional.empty();
  }

  /**
   * Early stopping's record a resumed run goes on from: the checkpoint's when the run watches
   * its figure with its min delta, else null, and the record starts afresh. {@link #require} has
   * refused a record that must go on and cannot.
   *
   * @param monitored whether the run knows the figure after every epoch
   */
  static EarlyStoppingRecord continued(TrainingOptions o, ResumedRun run, boolean monitored) {
    EarlyStoppingRecord record = run.earlyStopping().orElse(null);
    return record == null || !monitored || !record.keptUnder(o.monitor, o.minDelta) ? null
        : record;
  }

  /**
   * Whether the resumed run is over before its first epoch: its early-stopping record goes on
   * and is already out of the run's patience. A checkpoint is saved before the early stop, so
   * the one of the epoch whose patience ran out holds such a record; the uninterrupted run
   * stopped there, and the resumed one runs no epoch (and sets no rate).
   *
   * @param monitored whether the run knows the figure after every epoch
   */
  static boolean outOfPatience(TrainingOptions o, boolean monitored) {
    EarlyStoppingRecord record = o.resumed == null ? null : continued(o, o.resumed, monitored);
    return record != null && o.patience > 0 && o.initialEpoch < o.epochs
        && record.epochsWithoutImprovement() >= o.patience;
  }

  /**
   * Whether the best epoch's weights are other than the checkpoint's own: that epoch ran before
   * the checkpoint's, or the checkpoint names a file for them (one saved mid-epoch, as the Spark
   * trainer saves them). {@link BestEpoch#resumed} takes the model's as the best weights
   * otherwise.
   */
  private static boolean needsWeightsBeside(ResumedRun run, EarlyStoppingRecord record) {
    return record.bestEpoch() >= 0
        && (record.bestEpoch() < run.epoch() - 1 || run.namesBestWeights());
  }
}
