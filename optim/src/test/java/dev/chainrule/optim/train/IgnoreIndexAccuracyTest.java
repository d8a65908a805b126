package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.chainrule.autograd.Reduction;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.loss.CrossEntropyOptions;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Accuracy under an ignore index is over the labelled rows: a row whose class index is the
 * ignored one is neither right nor wrong, in the training accuracy, the batches' counts and the
 * validation accuracy alike. The ignored index here is a real class (1, as PyTorch users ignore
 * a background class), so counting its rows would change the figure.
 */
class IgnoreIndexAccuracyTest {
  private static final Tensor FEATURES = Tensors.randn(Shape.of(20, 3), 4L);
  private static final Tensor CLASSES =
      Tensor.vector(0, 1, 1, 1, 1, 0, 2, 0, 1, 2, 0, 2, 1, 0, 0, 2, 1, 2, 0, 2);
  private static final int IGNORED = 1;

  @Test
  void accuracyLeavesTheIgnoredRowsOut() {
    Dense model = Dense.of(3, 3, 1L);
    Loss loss = Loss.softmaxCrossEntropy(CrossEntropyOptions.none().withIgnoreIndex(IGNORED));
    Tensor predicted = model.call(Variable.constant(FEATURES)).value().argmax(1, false);
    int right = 0;
    int labelled = 0;
    int rightAmongAll = 0;
    for (int i = 0; i < CLASSES.size(); i++) {
      boolean correct = predicted.get(i) == CLASSES.get(i);
      rightAmongAll += correct ? 1 : 0;
      if (CLASSES.get(i) != IGNORED) {
        labelled++;
        right += correct ? 1 : 0;
      }
    }
    double expected = (double) right / labelled;
    // Otherwise the test could not tell the two counts apart.
    assertNotEquals((double) rightAmongAll / CLASSES.size(), expected);

    List<BatchResult> batches = new ArrayList<>();
    Dataset data = new Dataset(FEATURES, CLASSES);
    // A rate of 0: every batch sees the model the counts above were made with.
    History history = Trainer.builder(model, loss, Sgd.builder(0).build(model)).epochs(1)
        .batchSize(6).seed(3).listener(new TrainingListener() {
          @Override
          public void onBatchEnd(BatchResult batch) {
            batches.add(batch);
          }
        }).build().fit(data, data);

    // Counts of rows divide exactly: the same double either way.
    assertEquals(expected, history.last().trainAccuracy());
    assertEquals(expected, history.last().validationAccuracy());
    assertEquals(expected, Evaluation.score(model, loss, data).accuracy());
    assertEquals(labelled, batches.stream().mapToInt(BatchResult::scored).sum());
    assertEquals(right, batches.stream().mapToInt(BatchResult::correct).sum());
  }

  @Test
  void everyRowIsScoredWithoutAnIndex() {
    assertEquals(20, Evaluation.scoredRows(Loss.softmaxCrossEntropy(), CLASSES));
    assertEquals(20, Evaluation.scoredRows(
        Loss.softmaxCrossEntropy(CrossEntropyOptions.none().withClassWeights(1, 2, 3)), CLASSES));
    assertEquals(13, Evaluation.scoredRows(
        Loss.softmaxCrossEntropy(CrossEntropyOptions.none().withIgnoreIndex(IGNORED)), CLASSES));
  }

  @Test
  void aBatchWithEveryRowIgnoredScoresNoRowRatherThanZero() {
    Tensor padding = Tensor.vector(1, 1, 1);
    Loss summed = Loss.softmaxCrossEntropy(CrossEntropyOptions.none().withIgnoreIndex(IGNORED))
        .withReduction(Reduction.SUM);
    Dataset data = new Dataset(FEATURES.slice(0, 0, 3), padding);
    Evaluation.Score score = Evaluation.score(Dense.of(3, 3, 1L), summed, data);
    assertEquals(0, score.loss(), 0.0);  // a sum of no rows; its sign is not the point
    assertEquals(Double.NaN, score.accuracy());
  }
}
