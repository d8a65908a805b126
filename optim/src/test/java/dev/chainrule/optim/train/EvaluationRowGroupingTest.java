package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.BatchNorm1d;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.TracelessPass;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Evaluation runs rows in chunks only for a model whose rows are independent in evaluation
 * ({@link Module#evaluatesRowsIndependently}): a batch normalization without running statistics
 * normalizes with the batch's in evaluation too, and chunks changed its answers (by up to 0.15)
 * or left a last chunk of one row, which it refuses.
 */
class EvaluationRowGroupingTest {
  /** A batch normalization without running statistics between layers: rows are not independent. */
  private static Sequential batchStatisticsModel() {
    return Sequential.of(Dense.of(3, 4, 1L),
        BatchNorm1d.builder(4).trackRunningStatistics(false).build(), Activation.tanh(),
        Dense.of(4, 3, 2L));
  }

  private static Tensor features(int rows) {
    return Tensors.randn(Shape.of(rows, 3), 5L).add(2);
  }

  private static Tensor labels(int rows) {
    double[] classes = new double[rows];
    for (int i = 0; i < rows; i++) {
      classes[i] = i % 3;
    }
    return Tensor.vector(classes);
  }

  private static Tensor wholeBatch(Module model, Tensor x) {
    model.eval();
    try {
      return model.forward(Variable.constant(x)).value();
    } finally {
      model.train();
    }
  }

  @Test
  void predictionsOfABatchStatisticsModelAreThoseOfOneCallOnEveryRow() {
    Sequential model = batchStatisticsModel();
    Tensor x = features(100);
    Tensor whole = wholeBatch(model, x);
    // Bitwise: the 100 rows go through the model in one call, the same operations on the same
    // values as the whole-batch forward (before, chunks of 64 and 36 differed by up to 0.15).
    assertArrayEquals(whole.toArray(), Evaluation.predict(model, x).toArray());
    assertArrayEquals(whole.toArray(), Evaluation.predict(model, new Dataset(x, labels(100)))
        .toArray());
  }

  @Test
  void theScoreOfABatchStatisticsModelIsTheLossOfOneCallOnEveryRow() {
    Sequential model = batchStatisticsModel();
    Tensor x = features(100);
    Loss loss = Loss.softmaxCrossEntropy();
    double whole = loss.compute(Variable.constant(wholeBatch(model, x)), labels(100)).item();
    // Exact: the same outputs (one call) and the same loss over them (was 1.2232 against 1.2286).
    assertEquals(whole, Evaluation.score(model, loss, new Dataset(x, labels(100))).loss(), 0.0);
  }

  @Test
  void sixtyFiveRowsOfABatchStatisticsModelTrainAndValidate() {
    Sequential model = batchStatisticsModel();
    Dataset rows = new Dataset(features(65), labels(65));
    // 65 = 64 + 1: a last chunk of one row, which the normalization refuses, stopped the run
    // before its first step (the divergence check's look at the untrained model) and refused a
    // validation set of 65 rows.
    History history = Trainer.builder(model, Loss.softmaxCrossEntropy(),
            Sgd.builder(0.05).build(model))
        .batchSize(13).epochs(2).seed(3).build().fit(rows, rows);
    assertEquals(2, history.trainLosses().size());
    assertTrue(history.epochs().stream().allMatch(e -> Double.isFinite(e.validationLoss())),
        "each epoch's validation loss is a number: " + history.epochs());
  }

  /** A module of one's own that records the batch sizes its forward sees in evaluation. */
  private static final class Recorder extends Module {
    private final transient List<Integer> sizes = new ArrayList<>();
    private final boolean promises;

    Recorder(boolean promises) {
      this.promises = promises;
    }

    @Override
    public Variable forward(Variable input) {
      if (!TracelessPass.running()) {
        sizes.add(input.shape().dim(0));
      }
      return input;
    }

    @Override
    protected boolean evaluatesRowsAlone() {
      return promises;
    }
  }

  @Test
  void aModelOfRowByRowLayersIsStillEvaluatedInChunks() {
    Recorder recorder = new Recorder(true);
    Sequential model = Sequential.of(Dense.of(3, 4, 1L), Activation.relu(), recorder,
        Dense.of(4, 2, 2L));
    int rows = 2 * Evaluation.CHUNK_ROWS + 22;
    Tensor x = features(rows);
    Tensor predicted = Evaluation.predict(model, x);
    assertEquals(List.of(Evaluation.CHUNK_ROWS, Evaluation.CHUNK_ROWS, 22), recorder.sizes,
        "chunks of " + Evaluation.CHUNK_ROWS);
    // Each row is the same dot products; only a product's blocking may reorder a sum of 4 terms.
    assertTrue(predicted.allClose(wholeBatch(model, x), 1e-14, 1e-14));
  }

  @Test
  void aModuleOfOnesOwnIsGivenEveryRowAtOnceUnlessItPromisesIndependentRows() {
    Recorder recorder = new Recorder(false);
    Sequential model = Sequential.of(Dense.of(3, 4, 1L), recorder, Dense.of(4, 2, 2L));
    Evaluation.predict(model, features(150));
    assertEquals(List.of(150), recorder.sizes, "one call: its forward may mix rows");
  }
}
