package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Monitor#VALIDATION_ACCURACY} is watched as a figure where higher is better: early
 * stopping's best epoch is the first with the highest accuracy, the run stops {@code patience}
 * epochs after it, and restoring the best weights gives the model that epoch's accuracy back; a
 * plateau reduction halves the rate on the epochs PyTorch's {@code ReduceLROnPlateau(mode='max')}
 * would, replayed here from the accuracies the run recorded. Only the builders' refusals of the
 * accuracy monitor were tested before.
 */
class AccuracyMonitorTest {
  private static final Dataset TRAINING = blobs(3);
  private static final Dataset VALIDATION = blobs(4);

  /** Two overlapping Gaussian blobs (σ 2.5 around ±2), 200 points, labels 0 and 1. */
  private static Dataset blobs(long seed) {
    Tensor noise = Tensors.randn(Shape.of(200, 2), seed).mul(2.5);
    Tensor labels = Tensors.rand(Shape.of(200), seed + 1).gt(0.5);
    return new Dataset(noise.add(labels.unsqueeze(1).mul(4).sub(2)), labels);
  }

  private static Sequential model() {
    return Sequential.of(Dense.of(2, 8, 1L), Activation.tanh(), Dense.of(8, 2, 2L));
  }

  private static Trainer.Builder builder(Sequential model, int epochs) {
    return Trainer.builder(model, Loss.softmaxCrossEntropy(), Sgd.builder(0.05).build(model))
        .epochs(epochs);
  }

  private static int firstArgmax(List<Double> values) {
    int best = 0;
    for (int i = 1; i < values.size(); i++) {
      best = values.get(i) > values.get(best) ? i : best;
    }
    return best;
  }

  @Test
  void earlyStoppingKeepsTheMostAccurateEpochAndStopsPatienceEpochsAfterIt() {
    for (int patience = 1; patience <= 3; patience++) {
      Sequential model = model();
      History h = builder(model, 30).earlyStopping(Monitor.VALIDATION_ACCURACY, patience, 0)
          .restoreBestWeights(true).build().fit(TRAINING, VALIDATION);
      List<Double> accuracies = h.validationAccuracies();
      int best = firstArgmax(accuracies);
      String where = "patience " + patience + ", accuracies " + accuracies;
      assertEquals(best, h.bestEpoch(), where);
      assertTrue(h.stoppedEarly(), where);
      assertEquals(best + patience + 1, accuracies.size(), where);
      assertEquals(best, h.weightsEpoch(), where);
      // The weights are that epoch's: the model scores its accuracy again (counts of 200, exact).
      Tensor predicted = model.forward(Variable.constant(VALIDATION.features())).value()
          .argmax(1, false);
      assertEquals(accuracies.get(best), predicted.eq(VALIDATION.labels()).mean().item(), where);
    }
  }

  /**
   * With patience 3 the most accurate epoch is not the one of least validation loss, so watching
   * the loss instead (or taking the accuracy as lower-is-better) would pick another epoch.
   */
  @Test
  void theAccuracysBestIsNotTheLosssHere() {
    History h = builder(model(), 30).earlyStopping(Monitor.VALIDATION_ACCURACY, 3, 0).build()
        .fit(TRAINING, VALIDATION);
    List<Double> losses = h.epochs().stream().map(EpochResult::validationLoss).toList();
    List<Double> negatedLosses = losses.stream().map(l -> -l).toList();
    assertNotEquals(firstArgmax(negatedLosses), h.bestEpoch(), "losses " + losses);
    assertNotEquals(0, h.bestEpoch(), "lower-is-better would keep the first epoch");
  }

  /**
   * PyTorch's ReduceLROnPlateau(mode='max', factor=0.5, patience=1) with its defaults (relative
   * threshold 10⁻⁴, no cooldown, min_lr 0, eps 10⁻⁸), stepped with each epoch's accuracy: an
   * epoch improves when its accuracy exceeds best·(1 + 10⁻⁴); after more than {@code patience}
   * epochs without, the rate is multiplied by the factor and the count starts again. Rates to
   * 1e-15 relative (each is the previous times 0.5, exact in binary; the slack is for a trainer
   * that multiplies in another order).
   */
  @Test
  void aPlateauOfAccuracyHalvesTheRateWhenPyTorchsMaxModeWould() {
    History h = builder(model(), 14)
        .reduceLearningRateOnPlateau(Monitor.VALIDATION_ACCURACY, 0.5, 1).build()
        .fit(TRAINING, VALIDATION);
    List<Double> accuracies = h.validationAccuracies();
    List<Double> expected = replay(accuracies, 0.05, 0.5, 1, true);
    List<Double> rates = h.learningRates();
    assertEquals(expected.size(), rates.size());
    for (int e = 0; e < rates.size(); e++) {
      assertEquals(expected.get(e), rates.get(e), 1e-15 * expected.get(e),
          "epoch " + e + ": accuracies " + accuracies + ", rates " + rates);
    }
    assertTrue(rates.get(rates.size() - 1) < 0.05, "some epoch reduced the rate: " + rates);
    assertNotEquals(replay(accuracies, 0.05, 0.5, 1, false), expected,
        "min mode would reduce on other epochs, so the test tells the modes apart");
  }

  /** The rate each epoch runs at under ReduceLROnPlateau, stepped after each epoch. */
  private static List<Double> replay(List<Double> figures, double rate, double factor,
      int patience, boolean higherIsBetter) {
    double best = higherIsBetter ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    int bad = 0;
    List<Double> rates = new ArrayList<>();
    for (double figure : figures) {
      rates.add(rate);
      boolean better = higherIsBetter ? figure > best * (1 + 1e-4) : figure < best * (1 - 1e-4);
      if (better) {
        best = figure;
        bad = 0;
      } else {
        bad++;
      }
      if (bad > patience) {
        double reduced = rate * factor;
        if (rate - reduced > 1e-8) {
          rate = reduced;
        }
        bad = 0;
      }
    }
    return rates;
  }
}
