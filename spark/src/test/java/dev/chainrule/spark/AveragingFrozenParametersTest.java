package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.data.Dataset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Parameter averaging leaves the parameters the optimizer does not update as they were, bit for
 * bit: averaging every replica's copy of the same value (weighted sums divided by the total
 * weight) rounded, and moved a frozen parameter by about an ulp a round.
 */
class AveragingFrozenParametersTest {
  @Test
  void parametersOutsideTheOptimizerStayBitIdentical() {
    // 150 rows on 3 shards in local batches of 16: replicas of 50 rows weigh 50 each, and
    // x·50·3 · (1/150) is not x for most x.
    Dataset data = TestData.blobs(150, 11);
    Sequential model = TestData.blobsModel(3);
    List<Variable> parameters = model.parameters();
    double[] firstWeight = parameters.get(0).value().toArray();
    double[] lastBias = parameters.get(3).value().toArray();
    double[] secondWeight = parameters.get(2).value().toArray();
    // Adam over the hidden layer's bias and the output layer's weight alone: the first layer's
    // weight and the output bias are frozen, as an optimizer over part of the model freezes.
    OptimizerFactory part = m -> Adam.builder().learningRate(0.01)
        .build(List.of(m.parameters().get(1), m.parameters().get(2)));

    SparkTrainer.builder(TestData.describeBlobs(model), part).averaging(2).epochs(3)
        .batchSize(16).seed(5).build()
        .fit(model, Shards.parallelize(LocalSpark.context(), data, 3), null);

    // Bit for bit (no delta: doubleToLongBits equality): no optimizer step touched them.
    assertArrayEquals(firstWeight, parameters.get(0).value().toArray(), "frozen weight");
    assertArrayEquals(lastBias, parameters.get(3).value().toArray(), "frozen bias");
    // The others trained: the run did average something.
    double[] trained = parameters.get(2).value().toArray();
    double moved = 0;
    for (int i = 0; i < trained.length; i++) {
      moved = Math.max(moved, Math.abs(trained[i] - secondWeight[i]));
    }
    assertTrue(moved > 1e-3, "the stepped weight moved by " + moved);
  }
}
