package dev.chainrule.optim.train;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Locale;

/**
 * The checks of a resumed run's records ({@link Trainer.Builder#resume}) against the run's
 * settings, at {@link Trainer.Builder#build()}: a record goes on only under the settings it was
 * kept under, since a best figure judged by another monitor, min delta or plateau rule, mixed
 * with this run's, would stop or reduce at epochs neither run would have chosen.
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
  static void require(Trainer.Builder o) {
    ResumedRun run = o.resumed;
    if (run == null) {
      return;
    }
    String file = run.source();
    checkArgument(o.initialEpoch == run.epoch(), "trainer: the initial epoch %s is not the %s"
        + " epochs %s had trained, where resume starts the run", o.initialEpoch, run.epoch(), file);
    String afresh = String.format(Locale.ROOT, OR_AFRESH, run.epoch());
    run.plateau().ifPresent(record -> {
      checkArgument(o.plateau != null, "trainer: %s holds the record of a reduction on a plateau"
          + " of %s (%s), and this run reduces on none; give it reduceLearningRateOnPlateau(%s,"
          + " ...) with those settings%s", file, record.monitor(), record.reduction(),
          record.monitor(), afresh);
      checkArgument(record.monitor() == o.plateauMonitor && record.reduction().equals(o.plateau),
          "trainer: %s's plateau record was kept watching %s with %s, and this run watches %s"
              + " with %s; give it the checkpoint's settings%s", file, record.monitor(),
          record.reduction(), o.plateauMonitor, o.plateau, afresh);
    });
    // A record the checkpoint's run did not act on goes on when it can (continued), else
    // starts afresh; one it acted on must be acted on alike.
    run.earlyStopping().filter(EarlyStoppingRecord::stopsOrRestores).ifPresent(record -> {
      String best = record.bestEpoch() < 0 ? "no epoch improved yet"
          : "best epoch " + (record.bestEpoch() + 1);
      checkArgument(o.patience > 0 || o.restoreBest, "trainer: %s holds early stopping's record"
          + " (%s by %s), and this run neither stops early nor restores the best weights; give"
          + " it earlyStopping or restoreBestWeights as the checkpoint's run had them%s", file,
          best, record.monitor(), afresh);
      checkArgument(record.keptUnder(o.monitor, o.minDelta),
          "trainer: %s's early-stopping record was kept watching %s with min delta %s, and this"
              + " run watches %s with min delta %s; give it the checkpoint's settings%s", file,
          record.monitor(), record.minDelta(), o.monitor, o.minDelta, afresh);
      if (needsEarlierWeights(o, run, record) && run.bestWeights() == null) {
        String why = run.bestWeightsMissing();
        throw new IllegalArgumentException(String.format(Locale.ROOT, "trainer: this run"
            + " restores the best epoch's weights, and %s: %s, so it could not end with them as"
            + " the uninterrupted run would; put the file back, or resume with"
            + " restoreBestWeights(false) to go on with the record but the last epoch's weights",
            file, why));
      }
    });
  }

  /**
   * Early stopping's record a resumed run goes on from: the checkpoint's when the run watches
   * its figure with its min delta (and has the best weights when it restores them from an
   * epoch before the checkpoint's), else null, and the record starts afresh. {@link #require}
   * has refused a record that must go on and cannot.
   *
   * @param monitored whether the run knows the figure after every epoch
   */
  static EarlyStoppingRecord continued(Trainer.Builder o, ResumedRun run, boolean monitored) {
    EarlyStoppingRecord record = run.earlyStopping().orElse(null);
    if (record == null || !monitored || !record.keptUnder(o.monitor, o.minDelta)) {
      return null;
    }
    return needsEarlierWeights(o, run, record) && run.bestWeights() == null ? null : record;
  }

  /** Whether the run restores weights of a best epoch before the checkpoint's. */
  private static boolean needsEarlierWeights(Trainer.Builder o, ResumedRun run,
      EarlyStoppingRecord record) {
    return o.restoreBest && record.bestEpoch() >= 0 && record.bestEpoch() < run.epoch() - 1;
  }
}
