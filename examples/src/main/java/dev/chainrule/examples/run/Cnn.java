package dev.chainrule.examples.run;

import dev.chainrule.nn.Activation;
import dev.chainrule.nn.BatchNorm2d;
import dev.chainrule.nn.Conv2d;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Dropout;
import dev.chainrule.nn.Flatten;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.MaxPool2d;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.Unflatten;

/** The convolutional network the image commands build with {@code --model cnn}. */
public final class Cnn {
  /** Dropout before the output layer. */
  public static final double DROPOUT = 0.25;
  /** Channels of the first convolution; the second has twice as many. */
  public static final int CHANNELS = 16;

  private Cnn() {}

  /**
   * For rows of {@code side × side} pixels: two blocks of a 3×3 convolution (padding 1, so the
   * size is kept), batch normalization, ReLU and 2×2 max pooling, 16 then 32 channels; then a
   * dense layer of {@code hidden} ReLU units with dropout, and a linear output of
   * {@code classes}. Batch normalization lets Adam take the default rate from the first step,
   * which is what makes a few epochs enough; 16 and 32 channels rather than 32 and 64 cost a
   * third of the time per epoch (measured on two cores). Each layer draws from its own seed
   * derived from {@code seed}.
   *
   * @param side the images' height and width, a multiple of 4
   * @param hidden the dense layer's width
   * @param classes the output's width
   * @param seed the seed of the initial weights and of the dropout masks
   * @return the network, taking [N, side²] rows
   */
  public static Sequential of(int side, int hidden, int classes, long seed) {
    int pooled = side / 4;
    return Sequential.of(
        Unflatten.of(1, 1, side, side),
        Conv2d.builder(1, CHANNELS, 3).padding(1).init(Init.heUniform()).seed(seed).build(),
        BatchNorm2d.of(CHANNELS),
        Activation.relu(),
        MaxPool2d.of(2),
        Conv2d.builder(CHANNELS, 2 * CHANNELS, 3).padding(1).init(Init.heUniform())
            .seed(seed + 1).build(),
        BatchNorm2d.of(2 * CHANNELS),
        Activation.relu(),
        MaxPool2d.of(2),
        Flatten.of(),
        Dense.builder(2 * CHANNELS * pooled * pooled, hidden).init(Init.heUniform()).seed(seed + 2)
            .build(),
        Activation.relu(),
        Dropout.of(DROPOUT, seed + 3),
        Dense.builder(hidden, classes).seed(seed + 4).build());
  }

  /**
   * "conv 16, conv 32, dense 128 (dropout 0.25)": the network in the header line of a run.
   *
   * @param hidden the dense layer's width
   * @return the layers' widths
   */
  public static String describe(int hidden) {
    return "conv " + CHANNELS + ", conv " + 2 * CHANNELS + ", dense " + hidden + " (dropout "
        + DROPOUT + ")";
  }
}
