package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.optim.OptimizerChoice;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.model.Mlp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;

/**
 * Misuses {@code Trainer} refuses before training, refused by {@code SparkTrainer} too: a
 * classifier ending in a softmax trained, worse, without a word, and empty validation data failed
 * after an epoch of training, in the loss's words ("logits [0, 3] hold no values to average").
 * And shards that are null, which failed with a NullPointerException of a lambda on an executor,
 * and rows of another width than the model's inputs, which failed as a Dense layer's shape error
 * (the validation rows' only after an epoch of training, as did validation labels the loss
 * refuses).
 */
class TrainerChecksTest {
  private static final OptimizerFactory SGD = OptimizerFactory.of(OptimizerChoice.SGD, 0.1);

  @Test
  void aClassifierEndingInASoftmaxIsRefused() {
    Sequential model = Sequential.of(Dense.of(4, 8, 1L), Activation.tanh(), Dense.of(8, 3, 2L),
        Activation.softmax());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SparkTrainer.builder(TestData.describeBlobs(model), SGD));
    assertEquals("spark: the model ends in a softmax, and softmaxCrossEntropy, the loss of a"
        + " classification task, applies its own softmax to the logits it takes, so it would see"
        + " the softmax of probabilities: remove the model's last softmax", e.getMessage());
  }

  @Test
  void aClassifierEndingInALogSoftmaxTrains() {
    // The same loss: softmax ignores a row's shift, so log-probabilities are logits.
    Sequential model = Sequential.of(Dense.of(4, 3, 1L), Activation.logSoftmax());
    List<Double> losses = SparkTrainer.builder(TestData.describeBlobs(model), SGD).epochs(3)
        .build().fit(model, Shards.parallelize(LocalSpark.context(), TestData.blobs(30, 1), 2),
            null).history().trainLosses();
    // Trained, not merely accepted: the loss is finite and falls over three epochs of SGD.
    assertTrue(Double.isFinite(losses.get(2)) && losses.get(2) < losses.get(0),
        "training losses " + losses);
  }

  @Test
  void emptyValidationDataIsRefusedBeforeTraining() {
    Sequential model = TestData.blobsModel(3);
    Dataset data = TestData.blobs(30, 1);
    String before = model.namedParameters().get("0.weight").value().toString();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SparkTrainer.builder(TestData.describeBlobs(model), SGD).epochs(1).build()
            .fit(model, Shards.parallelize(LocalSpark.context(), data, 2),
                data.subset(new int[0])));
    assertEquals("spark: the validation data has no rows; its loss and accuracy would be"
        + " 0/0 = NaN", e.getMessage());
    assertEquals(before, model.namedParameters().get("0.weight").value().toString(),
        "nothing trained");
  }

  /**
   * The layers as a resume's refusal shows them, where the records' own text was printed
   * ({@code [DenseLayer[in=4, out=8, bias=true, sameAs=null], ...]}); a bias alone, which that
   * form left out, is shown where it differs.
   */
  @Test
  void aModelThatIsNotTheDescriptionsIsShownAsLayers() {
    JavaRDD<Shard> shards = Shards.parallelize(LocalSpark.context(), TestData.blobs(30, 1), 2);
    Sequential model = TestData.blobsModel(3);
    Sequential wider = Mlp.of(4, List.of(16), 3, Activation.tanh(), 3L);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SparkTrainer.builder(TestData.describeBlobs(wider), SGD).epochs(1).build()
            .fit(model, shards, null));
    assertEquals("spark: the model ([dense 4→8, tanh, dense 8→3], float64) is not the"
        + " description's ([dense 4→16, tanh, dense 16→3], float64)", e.getMessage());

    Sequential unbiased = Sequential.of(Dense.builder(4, 3).bias(false).build());
    e = assertThrows(IllegalArgumentException.class,
        () -> SparkTrainer.builder(TestData.describeBlobs(Sequential.of(Dense.of(4, 3, 1L))),
            SGD).epochs(1).build().fit(unbiased, shards, null));
    assertEquals("spark: the model ([dense 4→3 without bias], float64) is not the"
        + " description's ([dense 4→3], float64)", e.getMessage());
  }

  @Test
  void anRddHoldingNullForAShardIsRefused() {
    Sequential model = TestData.blobsModel(3);
    List<Shard> shards = new ArrayList<>(Shards.split(TestData.blobs(30, 1), 2));
    shards.add(null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SparkTrainer.builder(TestData.describeBlobs(model), SGD).epochs(1).build()
            .fit(model, LocalSpark.context().parallelize(shards, 2), null));
    assertEquals("spark: the shards' RDD holds null where a Shard belongs (1 of its 3"
        + " elements)", e.getMessage());
  }

  @Test
  void validationRowsOfAnotherWidthAreRefusedBeforeTraining() {
    Sequential model = TestData.blobsModel(3);
    Dataset wide = new Dataset(Tensors.randn(Shape.of(10, 5), 7), TestData.blobs(10, 2).labels());
    String before = model.namedParameters().get("0.weight").value().toString();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SparkTrainer.builder(TestData.describeBlobs(model), SGD).epochs(1).build()
            .fit(model, Shards.parallelize(LocalSpark.context(), TestData.blobs(30, 1), 2),
                wide));
    assertEquals("spark: the validation data has 5 features per row, the model takes 4 (its"
        + " first layer's inputs)", e.getMessage());
    assertEquals(before, model.namedParameters().get("0.weight").value().toString(),
        "nothing trained");
  }

  @Test
  void aShardOfAnotherWidthIsRefusedByItsRows() {
    Sequential model = TestData.blobsModel(3);
    List<Shard> shards = List.of(Shard.of(0, TestData.blobs(15, 1)),
        Shard.of(15, new Dataset(Tensors.randn(Shape.of(15, 5), 7),
            TestData.blobs(15, 2).labels())));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SparkTrainer.builder(TestData.describeBlobs(model), SGD).averaging(2).epochs(1)
            .build().fit(model, LocalSpark.context().parallelize(shards, 2), null));
    assertEquals("spark: the shard of rows 15 to 29 has 5 features per row, the model takes 4"
        + " (its first layer's inputs)", e.getMessage());
  }

  @Test
  void validationLabelsTheLossRefusesAreRefusedBeforeTraining() {
    Sequential model = TestData.blobsModel(3);
    Dataset rows = TestData.blobs(10, 2);
    double[] classes = rows.labels().toArray();
    classes[3] = 4;  // a fifth class, for a model of three outputs
    String before = model.namedParameters().get("0.weight").value().toString();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SparkTrainer.builder(TestData.describeBlobs(model), SGD).epochs(1).build()
            .fit(model, Shards.parallelize(LocalSpark.context(), TestData.blobs(30, 1), 2),
                new Dataset(rows.features(), Tensor.vector(classes))));
    assertEquals("spark: the validation labels do not fit the model's 3 outputs:"
        + " softmaxCrossEntropy: target 4.0 at row 3 of the validation data is not a class index"
        + " for 3 classes (whole numbers 0 to 2)", e.getMessage());
    assertEquals(before, model.namedParameters().get("0.weight").value().toString(),
        "nothing trained");
  }
}
