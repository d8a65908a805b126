package dev.chainrule.optim.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Verify.verify;

import dev.chainrule.nn.Module;
import dev.chainrule.optim.Optimizer;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * The best epoch of a run so far by the monitored figure and, when the run is to end
 * with that epoch's weights, a copy of the model's parameters and buffers as the epoch left them,
 * and of the optimizer's state: its moments and step counts belong to those weights, and a run
 * resumed from a checkpoint of the best weights with the last epoch's moments would step from
 * the wrong place.
 *
 * <p>A copy is taken only when an epoch beats the best, so a run that keeps improving pays one
 * copy per epoch and a run past its best pays nothing; never at the last epoch a run can reach,
 * whose weights the model keeps anyway. Copies keep each tensor's type, and putting them back
 * assigns in place, so the optimizer's references stay valid and the values come back bit for
 * bit.
 *
 * <p>Its {@link #record} is what a periodic checkpoint keeps of it, and {@link #resumed} goes on
 * from one, so that a resumed run stops, and keeps weights, where the uninterrupted one would.
 *
 * <p>Public for loops of their own that stop early as {@link Trainer} does (the Spark trainer's),
 * so that what "best" means and what goes back with the weights is decided in one place.
 */
public final class BestEpoch {
  /** {@link #origin} of a record that counts from the run's first epoch. */
  private static final int FROM_FIRST_EPOCH = Integer.MIN_VALUE;

  private final Monitor monitor;
  private final double minDelta;
  private final boolean monitored;
  /** The model whose weights are copied, or null when the run keeps its last weights. */
  private final Module model;
  /** The optimizer whose state is copied with the weights, or null. */
  private final Optimizer optimizer;
  /** The best epoch's figures, or null before any epoch improved. */
  private EpochResult best;
  /**
   * While none improved, the epoch after which epochs without improvement are counted: a
   * resumed record's, or {@link #FROM_FIRST_EPOCH} for the run's first epoch minus one.
   */
  private int origin = FROM_FIRST_EPOCH;
  private WeightsSnapshot copy;
  private int copied = -1;

  /**
   * A record of no epoch yet.
   *
   * @param monitor the figure that decides the best
   * @param minDelta the least change that counts as an improvement
   * @param monitored whether the monitored figure exists (validation data, or the training
   *     loss); without one every epoch is the best so far
   * @param model the model to copy, or null to copy nothing
   * @param optimizer the optimizer whose state goes back with the weights, or null
   */
  public BestEpoch(Monitor monitor, double minDelta, boolean monitored, Module model,
      Optimizer optimizer) {
    this.monitor = monitor;
    this.minDelta = minDelta;
    this.monitored = monitored;
    this.model = model;
    this.optimizer = optimizer;
  }

  /**
   * The best epoch of a run resumed from a checkpoint ({@link ResumedRun#load}): going on from
   * the checkpoint's early-stopping record when it was kept by this monitor and min delta, else
   * afresh, as a run's first epoch finds it. A record that cannot go on is refused as {@link
   * #requireResumable} refuses it, as {@link Trainer.Builder#build()} refuses it for {@link
   * Trainer.Builder#resume}.
   *
   * @param run the checkpoint's epoch count, records and best weights
   * @param monitor the figure that decides the best
   * @param minDelta the least change that counts as an improvement
   * @param model the model to copy, or null to copy nothing
   * @param optimizer the optimizer whose state goes back with the weights, or null
   * @return the record, going on
   * @throws IllegalArgumentException as {@link #requireResumable} with {@code restores} true
   *     when {@code model} is not null
   */
  public static BestEpoch resumed(ResumedRun run, Monitor monitor, double minDelta, Module model,
      Optimizer optimizer) {
    requireResumable(run, monitor, minDelta, model != null);
    EarlyStoppingRecord record = run.earlyStopping().orElse(null);
    if (record == null || !record.keptUnder(monitor, minDelta)) {
      return new BestEpoch(monitor, minDelta, true, model, optimizer);
    }
    return resumed(record, run, model, optimizer);
  }

  /**
   * Refuses to resume a loop that stops early or restores its best weights (or both) from a
   * checkpoint whose early-stopping record it cannot go on from: {@link
   * #requireResumable(ResumedRun, Monitor, double, boolean, boolean, IntFunction)} with {@code
   * acts} true.
   *
   * @param run the checkpoint's epoch count, records and best weights
   * @param monitor the figure the loop watches
   * @param minDelta its least change that counts as an improvement
   * @param restores whether the loop ends with the best epoch's weights
   * @throws IllegalArgumentException naming the file, the record and what does not fit
   */
  public static void requireResumable(ResumedRun run, Monitor monitor, double minDelta,
      boolean restores) {
    requireResumable(run, monitor, minDelta, true, restores, null);
  }

  /**
   * Refuses to resume a loop from a checkpoint whose early-stopping record it cannot go on
   * from, by the rule {@link Trainer.Builder#resume} follows: a record whose run acted on it (it
   * stopped early or kept its best weights, {@link EarlyStoppingRecord#stopsOrRestores}) in a
   * loop that neither stops early nor restores (it would go on past the stop and end with the
   * last epoch's weights), or that watches another figure or min delta, whose best epoch would
   * be judged by another rule; or, when the loop restores the best weights, best weights other
   * than the checkpoint's own (of an epoch before it, or of a checkpoint saved mid-epoch) that
   * are not at hand (the file beside the checkpoint went missing, or its run did not keep them),
   * without which the loop would end with other weights than the uninterrupted run's. A record
   * its run kept for its history alone starts afresh under other settings. Nothing is loaded: a
   * loop that must leave its model as it was on a refusal checks a {@code ResumedRun} loaded
   * into a copy of it first.
   *
   * @param run the checkpoint's epoch count, records and best weights
   * @param monitor the figure the loop watches
   * @param minDelta its least change that counts as an improvement
   * @param acts whether the loop stops early or restores its best weights
   * @param restores whether the loop ends with the best epoch's weights
   * @param stopsEarly how the loop is told to stop early with a patience, in the words of its
   *     options (the Spark trainer's {@code earlyStopping(4) (the launcher's --patience 4)}): the
   *     way out its refusal of a record it does not act on names; needed when {@code acts} is
   *     false
   * @throws IllegalArgumentException naming the file, the record, what does not fit and the way
   *     out
   */
  public static void requireResumable(ResumedRun run, Monitor monitor, double minDelta,
      boolean acts, boolean restores, IntFunction<String> stopsEarly) {
    checkArgument(acts || stopsEarly != null, "resume: a loop that does not act on early"
        + " stopping's record needs the words that make it stop early");
    ResumeChecks.misfit(run, monitor, minDelta, acts, restores).ifPresent(misfit -> {
      EarlyStoppingRecord record = run.earlyStopping().orElseThrow();
      throw new IllegalArgumentException(switch (misfit) {
        // Another patience goes on from the record too: only stopping early at all matters.
        case NOT_ACTED_ON -> String.format(Locale.ROOT, "resume: %s holds early stopping's"
            + " record (patience %d, %s), and this run does not stop early; give it %s as the"
            + " checkpoint's run had it: another patience goes on from the record too, and one"
            + " above the epochs left runs them all and ends with the best epoch's weights",
            run.source(), record.patience(), record.bestEpoch() < 0 ? "no epoch improved yet"
                : "best epoch " + (record.bestEpoch() + 1),
            stopsEarly.apply(record.patience()));
        case OTHER_SETTINGS -> String.format(Locale.ROOT, "resume: %s's early-stopping record"
            + " was kept watching %s with min delta %s, and this run watches %s with min delta"
            + " %s; give it the checkpoint's settings", run.source(), record.monitor(),
            record.minDelta(), monitor, minDelta);
        // A file can be put back only where the checkpoint's run kept the weights.
        case NO_BEST_WEIGHTS -> "resume: " + run.source() + ": " + run.bestWeightsMissing()
            + ", so the run could not end with them as the uninterrupted one would"
            + (record.keepsBestWeights() ? "; put the file back beside the checkpoint" : "");
      });
    });
  }

  /**
   * Goes on from {@code record}, at the resumed run's first epoch, the file's epoch count. The
   * best weights are those read beside the checkpoint or, when it names none and its epoch is
   * the best, the model's now.
   */
  static BestEpoch resumed(EarlyStoppingRecord record, ResumedRun run, Module model,
      Optimizer optimizer) {
    BestEpoch resumed = new BestEpoch(record.monitor(), record.minDelta(), true, model, optimizer);
    resumed.best = record.best();
    resumed.origin = run.epoch() - 1 - record.epochsWithoutImprovement();
    int epoch = record.bestEpoch();
    if (model != null && epoch >= 0) {
      WeightsSnapshot weights = run.bestWeights();
      if (weights == null) {
        checkArgument(epoch == run.epoch() - 1 && !run.namesBestWeights(), "resume: %s: %s,"
            + " so the run could not end with them as the uninterrupted one would",
            run.source(), run.bestWeightsMissing());
        weights = WeightsSnapshot.of(model, optimizer);
      }
      resumed.copy = weights;
      resumed.copied = epoch;
    }
    return resumed;
  }

  /**
   * Records an epoch that has just ended.
   *
   * @param result the epoch's figures
   * @param lastPossible whether no epoch can follow it (the run's last)
   * @return whether it is the new best
   */
  public boolean offer(EpochResult result, boolean lastPossible) {
    // Read only when monitored: without validation data there is no validation figure to read.
    if (monitored && !monitor.improves(monitor.of(result),
        best == null ? Double.NaN : monitor.of(best), minDelta)) {
      return false;
    }
    best = result;
    if (model != null && !lastPossible) {
      copy = WeightsSnapshot.of(model, optimizer);
      copied = result.epoch();
    }
    return true;
  }

  /**
   * Epochs since the best one, at {@code epoch}, the one last offered: what early stopping's
   * patience is compared with. While none improved (a validation loss never finite) they count
   * from the run's first epoch: counted from epoch −1, a resumed run would stop at once. A
   * resumed record goes on with its own count.
   *
   * @param epoch the epoch last offered
   * @param firstEpoch the run's first epoch (its initial epoch when resumed)
   * @return how many epochs have passed without improvement
   */
  public int epochsWithoutImprovement(int epoch, int firstEpoch) {
    return epoch - (best != null ? best.epoch() : origin != FROM_FIRST_EPOCH ? origin
        : firstEpoch - 1);
  }

  /**
   * The record as a checkpoint keeps it, after {@code epoch} was offered.
   *
   * @param epoch the epoch last offered
   * @param firstEpoch the run's first epoch
   * @param patience the run's early-stopping patience, 0 for none
   * @return the monitor, min delta, best epoch and epochs since
   */
  public EarlyStoppingRecord record(int epoch, int firstEpoch, int patience) {
    return new EarlyStoppingRecord(monitor, minDelta, patience, best,
        epochsWithoutImprovement(epoch, firstEpoch), model != null);
  }

  /**
   * The best epoch so far.
   *
   * @return the epoch, or −1 before any epoch improved
   */
  public int epoch() {
    return best == null ? -1 : best.epoch();
  }

  /**
   * The best epoch's figures: a resumed run's best may have run before it resumed.
   *
   * @return the figures, or null before any epoch improved
   */
  public EpochResult result() {
    return best;
  }

  /**
   * The best epoch's weights as copied, or null when none are (no copies kept, or the best
   * epoch was the last possible one, whose weights the model holds).
   */
  WeightsSnapshot copy() {
    return copied == epoch() ? copy : null;
  }

  /**
   * Puts the best epoch's weights back when copies are kept and the run ended after it.
   *
   * @param lastEpoch the epoch the run ended with
   * @return the epoch whose weights the model now holds
   */
  public int restore(int lastEpoch) {
    int epoch = epoch();
    if (model == null || epoch < 0 || epoch == lastEpoch) {
      return lastEpoch;
    }
    verify(copied == epoch, "trainer: the copy is of epoch %s, not of the best, %s", copied,
        epoch);
    // The moments go with the weights; the rate stays the one the run reached, as Keras keeps
    // a rate its ReduceLROnPlateau lowered after the best epoch.
    copy.restore(model, optimizer);
    copy = null;
    return epoch;
  }
}
