package dev.chainrule.nn;

/**
 * PyTorch's {@code BatchNorm1d}: batch normalization of [batch, C] features, or [batch, C, length]
 * sequences (statistics over batch and length); see {@link BatchNorm}.
 */
public final class BatchNorm1d extends BatchNorm {
  private BatchNorm1d(int features, double eps, double momentum, boolean affine) {
    super(features, eps, momentum, affine);
  }

  /**
   * With PyTorch's defaults: ε 1e-5, momentum 0.1, affine.
   *
   * @param features the channels C
   * @return the layer
   */
  public static BatchNorm1d of(int features) {
    return of(features, DEFAULT_EPS, DEFAULT_MOMENTUM, true);
  }

  /**
   * With the given ε, momentum and affine parameters (or none).
   *
   * @param features the channels C
   * @param eps added to the variance, positive
   * @param momentum the weight of a batch's statistics in the running ones, in [0, 1]
   * @param affine whether the layer has weight and bias
   * @return the layer
   */
  public static BatchNorm1d of(int features, double eps, double momentum, boolean affine) {
    return new BatchNorm1d(features, eps, momentum, affine);
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
