package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.diagnostics.GradientFlow;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Training and evaluating on a dataset held as bytes is, bit for bit, training and evaluating on
 * the tensor of its values: the same batches, losses, parameters, scores and predictions. Every
 * comparison is exact (tensor equality compares the arrays element by element).
 */
class ByteDatasetTrainingTest {
  private static final int COLUMNS = 16;

  private static Dataset[] bothWays(int rows, long seed, DType dtype) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] pixels = new byte[rows * COLUMNS];
    random.nextBytes(pixels);
    double[] classes = new double[rows];
    for (int i = 0; i < rows; i++) {
      classes[i] = random.nextInt(4);
    }
    Tensor labels = Tensor.vector(classes).to(dtype);
    return new Dataset[] {Dataset.ofUnsignedBytes(pixels, COLUMNS, 255, dtype, labels),
        new Dataset(Tensors.fromUnsignedBytes(pixels, 255, dtype, Shape.of(rows, COLUMNS)),
            labels)};
  }

  private static Sequential model(DType dtype) {
    Sequential model = Sequential.of(Dense.of(COLUMNS, 8, 5L), Activation.relu(),
        Dense.of(8, 4, 6L));
    model.to(dtype);
    return model;
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void trainingGivesTheSameParametersAndScores(DType dtype) {
    // 200 validation rows: more than one evaluation chunk of 64.
    Dataset[] train = bothWays(300, 1L, dtype);
    Dataset[] validation = bothWays(200, 2L, dtype);
    Sequential[] models = {model(dtype), model(dtype)};
    History[] histories = new History[2];
    GradientFlow[] flows = new GradientFlow[2];
    for (int i = 0; i < 2; i++) {
      flows[i] = i == 0 ? GradientFlow.of(models[i], train[i])
          : GradientFlow.of(models[i], train[i].features());
      histories[i] = Trainer.builder(models[i], Loss.softmaxCrossEntropy(),
              Adam.builder().learningRate(0.01).build(models[i]))
          .epochs(2).batchSize(32).seed(3).listener(flows[i]).build()
          .fit(train[i], validation[i]);
    }
    assertEquals(models[1].stateDict(), models[0].stateDict());
    for (int e = 0; e < 2; e++) {
      EpochResult bytes = histories[0].epochs().get(e);
      EpochResult tensor = histories[1].epochs().get(e);
      assertEquals(tensor.trainLoss(), bytes.trainLoss());
      assertEquals(tensor.validationLoss(), bytes.validationLoss());
      assertEquals(tensor.validationAccuracy(), bytes.validationAccuracy());
    }
    assertEquals(Evaluation.predict(models[1], validation[1].features()),
        Evaluation.predict(models[0], validation[0]));
    assertEquals(flows[1].activationsAtStart(), flows[0].activationsAtStart());
    assertEquals(flows[1].activationsAtEnd(), flows[0].activationsAtEnd());
  }
}
