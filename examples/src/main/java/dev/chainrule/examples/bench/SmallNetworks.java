package dev.chainrule.examples.bench;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.data.Dataset;
import java.util.stream.IntStream;

/**
 * The two small benchmarks, where the time goes to bookkeeping and tiny kernels rather than
 * arithmetic: XOR (2-2-1, tanh then sigmoid, mean squared error, batch 4, SGD) and Iris (4-16-3,
 * ReLU, softmax cross-entropy from logits against class indices, batch 150, Adam).
 */
final class SmallNetworks {
  private SmallNetworks() {}

  static TrainingStep xor(long seed) {
    Sequential model = Sequential.of(Dense.of(2, 2, seed), Activation.tanh(),
        Dense.of(2, 1, seed + 1), Activation.sigmoid());
    Tensor x = Tensor.matrix(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    Tensor y = Tensor.matrix(new double[][] {{0}, {1}, {1}, {0}});
    return new TrainingStep(model, Loss.meanSquaredError(),
        Sgd.builder(0.5).build(model), x, y);
  }

  /** Iris's shape (150 samples, 4 features, 3 classes of 50) with standard normal features. */
  static Dataset irisShaped(long seed) {
    Tensor features = Tensors.randn(Shape.of(150, 4), seed);
    Tensor labels = Tensor.vector(IntStream.range(0, 150).mapToDouble(i -> i / 50).toArray());
    return new Dataset(features, labels);
  }

  static TrainingStep iris(Dataset data, long seed) {
    Sequential model = Sequential.of(Dense.of(data.featureCount(), 16, seed),
        Activation.relu(), Dense.of(16, data.classCount(), seed + 1));
    return new TrainingStep(model, Loss.softmaxCrossEntropy(),
        Adam.builder().learningRate(0.01).build(model), data.features(), data.labels());
  }
}
