package dev.chainrule.optim.train;

import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.data.Dataset;
import java.util.Random;

/** The small regression the resume tests checkpoint and resume: data, network and optimizer. */
final class ResumeFixture {
  private ResumeFixture() {}

  /** {@code rows} rows of y = 2·x1 − x2, x standard normal (seed 1). */
  static Dataset linearRows(int rows) {
    double[][] x = new double[rows][2];
    double[][] y = new double[rows][1];
    Random random = new Random(1);
    for (int i = 0; i < rows; i++) {
      x[i][0] = random.nextGaussian();
      x[i][1] = random.nextGaussian();
      y[i][0] = 2 * x[i][0] - x[i][1];
    }
    return new Dataset(Tensor.matrix(x), Tensor.matrix(y));
  }

  /** A 2-8-1 tanh network, the same weights every call. */
  static Sequential model() {
    return Sequential.of(Dense.of(2, 8, 1L), Activation.tanh(), Dense.of(8, 1, 2L));
  }

  /** Adam at {@code rate} over {@code model}. */
  static Optimizer adam(Sequential model, double rate) {
    return Adam.builder().learningRate(rate).build(model);
  }
}
