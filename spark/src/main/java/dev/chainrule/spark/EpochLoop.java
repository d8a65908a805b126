package dev.chainrule.spark;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.data.NonFiniteRows;
import dev.chainrule.optim.train.BatchResult;
import dev.chainrule.optim.train.BestEpoch;
import dev.chainrule.optim.train.DivergenceBar;
import dev.chainrule.optim.train.DivergenceException;
import dev.chainrule.optim.train.EpochResult;
import dev.chainrule.optim.train.Evaluation;
import dev.chainrule.optim.train.History;
import dev.chainrule.optim.train.Interruptions;
import dev.chainrule.optim.train.Monitor;
import dev.chainrule.optim.train.PeriodicCheckpoints;
import dev.chainrule.optim.train.ResumedRun;
import dev.chainrule.optim.train.Trainer;
import dev.chainrule.optim.train.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The driver's loop around a {@link Step.Runner}: epochs of steps, each step applied only when
 * its loss is finite, listeners told after every step and epoch, validation scored after every
 * epoch, checkpoints every N steps (an epoch's end once its checks passed) and at the run's end,
 * and the time split into its parts. An interrupted thread stops it before its next step or
 * checkpoint, as {@link Interruptions} says.
 *
 * <p>It stops a diverging run as {@link Trainer} does, measured against the loss per sample of the
 * run's first step (the model's it was given, untrained or fitted; a resumed run keeps its fresh
 * run's), floored at the loss at chance on the same rows as {@link DivergenceBar#bar} floors
 * {@link Trainer}'s, which the first step's tasks score alongside it ({@link ChanceParts}): a
 * step whose loss is not finite or more than {@value Trainer#DIVERGENCE_FACTOR} times that, an
 * epoch whose mean is more than {@value Trainer#EPOCH_DIVERGENCE_FACTOR} times it, a parameter
 * no longer finite. Without the floor, a run given a fitted model (a first step's loss of 10⁻⁴)
 * was stopped by an epoch mean of 0.1, Adam's ordinary noise at a learning rate of 0.1.
 *
 * <p>With a patience it stops early as {@link Trainer} does with {@code earlyStopping} on the
 * validation loss and {@code restoreBestWeights}, through the same {@link BestEpoch}: after
 * {@code patience} epochs without a lower validation loss, ending with the best epoch's weights
 * and optimizer state. Checkpoints keep its record, and the best weights beside them, as {@link
 * Trainer}'s do, and a resumed run goes on from them: it stops, and keeps weights, where the
 * uninterrupted run would. A checkpoint saved before records were kept starts it afresh at the
 * resumed run's first epoch.
 */
final class EpochLoop {
  private final Sequential model;
  private final Optimizer optimizer;
  private final Loss loss;
  private final Dataset validation;
  private final List<TrainingListener> listeners;
  private final SparkCheckpoints checkpoints;
  private final int checkpointEvery;
  private final Path checkpointFile;
  /** Epochs without a lower validation loss before the run stops; 0 runs every epoch. */
  private final int patience;

  EpochLoop(Sequential model, Optimizer optimizer, Loss loss, Dataset validation,
      List<TrainingListener> listeners, SparkCheckpoints checkpoints, int checkpointEvery,
      Path checkpointFile, int patience) {
    this.model = model;
    this.optimizer = optimizer;
    this.loss = loss;
    this.validation = validation;
    this.listeners = listeners;
    this.checkpoints = checkpoints;
    this.checkpointEvery = checkpointEvery;
    this.checkpointFile = checkpointFile;
    this.patience = patience;
  }

  /**
   * Runs from {@code start} to the end of epoch {@code epochs − 1}.
   *
   * @param start the next step to run, before epoch {@code epochs} ({@link
   *     SparkCheckpoints#resume} refuses a checkpoint past it)
   * @param resumed the checkpoint's records when the run resumes, else null; checked by {@link
   *     SparkCheckpoints#resume}
   */
  SparkTrainer.Result run(Step.Runner runner, Progress start, ResumedRun resumed, int epochs) {
    List<EpochResult> results = new ArrayList<>();
    Timing timing = Timing.none(Replica.parameters(model).valueBytes());
    int steps = runner.perEpoch();
    Progress progress = start;
    BestEpoch best = patience == 0 ? null : resumed != null
        ? BestEpoch.resumed(resumed, Monitor.VALIDATION_LOSS, 0, model, optimizer)
        : new BestEpoch(Monitor.VALIDATION_LOSS, 0, true, model, optimizer);
    int firstEpoch = progress.epoch();
    PeriodicCheckpoints writer = checkpointFile == null ? null
        : new PeriodicCheckpoints(checkpointFile, model, optimizer, resumed);
    boolean stoppedEarly = false;
    // The model holds the weights of the last whole step, no listed epoch's.
    Interruptions interruptions = new Interruptions(listeners, runner.stepName(), steps,
        () -> new History(results, false, bestEpoch(results), -1));
    while (progress.epoch() < epochs) {
      long epochStart = System.nanoTime();
      while (progress.step() < steps) {
        Step step = compute(runner, progress, interruptions);
        double mean = step.meanLoss();
        if (!Double.isFinite(mean)) {
          requireFiniteData(runner, progress, "the loss is " + mean, results);
          // The reference is the first step's loss: without one, no step has changed anything.
          boolean first = Double.isNaN(progress.reference());
          throw diverged(runner, progress, "the loss is " + mean + (first ? " before the run's"
              + " first step, so no learning rate caused it: the data or the model's parameters"
              + " hold a value that is not finite" : ""), results, first);
        }
        Progress scored = Double.isNaN(progress.reference()) ? progress.after(step) : progress;
        double bar = DivergenceBar.bar(scored.reference(), scored.chance());
        if (bar > 0 && mean > Trainer.DIVERGENCE_FACTOR * bar) {
          throw diverged(runner, progress, String.format(Locale.ROOT, "the loss per sample (%.3g)"
              + " is more than %.0e times %s", mean, Trainer.DIVERGENCE_FACTOR,
              against(scored)), results);
        }
        long applyStart = System.nanoTime();
        step.apply().run();
        timing = timing.plus(step.broadcastNanos(), step.computeNanos(), step.aggregateNanos(),
            System.nanoTime() - applyStart);
        BatchResult batch = new BatchResult(progress.epoch(), progress.step(), steps,
            (int) step.samples(), mean, (int) step.correct(), step.weight());
        progress = progress.after(step);
        listeners.forEach(l -> l.onBatchEnd(batch));
        long done = (long) progress.epoch() * steps + progress.step();
        // At an epoch's end, only after the epoch's checks: saved before them, a run stopped as
        // diverged left its diverged weights as "epoch done", and a resume skipped the check.
        if (checkpointDue(done) && progress.step() < steps) {
          Progress saved = progress;
          interruptions.save(saved.epoch(), saved.step(),
              () -> checkpoints.save(writer, saved, best, firstEpoch, patience));
        }
      }
      double seconds = (System.nanoTime() - epochStart) / 1e9;
      Progress lastStep = progress.atStep(steps - 1);
      double bar = DivergenceBar.bar(progress.reference(), progress.chance());
      if (!model.parameters().stream().map(Variable::value).allMatch(EpochLoop::finite)) {
        requireFiniteData(runner, lastStep, "a parameter is no longer finite", results);
        throw diverged(runner, lastStep, "a parameter is no longer finite", results);
      }
      double epochMean = progress.epochMean();
      if (bar > 0 && epochMean > Trainer.EPOCH_DIVERGENCE_FACTOR * bar) {
        // With class weights the mean weighs rows by their class (Σ w_y), not per sample.
        boolean weighted = progress.epochWeight() != progress.epochSamples();
        throw diverged(runner, lastStep,
            String.format(Locale.ROOT, "the epoch's %s (%.3g) is more than"
                + " %.0f times %s: the outputs saturated or swing too far to learn",
                weighted ? "weighted mean loss" : "mean loss per sample", epochMean,
                Trainer.EPOCH_DIVERGENCE_FACTOR, against(progress)), results);
      }
      results.add(epochResult(progress, seconds));
      EpochResult last = results.get(results.size() - 1);
      listeners.forEach(l -> l.onEpochEnd(last));
      progress = progress.nextEpoch();
      if (best != null) {
        boolean improved = best.offer(last, last.epoch() == epochs - 1);
        stoppedEarly = !improved && best.epochsWithoutImprovement(last.epoch(), firstEpoch)
            >= patience && last.epoch() < epochs - 1;
      }
      if (stoppedEarly) {
        break;
      }
      long done = (long) progress.epoch() * steps;
      // Every N steps, and at the run's end: a run shorter than N steps wrote no file at all.
      if (checkpointFile != null && (checkpointDue(done) || progress.epoch() == epochs)) {
        Progress saved = progress;
        interruptions.save(saved.epoch() - 1, steps,
            () -> checkpoints.save(writer, saved, best, firstEpoch, patience));
      }
    }
    History history = best == null ? new History(results, false, bestEpoch(results))
        : new History(results, stoppedEarly, best.epoch(),
            best.restore(results.get(results.size() - 1).epoch()),
            best.epoch() >= 0 && best.epoch() < firstEpoch ? best.result() : null);
    // An early stop's file holds the weights it kept, as --save's does, and says the run is
    // over: resumed, it would go on past the stop and lose the record of the best epoch.
    if (checkpointFile != null && stoppedEarly) {
      checkpoints.saveStopped(writer, progress, history);
    }
    listeners.forEach(l -> l.onTrainingEnd(history));
    return new SparkTrainer.Result(history, optimizer, timing);
  }

  /**
   * Computes the step {@code progress} is at, unless the thread is interrupted. Interrupted
   * while it waits for the step's Spark job, the driver gets Spark's {@code InterruptedException}
   * (undeclared, from Scala), its status cleared, or, storing the step's broadcast, another
   * failure: that is the same stop, before a step that did not change the model, the status set
   * again.
   */
  private static Step compute(Step.Runner runner, Progress progress,
      Interruptions interruptions) {
    interruptions.beforeStep(progress.epoch(), progress.step());
    try {
      // The step that sets the reference scores the loss at chance on its rows too.
      return runner.compute(progress.epoch(), progress.step(),
          Double.isNaN(progress.reference()));
    } catch (Exception e) {
      interruptions.afterFailedStep(progress.epoch(), progress.step(), e);
      throw e;
    }
  }

  /** What the limits scale, in {@link Trainer}'s words: the floor named when it set the bar. */
  private static String against(Progress progress) {
    return DivergenceBar.against(progress.reference(),
        DivergenceBar.bar(progress.reference(), progress.chance()), "the first step's");
  }

  /** Whether {@code done} steps of the run end a stretch of --checkpoint-every. */
  private boolean checkpointDue(long done) {
    return checkpointEvery > 0 && done % checkpointEvery == 0;
  }

  private EpochResult epochResult(Progress progress, double seconds) {
    Evaluation.Score score = validation == null ? new Evaluation.Score(Double.NaN, Double.NaN)
        : Evaluation.score(model, loss, validation);
    long samples = progress.epochSamples();
    return new EpochResult(progress.epoch(), progress.epochMean(),
        progress.epochCorrect() < 0 ? Double.NaN : (double) progress.epochCorrect() / samples,
        score.loss(), score.accuracy(), optimizer.learningRate(), seconds, (int) samples);
  }

  private DivergenceException diverged(Step.Runner runner, Progress at, String what,
      List<EpochResult> results) {
    return diverged(runner, at, what, results, false);
  }

  /** Names the step as the runner counts them: "round 1 of 1" when averaging, not "batch". */
  private DivergenceException diverged(Step.Runner runner, Progress at, String what,
      List<EpochResult> results, boolean beforeAnyStep) {
    // The model holds the weights it diverged with, no listed epoch's.
    History partial = new History(results, false, bestEpoch(results), -1);
    listeners.forEach(l -> l.onTrainingEnd(partial));
    return new DivergenceException(at.epoch(), at.step(), runner.stepName(), runner.perEpoch(),
        what, partial, beforeAnyStep);
  }

  /**
   * Stops with the data named, as {@code Trainer} does, when the training rows hold a NaN or an
   * infinity; searched only once something is no longer finite.
   */
  private void requireFiniteData(Step.Runner runner, Progress at, String what,
      List<EpochResult> results) {
    Optional<String> where = NonFiniteData.in(runner.shards());
    if (where.isPresent()) {
      throw diverged(runner, at, what + ", and " + where.get() + ": " + NonFiniteRows.ADVICE,
          results, true);
    }
  }

  /** The epoch of the lowest validation loss, or the last without validation data. */
  private static int bestEpoch(List<EpochResult> results) {
    int best = results.size() - 1;
    for (int i = 0; i < results.size(); i++) {
      if (results.get(i).validationLoss() < results.get(best).validationLoss()) {
        best = i;
      }
    }
    return best < 0 ? -1 : results.get(best).epoch();
  }

  /** No NaN or infinity: x − x is 0 for every finite x and NaN otherwise. */
  private static boolean finite(Tensor t) {
    return t.sub(t).sum().item() == 0;
  }
}
