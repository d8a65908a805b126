package dev.chainrule.optim.train;

import dev.chainrule.autograd.AnomalyException;
import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Variable;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.nn.loss.NothingCountedException;
import dev.chainrule.nn.loss.TargetRefusedException;
import dev.chainrule.optim.GradientClipping;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.PerStepScheduler;
import dev.chainrule.optim.StepRefusedException;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.data.MiniBatches;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One epoch of a {@link Trainer}'s run: shuffled mini-batches, each a forward pass, the loss,
 * backward, optional gradient clipping and an optimizer step, with the divergence checks and the
 * listeners' batch events, and a per-step schedule's rate, each batch run only while the thread
 * is not interrupted; then the validation score. The run
 * around it (epoch schedules, checkpoints, early stopping, the best epoch) is {@link
 * TrainingEpochs}'s.
 *
 * @param model the model, in training mode (its modules in their own modes)
 * @param loss the loss, whose reduction weighs the batch losses
 * @param optimizer the optimizer stepped after every batch
 * @param batchSize samples per batch
 * @param seed the seed of the shuffles
 * @param dropLast whether a last, smaller batch is left out
 * @param clipNorm the largest gradient norm, or 0 for no clipping by norm
 * @param clipValue the largest absolute gradient element, or 0 for no clipping by value
 * @param listeners told of every batch
 * @param stepScheduler sets the rate before every step, or null for none
 * @param updatesInBackward whether backward updates the parameters ({@link
 *     Optimizer#updateInBackward()}), which then need the step's rate before it
 * @param metrics the metrics of one's own, computed from the validation outputs
 */
record EpochPass(Module model, Loss loss, Optimizer optimizer, int batchSize, long seed,
    boolean dropLast, double clipNorm, double clipValue, List<TrainingListener> listeners,
    PerStepScheduler stepScheduler, boolean updatesInBackward, NamedMetrics metrics) {

  EpochResult run(int epoch, Dataset train, Dataset validation, Divergence divergence,
      Interruptions interruptions) {
    long start = System.nanoTime();
    double lossTotal = 0;
    int samples = 0;
    double meanWeights = 0;
    int correct = 0;
    int scored = 0;
    boolean classifies = true;
    MiniBatches miniBatches = train.batches(batchSize, seed, dropLast);
    int batches = miniBatches.batchCount();
    int index = 0;
    BatchPass pass = BatchPass.of(model, loss);
    List<Variable> notStepped = notStepped(); // a walk of the modules: once per epoch
    Iterator<Dataset> epochBatches = miniBatches.epoch(epoch).iterator();
    while (epochBatches.hasNext()) {
      interruptions.beforeStep(epoch, index);
      Registration.requireStillSomethingToTrain(optimizer, epoch, index, batches);
      optimizer.zeroGrad();
      notStepped.forEach(Variable::zeroGrad);
      int batchIndex = index;
      boolean stepped = divergence.stepped();
      BatchPass.Result batch;
      try {
        // One graph an epoch is walked: a look at a few hundred nodes, against a batch's
        // arithmetic.
        batch = pass.run(epochBatches::next,
            perSample -> {
              divergence.checkLoss(epoch, batchIndex, batches, perSample);
              // Updates in backward need the step's rate before backward; after the loss's
              // check, so that a run stopped there keeps its last step's rate, as when stepping.
              if (stepScheduler != null && updatesInBackward) {
                stepScheduler.step();
              }
            },
            batchIndex == 0 ? output -> Registration.requireRegistered(output, model, optimizer)
                : output -> { });
      } catch (TargetRefusedException refused) {
        throw TargetRows.inBatch(refused, miniBatches, epoch, batchIndex, batches);
      } catch (NothingCountedException refused) {
        // Met mid-run in shuffled data, a refusal of the run's data, reported with its place as
        // a divergence is (PyTorch's mean is 0/0 = NaN there), the listeners told.
        throw new Divergence.Found(epoch, batchIndex, batches, "the loss counts none of the"
            + " batch's rows, and refused it: " + refused.getMessage(), true, refused);
      } catch (StepRefusedException refused) {
        // Updating in backward, the step's refusal comes out of the pass, before any update.
        throw refusedStep(epoch, batchIndex, batches, refused);
      } catch (AnomalyException e) {
        // Finite weights of 1e299 after a step overflow in the next forward pass, which anomaly
        // detection stops there, naming the op but no epoch or batch: once a step has run, that
        // is the run diverging, reported with its place (the op's detail kept) like any other.
        if (!stepped) {
          throw e;
        }
        throw new Divergence.Found(epoch, batchIndex, batches, e.findings(), e);
      }
      if (clipNorm > 0) {
        divergence.checkNorm(epoch, index, batches,
            GradientClipping.clipByNorm(optimizer.parameters(), clipNorm));
      }
      // After the norm's, as Keras applies clipnorm before clipvalue.
      if (clipValue > 0) {
        GradientClipping.clipByValue(optimizer.parameters(), clipValue);
      }
      // Before the step, not after as in a PyTorch loop: the same rates, and listeners hear each
      // batch with the rate it ran at in the optimizer.
      if (stepScheduler != null && !updatesInBackward) {
        stepScheduler.step();
      }
      try {
        optimizer.step();
      } catch (StepRefusedException refused) {
        throw refusedStep(epoch, batchIndex, batches, refused);
      }
      // Under anomaly detection the next forward pass would meet a weight this step made
      // infinite and name the first op that read it ("the non-finite values came in"), with no
      // batch, no parameter and no word of the step; the step is what diverged, so it is checked
      // here, at the price of a look at the parameters a step (detection costs more already).
      if (Autograd.isAnomalyDetectionEnabled()) {
        divergence.checkParameters(epoch, batchIndex, batches);
      }
      // A mean weighs its batch's samples, or what a weighted mean divides by.
      lossTotal += ScalarLosses.averages(loss) ? batch.loss() * batch.meanWeight()
          : batch.loss();
      meanWeights += batch.meanWeight();
      samples += batch.samples();
      classifies &= batch.correct() >= 0;
      correct += Math.max(0, batch.correct());
      scored += batch.scored();
      BatchResult result = new BatchResult(epoch, index++, batches, batch.samples(),
          batch.loss(), batch.correct(), batch.meanWeight(), batch.scored());
      listeners.forEach(l -> l.onBatchEnd(result));
    }
    divergence.checkParameters(epoch, index - 1, batches);
    double seconds = (System.nanoTime() - start) / 1e9;
    double trainLoss = ScalarLosses.averages(loss) ? lossTotal / meanWeights : lossTotal;
    divergence.checkEpoch(epoch, index - 1, batches,
        ScalarLosses.averages(loss) ? trainLoss : lossTotal / samples,
        ScalarLosses.averages(loss) && meanWeights != samples);
    double trainAccuracy = classifies ? (double) correct / scored : Double.NaN;
    if (validation == null) {
      return new EpochResult(epoch, trainLoss, trainAccuracy, Double.NaN, Double.NaN,
          optimizer.learningRate(), seconds, samples);
    }
    Evaluation.Scored validated = scored(epoch, validation);
    Evaluation.Score score = validated.score();
    divergence.checkValidation(epoch, index - 1, batches, validation, score.loss());
    // After the loss's check: a model gone NaN is a divergence, named as such, not a metric's.
    Map<String, Double> values = metrics.compute(validated.outputs(), validation.labels(), epoch);
    return new EpochResult(epoch, trainLoss, trainAccuracy, score.loss(), score.accuracy(),
        optimizer.learningRate(), seconds, samples, values);
  }

  /** The validation score, a target it refuses named by its row of the validation data. */
  private Evaluation.Scored scored(int epoch, Dataset validation) {
    try {
      return Evaluation.scored(model, loss, validation);
    } catch (TargetRefusedException refused) {
      throw TargetRows.inValidation(refused, validation, epoch);
    }
  }

  /**
   * The model's parameters the optimizer does not step: frozen by building the optimizer over
   * part of the model. Their gradients are cleared with the optimizer's before every batch, or
   * they would pile up over the whole run, and the clipping norm is the stepped parameters'
   * alone, as PyTorch's is when frozen parameters have no gradient.
   */
  private List<Variable> notStepped() {
    Set<Variable> stepped = Collections.newSetFromMap(new IdentityHashMap<>());
    stepped.addAll(optimizer.parameters());
    return model.parameters().stream().filter(p -> !stepped.contains(p)).toList();
  }

  /**
   * The step refuses, before anything changes, settings that give no meaningful update: an AdamW
   * whose schedule raised η·λ to 1 would zero or flip the weights. A rate run away, nothing a
   * later step repairs: reported with its epoch and batch as a divergence is, the listeners told
   * and the history kept, not in the optimizer's words alone.
   */
  private static Divergence.Found refusedStep(int epoch, int batch, int batches,
      StepRefusedException refused) {
    return new Divergence.Found(epoch, batch, batches, refused.getMessage(), refused);
  }
}
