package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.CrossEntropyOptions;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.data.Dataset;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The divergence reference's training-mode pass scores the reference rows in contiguous,
 * unshuffled chunks of the batch size: a chunk whose targets count nothing (all the ignore index,
 * or of a class weighing 0) adds nothing rather than refusing a run whose shuffled batches all
 * train, and the chunks' means are weighed by what the loss's mean counts ({@code
 * Loss.meanWeight}), not by their rows.
 */
class UncountedReferenceRowsTest {
  /** 40 rows sorted by class, 10 of class 0, 20 of class 1 and 10 of class 2. */
  private static Dataset sortedByClass() {
    double[] labels = new double[40];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i < 10 ? 0 : i < 30 ? 1 : 2;
    }
    return new Dataset(Tensors.randn(Shape.of(40, 4), 1), Tensor.of(labels, 40));
  }

  private static History fit(Loss loss) {
    Sequential model = Sequential.of(Dense.of(4, 6, 11), Activation.tanh(), Dense.of(6, 3, 12));
    return Trainer.builder(model, loss, Adam.builder().learningRate(0.01).build(model))
        .epochs(3).batchSize(8).seed(0).build().fit(sortedByClass());
  }

  /**
   * Chunks of 8 sorted rows hold rows 16-23 (all class 1) while every shuffled batch of seed 0
   * holds a row of class 0 or 2 (2 to 6 of them): the run was refused before its first step by
   * the loss's refusal of that chunk; PyTorch trains it.
   */
  @Test
  void sortedDataWhoseChunkIsAllIgnoredTrains() {
    History ignored = fit(Loss.softmaxCrossEntropy(CrossEntropyOptions.none()
        .withIgnoreIndex(1)));
    assertEquals(3, ignored.epochs().size());
    ignored.trainLosses().forEach(l -> assertTrue(Double.isFinite(l), "loss " + l));
    History weighedZero = fit(Loss.softmaxCrossEntropy(CrossEntropyOptions.none()
        .withClassWeights(1, 0, 1)));
    assertEquals(3, weighedZero.epochs().size());
    weighedZero.trainLosses().forEach(l -> assertTrue(Double.isFinite(l), "loss " + l));
  }

  /**
   * Outputs that favour class 0 by 10 logits: a row of class 0 loses about 4.5e-5, one of class 1
   * about 10. Eight rows of each in two chunks of 8, class 1 weighing 1/4: the loss's weighted
   * mean is (8·4.5e-5 + 2·10) / (8 + 2) ≈ 2.00, the reference the epoch's mean is compared with;
   * the chunks' means weighed by their rows gave (4.5e-5 + 10) / 2 ≈ 5.00, and the bar moved
   * with it (an ignore index moved it the same way, by the ignored rows of a chunk).
   */
  @Test
  void theReferenceIsTheLossesOwnWeightedMean() {
    Dense dense = Dense.builder(1, 2).init(Init.zeros()).build();
    dense.namedParameters().get("bias").value().assignInPlace(Tensor.vector(5, -5));
    Sequential model = Sequential.of(dense);
    double[] labels = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1};
    Dataset data = new Dataset(Tensors.ones(16, 1), Tensor.of(labels, 16));
    Loss loss = Loss.softmaxCrossEntropy(CrossEntropyOptions.none().withClassWeights(1, 0.25));
    double mean = loss.compute(model.call(Variable.constant(data.features())), data.labels())
        .item();
    Divergence divergence = new Divergence(model, loss, data, 8, 3);
    String message = assertThrows(Divergence.Found.class,
        () -> divergence.checkLoss(0, 0, 2, 1e6)).getMessage();
    // Printed to 3 significant figures: 2.00, where weighing by rows printed 5.00.
    assertEquals(String.format(Locale.ROOT, "the loss per sample (1.00e+06) is more than 3e+00"
        + " times the model's at the start of the run (%.3g)", mean), message);
    assertEquals(2.00, mean, 0.005, "the weighted mean the comment derives, to its 3 figures");
  }
}
