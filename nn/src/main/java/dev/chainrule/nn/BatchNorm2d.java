package dev.chainrule.nn;

/**
 * PyTorch's {@code BatchNorm2d}: batch normalization of [batch, C, height, width] images, each
 * channel's statistics over the batch, height and width; see {@link BatchNorm}.
 */
public final class BatchNorm2d extends BatchNorm {
  private BatchNorm2d(BatchNormBuilder<BatchNorm2d> options) {
    super(options);
  }

  /**
   * With PyTorch's defaults: ε 1e-5, momentum 0.1, affine.
   *
   * @param features the channels C
   * @return the layer
   */
  public static BatchNorm2d of(int features) {
    return builder(features).build();
  }

  /**
   * The options, PyTorch's defaults until set: {@code BatchNorm2d.builder(64).cumulativeAverage()
   * .build()} is PyTorch's {@code BatchNorm2d(64, momentum=None)}, and {@code
   * .trackRunningStatistics(false)} its {@code track_running_stats=False}.
   *
   * @param features the channels C, positive
   * @return the builder
   */
  public static BatchNormBuilder<BatchNorm2d> builder(int features) {
    return new BatchNormBuilder<>("BatchNorm2d", features, BatchNorm2d::new);
  }

  /**
   * With the given ε, momentum and affine parameters (or none), and running statistics; the
   * {@link #builder} has every option.
   *
   * @param features the channels C
   * @param eps added to the variance, positive
   * @param momentum the weight of a batch's statistics in the running ones, in [0, 1]
   * @param affine whether the layer has weight and bias
   * @return the layer
   */
  public static BatchNorm2d of(int features, double eps, double momentum, boolean affine) {
    return builder(features).eps(eps).momentum(momentum).affine(affine).build();
  }

  @Override
  String kind() {
    return "BatchNorm2d";
  }

  @Override
  boolean takesRank(int rank) {
    return rank == 4;
  }

  @Override
  String expectedShapes() {
    return "[batch, C, height, width]";
  }
}
