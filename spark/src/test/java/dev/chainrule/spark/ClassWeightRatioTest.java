package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.CrossEntropies;
import dev.chainrule.nn.loss.CrossEntropyOptions;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.OptimizerChoice;
import org.junit.jupiter.api.Test;

/**
 * Class weights further apart than float32 carries (a ratio past 1/MIN_NORMAL, about 8.5e37):
 * sync mode's shards sum the loss with the weights over the largest, and float32 holds a share
 * of 1e-39 only with fewer significant digits (or as 0), weighing its class wrongly, so the
 * builder refuses them in the words of {@link CrossEntropies#requireWeightRatio}, which say so
 * and advise bringing the weights closer, not the sum's advice to scale them up (they are at a
 * largest of 1 already, so that cannot help). {@code Trainer}'s weighted mean, which divides
 * each row's weight by the batch's sum in float64, takes them.
 */
class ClassWeightRatioTest {
  private static final CrossEntropyOptions APART =
      CrossEntropyOptions.none().withClassWeights(1, 1e-39, 1);

  @Test
  void weightsTooFarApartAreRefusedByTheWeightRatioRule() {
    Sequential model = TestData.blobsModel(3).to(DType.FLOAT32);
    SparkTrainer.Builder builder = SparkTrainer.builder(TestData.describeBlobs(model),
        OptimizerFactory.of(OptimizerChoice.SGD, 0.1)).epochs(1).batchSize(10);
    // Refused as the options are given, before any training, file or shard is read.
    String spark = assertThrows(IllegalArgumentException.class,
        () -> builder.crossEntropy(APART)).getMessage();

    String rule = assertThrows(IllegalArgumentException.class,
        () -> CrossEntropies.requireWeightRatio("softmaxCrossEntropy",
            APART.classWeights(), DType.FLOAT32)).getMessage();
    assertEquals(rule, spark);
    Variable logits = Variable.parameter(Tensors.zeros(Shape.of(2, 3), DType.FLOAT32));
    Loss.softmaxCrossEntropy(APART).compute(logits, Tensor.vector(0, 1)).backward();
    assertEquals(-1, logits.grad().indexOutside(-Double.MAX_VALUE, Double.MAX_VALUE),
        "Trainer's mean takes them, with finite gradients");
    assertEquals("softmaxCrossEntropy: class 1 weighs 1.0E-39 of the largest class weight, below"
        + " the smallest normal float32 number, 1.1754943508222875E-38, which float32 holds only"
        + " with fewer significant digits, or as 0, so a trainer that sums the loss in parts"
        + " weighted by the classes' shares (Spark's shards) would weigh the class wrongly: weigh"
        + " the classes within a factor of 8.507059173023462E37 of each other", spark);
  }

  /**
   * An ignore index, which the shards' parts and the checkpoints do not carry, is refused as the
   * options are given, where it was dropped without a word.
   */
  @Test
  void anIgnoreIndexIsRefused() {
    Sequential model = TestData.blobsModel(3);
    SparkTrainer.Builder builder = SparkTrainer.builder(TestData.describeBlobs(model),
        OptimizerFactory.of(OptimizerChoice.SGD, 0.1)).epochs(1).batchSize(10);
    assertEquals("spark: an ignore index (255) is not supported in Spark training; give class"
        + " weights and label smoothing only", assertThrows(IllegalArgumentException.class,
            () -> builder.crossEntropy(CrossEntropyOptions.none().withIgnoreIndex(255)))
        .getMessage());
  }
}
