package dev.chainrule.nn;

/**
 * PyTorch's {@code BatchNorm1d}: batch normalization of [batch, C] features, or [batch, C, length]
 * sequences (statistics over batch and length); see {@link BatchNorm}.
 */
public final class BatchNorm1d extends BatchNorm {
  private BatchNorm1d(BatchNormBuilder<BatchNorm1d> options) {
    super(options);
  }

  /**
   * With PyTorch's defaults: ε 1e-5, momentum 0.1, affine.
   *
   * @param features the channels C
   * @return the layer
   */
  public static BatchNorm1d of(int features) {
    return builder(features).build();
  }

  /**
   * The options, PyTorch's defaults until set: {@code BatchNorm1d.builder(64).cumulativeAverage()
   * .build()} is PyTorch's {@code BatchNorm1d(64, momentum=None)}, and {@code
   * .trackRunningStatistics(false)} its {@code track_running_stats=False}.
   *
   * @param features the channels C, positive
   * @return the builder
   */
  public static BatchNormBuilder<BatchNorm1d> builder(int features) {
    return new BatchNormBuilder<>("BatchNorm1d", features, BatchNorm1d::new);
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
  public static BatchNorm1d of(int features, double eps, double momentum, boolean affine) {
    return builder(features).eps(eps).momentum(momentum).affine(affine).build();
  }

  @Override
  String kind() {
    return "BatchNorm1d";
  }

  @Override
  boolean takesRank(int rank) {
    return rank == 2 || rank == 3;
  }

  @Override
  String expectedShapes() {
    return "[batch, C] or [batch, C, length]";
  }
}
