package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.CrossEntropyOptions;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.nn.loss.NothingCountedException;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A shuffled batch whose targets the loss's mean counts none of (every one the ignore index, or
 * of a class weighing 0), met mid-run, stops the run as a divergence stops it: named by epoch and
 * batch, the listeners told, the loss's refusal kept as the cause. It threw the loss's own
 * refusal, which named neither, and the listeners never heard the run end. PyTorch's mean is
 * 0/0 = NaN there, which this trainer stops at as well.
 */
class UncountedBatchRefusalTest {
  private static final int SEED = 0;

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aBatchCountingNothingIsARefusalNamingItsPlace(boolean byWeight) {
    double[] labels = new double[40];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = new int[] {0, 1, 1, 2}[i % 4];
    }
    Dataset train = new Dataset(Tensors.randn(Shape.of(40, 4), 1), Tensor.of(labels, 40));
    CrossEntropyOptions options = byWeight ? CrossEntropyOptions.none().withClassWeights(1, 0, 1)
        : CrossEntropyOptions.none().withIgnoreIndex(1);
    // The first batch of the run (seed 0, batches of 2) whose two rows are both class 1.
    int epoch = -1;
    int batch = -1;
    for (int e = 0; e < 3 && epoch < 0; e++) {
      int b = 0;
      for (Dataset rows : train.batches(2, SEED, false).epoch(e)) {
        if (rows.labels().sum().item() == 2 && rows.labels().max().item() == 1
            && rows.labels().min().item() == 1) {
          epoch = e;
          batch = b;
          break;
        }
        b++;
      }
    }
    assertTrue(epoch >= 0, "the data must give such a batch for the test to mean anything");
    List<History> ends = new ArrayList<>();
    int[] heard = {0};
    TrainingListener listener = new TrainingListener() {
      @Override
      public void onBatchEnd(BatchResult result) {
        heard[0]++;
      }

      @Override
      public void onTrainingEnd(History history) {
        ends.add(history);
      }
    };
    Sequential model = Sequential.of(Dense.of(4, 6, 11), Activation.tanh(), Dense.of(6, 3, 12));
    DivergenceException stopped = assertThrows(DivergenceException.class,
        () -> Trainer.builder(model, Loss.softmaxCrossEntropy(options),
            Adam.builder().learningRate(0.01).build(model)).epochs(3).batchSize(2).seed(SEED)
            .listener(listener).build().fit(train));
    NothingCountedException cause = assertInstanceOf(NothingCountedException.class,
        stopped.getCause());
    assertEquals(String.format(Locale.ROOT,
        "training stopped at epoch %d, batch %d of 20: the loss counts"
        + " none of the batch's rows, and refused it: %s", epoch + 1, batch + 1,
        cause.getMessage()), stopped.getMessage());
    assertTrue(cause.getMessage().startsWith(byWeight ? "softmaxCrossEntropy: every target"
        : "softmaxCrossEntropy: every target is the ignore index 1"), cause.getMessage());
    assertEquals(epoch, stopped.epoch());
    assertEquals(batch, stopped.batch());
    assertTrue(stopped.beforeAnyStep(), "the data, not the learning rate");
    assertEquals(1, ends.size(), "listeners hear the run end once");
    assertEquals(epoch, ends.get(0).epochs().size(), "the epochs that completed");
    assertEquals(epoch * 20 + batch, heard[0], "every batch before the refused one was heard");
  }
}
