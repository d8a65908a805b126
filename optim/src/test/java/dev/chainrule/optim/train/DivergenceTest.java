package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.BatchNorm1d;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Training stops at the first sign of divergence, and says where. */
class DivergenceTest {
  private static final Tensor X = Tensors.randn(Shape.of(64, 2), 1L);
  private static final Dataset LINE =
      new Dataset(X, X.matmul(Tensor.matrix(new double[][] {{2}, {-1}})));

  /** A model whose gradient is NaN while its loss is finite: √|z| at z = 0 exactly. */
  private static final class RootOfZero extends Module {
    private final Dense dense = registerModule("dense",
        Dense.builder(2, 1).init(Init.zeros()).build());

    @Override
    public Variable forward(Variable x) {
      return dense.forward(x).abs().sqrt();  // ∂√|z|/∂z at 0 is ∞ · 0 = NaN
    }
  }

  @Test
  void aNanLossStopsBeforeTheStepAndNamesEpochAndBatch() {
    Tensor features = X.add(Tensor.where(Tensors.arange(64).eq(40).unsqueeze(1),
        Tensor.scalar(Double.NaN), Tensor.scalar(0)));
    Sequential model = Sequential.of(Dense.of(2, 1, 3L));
    Tensor before = model.parameters().get(0).value().copy();
    List<History> ended = new ArrayList<>();
    Trainer trainer = Trainer.builder(model, Loss.meanSquaredError(), Sgd.builder(0.01)
            .build(model)).epochs(3).batchSize(64)
        .listener(new TrainingListener() {
          @Override
          public void onTrainingEnd(History history) {
            ended.add(history);
          }
        }).build();
    DivergenceException e = assertThrows(DivergenceException.class,
        () -> trainer.fit(new Dataset(features, LINE.labels())));
    assertTrue(e.beforeAnyStep());
    // The data are named: a NaN row some batches in was reported as the training diverging.
    assertEquals("training stopped at epoch 1, batch 1 of 1: the loss is NaN, and row 40 of the"
        + " training data holds NaN (feature 0): no learning rate causes that; drop the rows"
        + " holding such values, or fill them in", e.getMessage());
    assertEquals(0, e.epoch());
    assertEquals(0, e.batch());
    assertEquals(List.of(), e.history().epochs());
    assertEquals(List.of(e.history()), ended, "listeners hear the end of the run");
    assertEquals(before, model.parameters().get(0).value(), "no step with a NaN loss");
  }

  @Test
  void anExplodingLossStopsTrainingWithTheEpochsThatRan() {
    Sequential model = Sequential.of(Dense.of(2, 8, 1L), Activation.tanh(), Dense.of(8, 1, 2L));
    DivergenceException e = assertThrows(DivergenceException.class,
        () -> Trainer.builder(model, Loss.meanSquaredError(), Sgd.builder(1e9).build(model))
            .epochs(5).batchSize(16).build().fit(LINE));
    assertEquals(0, e.epoch());
    assertEquals(1, e.batch(), "the first step is taken with the healthy first batch");
    assertFalse(e.beforeAnyStep(), "a step ran before the explosion");
    // The untrained model (4.40) scores better than constant outputs (5.74), which set the bar.
    assertTrue(e.getMessage().matches("training diverged at epoch 1, batch 2 of 4: the loss per"
        + " sample \\([0-9.e+]+\\) is more than 1e\\+06 times the loss of a constant output"
        + " at chance \\(5\\.74\\), which is above the model's at the start of the run"
        + " \\(4\\.40\\)"), e.getMessage());
  }

  /**
   * A mean that divides by another weight than the samples (class weights' Σ w_y) is named as a
   * weighted mean when the epoch check stops the run: "per sample" would misname the figure. The
   * loss here is the diverging quadratic below with each row weighing 2, which changes no
   * gradient and no batch figure, only the message's words.
   */
  @Test
  void anEpochStoppedUnderAWeightedMeanSaysSo() {
    Loss weighted = new Loss() {
      @Override
      public Variable compute(Variable prediction, Tensor target) {
        return Loss.meanSquaredError().compute(prediction, target);
      }

      @Override
      public double meanWeight(Tensor prediction, Tensor target, int samples) {
        return 2.0 * samples;
      }
    };
    Sequential model = Sequential.of(Dense.of(2, 1, 1L));
    DivergenceException e = assertThrows(DivergenceException.class,
        () -> Trainer.builder(model, weighted, Sgd.builder(1.2).build(model))
            .epochs(200).batchSize(64).build().fit(LINE));
    assertTrue(e.getMessage().contains(": the epoch's weighted mean loss ("), e.getMessage());
  }

  @Test
  void theFactorCanBeRaisedOrTheCheckTurnedOff() {
    Sequential model = Sequential.of(Dense.of(2, 1, 1L));
    // Plain SGD on this quadratic diverges geometrically with a rate 1.2 above its stable limit:
    // the loss grows by a constant factor per step, and stays finite for many epochs.
    History history = Trainer.builder(model, Loss.meanSquaredError(),
            Sgd.builder(1.2).build(model))
        .epochs(3).batchSize(64).divergenceFactor(Double.POSITIVE_INFINITY).build().fit(LINE);
    assertEquals(3, history.epochs().size());
    assertTrue(history.last().trainLoss() > 5 * history.epochs().get(0).trainLoss(),
        history::toString);
    Sequential again = Sequential.of(Dense.of(2, 1, 1L));
    DivergenceException e = assertThrows(DivergenceException.class,
        () -> Trainer.builder(again, Loss.meanSquaredError(), Sgd.builder(1.2).build(again))
            .epochs(200).batchSize(64).build().fit(LINE));
    // Far below the batch limit of 10⁶, the first epoch whose mean is 10 times the untrained
    // loss ends it: the fourth, once the growth of 1.44 per step has compounded.
    assertEquals(3, e.epoch(), e::getMessage);
    assertTrue(e.getMessage().matches("training diverged at epoch 4, batch 1 of 1: the epoch's"
        + " mean loss per sample \\([0-9.]+\\) is more than 10 times the model's at the start of"
        + " the run"
        + " \\([0-9.]+\\): the outputs saturated or swing too far to learn"), e.getMessage());
    assertEquals(e.epoch(), e.history().epochs().size(), "every epoch before it completed");
    assertEquals(-1, e.history().weightsEpoch(), "the model holds the weights it diverged with,"
        + " no completed epoch's");
    assertEquals("trainer: divergence factor must be above 1, got 1.0",
        assertThrows(IllegalArgumentException.class,
            () -> Trainer.builder(again, Loss.meanSquaredError(), Sgd.builder(1).build(again))
                .divergenceFactor(1)).getMessage());
  }

  @Test
  void aBoundedLossThatSaturatesStopsAtTheEndOfTheEpoch() {
    // XOR with Adam at 1e9: every output saturates, binary cross-entropy sits at its clamp on
    // the wrong half (50 per sample), and nothing ever explodes or turns NaN.
    Tensor inputs = Tensor.matrix(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    Dataset xor = new Dataset(inputs, Tensor.matrix(new double[][] {{0}, {1}, {1}, {0}}));
    Sequential model = Sequential.of(Dense.of(2, 2, 1L), Activation.sigmoid(), Dense.of(2, 1, 2L),
        Activation.sigmoid());
    DivergenceException e = assertThrows(DivergenceException.class,
        () -> Trainer.builder(model, Loss.binaryCrossEntropy(), Adam.builder()
            .learningRate(1e9).build(model)).epochs(1000).batchSize(4).build().fit(xor));
    assertTrue(e.getMessage().contains("is more than 10 times the model's at the start of"
        + " the run"),
        e.getMessage());
    assertTrue(e.epoch() < 5, "found within a few epochs, not after 1000: " + e.getMessage());
  }

  @Test
  void theReferencePassLeavesNoChunkOfOneRowForABatchNormalization() {
    // 1,026 rows in batches of 3 train without a batch of one row, but the reference's 1,024
    // rows are 341 chunks of 3 and one left over: that row joins the chunk before it, since a
    // training batch normalization refuses a single row (the run would stop before its start).
    Sequential model = Sequential.of(Dense.of(2, 4, 1L), BatchNorm1d.of(4), Activation.tanh(),
        Dense.of(4, 1, 2L));
    History history = Trainer.builder(model, Loss.meanSquaredError(), Sgd.builder(0.01)
        .build(model)).epochs(1).batchSize(3).build()
        .fit(new Dataset(Tensors.randn(Shape.of(1026, 2), 4L), Tensors.zeros(Shape.of(1026, 1))));
    assertEquals(1, history.epochs().size());
  }

  @Test
  void aReferenceAndAChanceLossOfZeroSetNoLimit() {
    // The reference rows, spread over 2,048 (every other one), all have target 0, which the zero
    // model and every constant output at chance fit exactly: a bar of 0 is no scale, and the
    // other rows' losses above 0 x 10 are no divergence.
    double[] odd = new double[2048];
    for (int i = 1; i < odd.length; i += 2) {
      odd[i] = 1;
    }
    Tensor targets = Tensor.of(odd, 2048, 1);
    Sequential model = Sequential.of(Dense.builder(2, 1).init(Init.zeros()).build());
    History history = Trainer.builder(model, Loss.meanSquaredError(), Sgd.builder(0.01)
        .build(model)).epochs(1).batchSize(256).build()
        .fit(new Dataset(Tensors.randn(Shape.of(2048, 2), 4L), targets));
    assertTrue(history.epochs().get(0).trainLoss() > 0, history::toString);
  }

  @Test
  void aNanGradientIsBlamedOnItsOwnBatch() {
    RootOfZero model = new RootOfZero();
    DivergenceException e = assertThrows(DivergenceException.class,
        () -> Trainer.builder(model, Loss.meanSquaredError(), Sgd.builder(0.1).build(model))
            .epochs(2).batchSize(32).build().fit(LINE));
    assertEquals("training diverged at epoch 1, batch 1 of 2: parameter dense.weight is no"
        + " longer finite after the optimizer's step (its gradient was not finite, or the step"
        + " overflowed" + FIND_THE_RULE + ")",
        e.getMessage());
    RootOfZero clipped = new RootOfZero();
    DivergenceException withClipping = assertThrows(DivergenceException.class,
        () -> Trainer.builder(clipped, Loss.meanSquaredError(), Sgd.builder(0.1).build(clipped))
            .epochs(2).batchSize(32).clipGradientNorm(1).build().fit(LINE));
    assertEquals("training diverged at epoch 1, batch 1 of 2: the gradient's norm is NaN",
        withClipping.getMessage());
    RootOfZero oneBatch = new RootOfZero();
    DivergenceException atTheEnd = assertThrows(DivergenceException.class,
        () -> Trainer.builder(oneBatch, Loss.meanSquaredError(), Sgd.builder(0.1)
            .build(oneBatch)).epochs(1).batchSize(64).build().fit(LINE));
    assertEquals("training diverged at epoch 1, batch 1 of 1: parameter dense.weight is no"
        + " longer finite after the optimizer's step (its gradient was not finite, or the step"
        + " overflowed" + FIND_THE_RULE + ")",
        atTheEnd.getMessage(), "the last step of an epoch is checked too");
  }

  private static final String FIND_THE_RULE = "; a step run under Autograd.detectAnomaly() names"
      + " the op whose rule made a gradient not finite";

  /**
   * The message used to stop at "its gradient was not finite", with no way to find the rule that
   * made it; it now names anomaly detection, under which the same run stops at sqrt's rule.
   */
  @Test
  void aNanGradientsMessageSaysHowToFindTheRuleAndThatWayFindsIt() {
    RootOfZero model = new RootOfZero();
    RuntimeException e;
    try (var anomaly = dev.chainrule.autograd.Autograd.detectAnomaly()) {
      e = assertThrows(RuntimeException.class, () -> Trainer.builder(model,
          Loss.meanSquaredError(), Sgd.builder(0.1).build(model)).epochs(2).batchSize(32)
          .build().fit(LINE));
    }
    Throwable anomaly = e instanceof dev.chainrule.autograd.AnomalyException ? e : e.getCause();
    assertTrue(anomaly instanceof dev.chainrule.autograd.AnomalyException, e::toString);
    assertTrue(anomaly.getMessage().startsWith("anomaly in the backward pass: the backward rule"
        + " of 'sqrt' returned "), anomaly::getMessage);
  }

  /**
   * A step that overflows a weight (a rate of 1e300, infinite in float32) is named as the
   * divergence under anomaly detection too: the next batch's forward pass used to stop first,
   * naming the layer that read the infinite weight as an anomaly, with no batch, parameter or
   * step in the message.
   */
  @Test
  void underAnomalyDetectionAnOverflowingStepIsStillTheDivergence() {
    Sequential model = Sequential.of(Dense.of(2, 1, 3L));
    model.to(dev.chainrule.core.DType.FLOAT32);
    DivergenceException e;
    try (var anomaly = dev.chainrule.autograd.Autograd.detectAnomaly()) {
      e = assertThrows(DivergenceException.class, () -> Trainer.builder(model,
          Loss.meanSquaredError(), Sgd.builder(1e300).build(model)).epochs(1).batchSize(32)
          .build().fit(LINE));
    }
    assertEquals("training diverged at epoch 1, batch 1 of 2: parameter 0.weight is no longer"
        + " finite after the optimizer's step (its gradient was not finite, or the step"
        + " overflowed)", e.getMessage());
  }

  /**
   * A step that leaves weights finite but huge (1e299) makes the next forward pass overflow, which
   * anomaly detection stops in that op: the run reports it as the divergence, with its epoch and
   * batch and the op's findings, the anomaly kept as the cause. Before any step an anomaly is the
   * data's or the initial model's, and is thrown as it is.
   */
  @Test
  void underAnomalyDetectionAForwardOverflowAfterAStepIsTheDivergence() {
    Sequential model = Sequential.of(Dense.of(2, 16, 3L), Activation.tanh(), Dense.of(16, 1, 4L));
    DivergenceException e;
    try (var anomaly = dev.chainrule.autograd.Autograd.detectAnomaly()) {
      e = assertThrows(DivergenceException.class, () -> Trainer.builder(model,
          Loss.meanSquaredError(), Sgd.builder(1e300).build(model)).epochs(1).batchSize(32)
          .build().fit(LINE));
    }
    assertTrue(e.getMessage().startsWith("training diverged at epoch 1, batch 2 of 2: anomaly in"
        + " the forward pass: '"), e.getMessage());
    assertFalse(e.beforeAnyStep(), e.getMessage());
    assertTrue(e.getCause() instanceof dev.chainrule.autograd.AnomalyException, e.getMessage());
    Sequential fresh = Sequential.of(Dense.of(2, 1, 3L));
    Dataset infinite = new Dataset(X.mul(Tensor.scalar(Double.MAX_VALUE)).mul(Tensor.scalar(10)),
        LINE.labels());
    try (var anomaly = dev.chainrule.autograd.Autograd.detectAnomaly()) {
      assertThrows(dev.chainrule.autograd.AnomalyException.class, () -> Trainer.builder(fresh,
          Loss.meanSquaredError(), Sgd.builder(0.1).build(fresh)).epochs(1).batchSize(32)
          .build().fit(infinite), "no step ran: the data's anomaly, as it is");
    }
  }

  @Test
  void aListenerFailingAtTheEndOfADivergedRunIsKeptBesideTheDivergence() {
    Tensor features = X.add(Tensor.where(Tensors.arange(64).eq(40).unsqueeze(1),
        Tensor.scalar(Double.NaN), Tensor.scalar(0)));
    Sequential model = Sequential.of(Dense.of(2, 1, 3L));
    IllegalStateException probe = new IllegalStateException("a probe of the diverged weights");
    List<History> ended = new ArrayList<>();
    Trainer trainer = Trainer.builder(model, Loss.meanSquaredError(), Sgd.builder(0.01)
            .build(model)).epochs(3).batchSize(64)
        .listener(new TrainingListener() {
          @Override
          public void onTrainingEnd(History history) {
            throw probe;
          }
        })
        .listener(new TrainingListener() {
          @Override
          public void onTrainingEnd(History history) {
            ended.add(history);
          }
        }).build();
    DivergenceException e = assertThrows(DivergenceException.class,
        () -> trainer.fit(new Dataset(features, LINE.labels())));
    assertEquals(List.of(probe), List.of(e.getSuppressed()), "the divergence wins, nothing lost");
    assertEquals(List.of(e.history()), ended, "the next listener still hears the end");
  }
}
