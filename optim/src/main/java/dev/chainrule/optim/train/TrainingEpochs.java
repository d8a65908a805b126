package dev.chainrule.optim.train;

import dev.chainrule.nn.Module;
import dev.chainrule.optim.LearningRateScheduler;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.PerStepScheduler;
import dev.chainrule.optim.PlateauScheduler;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.data.Dataset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The epochs of one {@link Trainer#fit} call, its settings checked: each epoch's schedule, its
 * {@link EpochPass} (with the metrics of one's own on the validation data), then the listeners,
 * the reduction on a plateau, the best epoch's record, the periodic checkpoint (with both records)
 * and the early stop, in that order; a divergence, an interruption of the thread before a step or
 * a checkpoint, or a metric that fails or is not finite ends the run with the listeners told;
 * the best epoch's weights go back at the end when the options ask for them. A resumed run's
 * first call goes on from the checkpoint's records, and runs no epoch when its early-stopping
 * record is already out of the run's patience.
 */
final class TrainingEpochs {
  private TrainingEpochs() {}

  /**
   * Runs the epochs from {@code o.initialEpoch} to {@code o.epochs}.
   *
   * @param o the trainer's options
   * @param call which fit call of its trainer this is, from 0, which its checkpoints record
   * @param seed the seed of this call's batch orders
   * @param monitored whether the early stop's figure is known after every epoch
   * @param stepScheduler sets the rate before every step, or null
   * @param updatesInBackward whether backward updates the parameters, as the run resolved it
   * @param resumed the run this one resumes, whose records go on, or null to start them afresh
   * @throws DivergenceException when the run diverges, after the listeners heard its end
   * @throws TrainingInterruptedException when the thread is interrupted, after the listeners
   *     heard the run end
   */
  static History run(TrainingOptions o, int call, long seed, Dataset train, Dataset validation,
      boolean monitored, PerStepScheduler stepScheduler, boolean updatesInBackward,
      ResumedRun resumed) {
    EpochPass pass = new EpochPass(o.model, o.loss, o.optimizer, o.batchSize, seed,
        o.dropLast, o.clipNorm, o.clipValue, List.copyOf(o.listeners), stepScheduler,
        updatesInBackward, o.metrics);
    LearningRateScheduler scheduler =
        o.schedule == null ? null : LearningRateScheduler.of(o.optimizer, o.schedule);
    List<EpochResult> results = new ArrayList<>();
    PlateauScheduler plateau = o.plateau == null ? null
        : o.plateauMonitor.higherIsBetter() ? PlateauScheduler.maximizing(o.optimizer, o.plateau)
        : PlateauScheduler.minimizing(o.optimizer, o.plateau);
    if (plateau != null && resumed != null) {
      resumed.plateau().ifPresent(record -> plateau.loadState(record.state()));
    }
    Module copied = o.restoreBest ? o.model : null;
    Optimizer copiedState = o.restoreBest ? o.optimizer : null;
    EarlyStoppingRecord record =
        resumed == null ? null : ResumeChecks.continued(o, resumed, monitored);
    BestEpoch best = record != null ? BestEpoch.resumed(record, resumed, copied, copiedState)
        : new BestEpoch(o.monitor, o.minDelta, monitored, copied, copiedState);
    PeriodicCheckpoints checkpoints = o.checkpointEvery == 0 ? null
        : new PeriodicCheckpoints(o.checkpointFile, o.model, o.optimizer, resumed);
    Map<String, String> settings = checkpoints == null ? null : RunSettings.of(o);
    boolean stoppedEarly = ResumeChecks.outOfPatience(o, monitored);
    Divergence divergence =
        new Divergence(o.model, o.loss, train, o.batchSize, o.divergenceFactor);
    // The model holds the weights of the last whole step, no listed epoch's.
    int batches = train.batches(o.batchSize, seed, o.dropLast).batchCount();
    Interruptions interruptions = new Interruptions(o.listeners, "batch", batches,
        () -> history(results, false, best, -1));
    for (int epoch = o.initialEpoch; epoch < o.epochs && !stoppedEarly; epoch++) {
      if (scheduler != null) {
        scheduler.apply(epoch);
      }
      EpochResult result;
      try {
        result = pass.run(epoch, train, validation, divergence, interruptions);
      } catch (Divergence.Found found) {
        // The model holds the diverging epoch's weights, no listed epoch's.
        throw diverged(found, history(results, false, best, -1), o.listeners);
      } catch (NamedMetrics.Refused | Registration.Untrainable refused) {
        // A metric's failure, or every parameter frozen mid-run: as a divergence ends a run, the
        // listeners hear its end, the epoch's weights unlisted.
        throw told(refused, history(results, false, best, -1), o.listeners);
      }
      results.add(result);
      o.listeners.forEach(l -> l.onEpochEnd(result));
      if (plateau != null) {
        plateau.step(o.plateauMonitor.of(result));
      }
      // Offered before the checkpoint, which keeps the record with this epoch in it.
      boolean improved = best.offer(result, epoch == o.epochs - 1);
      if (checkpoints != null && (epoch + 1) % o.checkpointEvery == 0) {
        // Early stopping's record is kept whenever its figure is known: it gives the history's
        // best epoch, and the stop and the weights when the run asks for them.
        int done = epoch;
        // With the settings that decide the batches and steps, which a resume is checked against.
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(ModelCheckpoint.EPOCH_KEY, Integer.toString(done + 1));
        entries.putAll(RunSettings.of(settings, o, call));
        interruptions.save(epoch, batches, () -> checkpoints.save(entries,
            monitored ? best.record(done, o.initialEpoch, o.patience) : null, best,
            best.epoch() == done, plateau == null ? null
            : new PlateauRecord(o.plateauMonitor, o.plateau, plateau.state())));
      }
      boolean patienceOut = !improved && o.patience > 0
          && best.epochsWithoutImprovement(epoch, o.initialEpoch) >= o.patience;
      if (patienceOut || o.listeners.stream().anyMatch(TrainingListener::stopRequested)) {
        stoppedEarly = epoch < o.epochs - 1;
        break;
      }
    }
    int weightsEpoch = best.restore(
        results.isEmpty() ? o.initialEpoch - 1 : results.get(results.size() - 1).epoch());
    History history = history(results, stoppedEarly, best, weightsEpoch);
    o.listeners.forEach(l -> l.onTrainingEnd(history));
    return history;
  }

  /** The history, with the best epoch's figures when it ran before this run resumed. */
  private static History history(List<EpochResult> results, boolean stoppedEarly,
      BestEpoch best, int weightsEpoch) {
    boolean earlier = best.epoch() >= 0
        && (results.isEmpty() || best.epoch() < results.get(0).epoch());
    return new History(results, stoppedEarly, best.epoch(), weightsEpoch,
        earlier ? best.result() : null);
  }

  /** The exception that ends a diverged run, once the listeners heard the run end. */
  private static DivergenceException diverged(Divergence.Found found, History partial,
      List<TrainingListener> listeners) {
    return told(found.exception(partial), partial, listeners);
  }

  /** {@code ended}, once the listeners heard the run end with {@code partial}. */
  private static <E extends RuntimeException> E told(E ended, History partial,
      List<TrainingListener> listeners) {
    for (TrainingListener listener : listeners) {
      // A listener may fail on weights that are no longer finite (a probe of the model's
      // activations under anomaly detection): what ended the run is still what happened.
      try {
        listener.onTrainingEnd(partial);
      } catch (RuntimeException e) {
        ended.addSuppressed(e);
      }
    }
    return ended;
  }
}
