package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensors;
import java.util.Arrays;

/**
 * PyTorch's {@code LayerNorm}: each sample standardized over its last dimensions (the normalized
 * shape), y = (x − mean) / √(var + ε) · weight + bias, with {@code weight} (ones) and
 * {@code bias} (zeros) of the normalized shape under PyTorch's names. The same in training and
 * evaluation: it keeps no running statistics.
 */
public final class LayerNorm extends Module {
  private final Shape normalizedShape;
  private final double eps;
  private final Variable weight;
  private final Variable bias;

  private LayerNorm(Shape normalizedShape, double eps, boolean affine) {
    // Not size(), which refused a shape past an int as "shape: ...", naming no layer.
    checkArgument(normalizedShape.rank() > 0
            && Arrays.stream(normalizedShape.dims()).allMatch(d -> d > 0),
        "LayerNorm: the normalized shape %s must have at least one axis and one element",
        normalizedShape);
    ParameterSizes.checkFits("LayerNorm(" + normalizedShape + ")", "a normalized shape of "
        + normalizedShape, ParameterSizes.product(normalizedShape.dims()));
    checkArgument(eps > 0 && Double.isFinite(eps), "LayerNorm: eps must be finite and positive,"
        + " got %s (a row of equal values has variance 0, and x̂ = 0/√(0 + eps))", eps);
    this.normalizedShape = normalizedShape;
    this.eps = eps;
    this.weight = affine ? registerParameter("weight", Tensors.ones(normalizedShape)) : null;
    this.bias = affine ? registerParameter("bias", Tensors.zeros(normalizedShape)) : null;
  }

  /**
   * Normalization over the last dimensions, of these sizes, with ε = 1e-5 and affine
   * parameters, as PyTorch's defaults.
   *
   * @param normalizedShape the sizes of the last dimensions, e.g. the features of [batch, features]
   * @return the layer
   */
  public static LayerNorm of(int... normalizedShape) {
    checkNotNull(normalizedShape, "LayerNorm: normalized shape is null");
    // Before Shape.of, whose refusal of a negative size named only "shape".
    checkArgument(Arrays.stream(normalizedShape).allMatch(n -> n > 0), "LayerNorm: the normalized"
        + " shape %s must have positive sizes", Arrays.toString(normalizedShape));
    return new LayerNorm(Shape.of(normalizedShape), BatchNorm.DEFAULT_EPS, true);
  }

  /**
   * Normalization over the last dimensions with the given ε, with or without affine parameters.
   *
   * @param normalizedShape the sizes of the last dimensions
   * @param eps added to the variance, positive
   * @param affine whether the layer has weight and bias
   * @return the layer
   */
  public static LayerNorm of(Shape normalizedShape, double eps, boolean affine) {
    checkNotNull(normalizedShape, "LayerNorm: normalized shape is null");
    return new LayerNorm(normalizedShape, eps, affine);
  }

  @Override
  public Variable forward(Variable x) {
    checkNotNull(x, "LayerNorm: input is null");
    int k = normalizedShape.rank();
    int rank = x.rank();
    boolean fits = rank >= k && Arrays.equals(Arrays.copyOfRange(x.shape().dims(), rank - k,
        rank), normalizedShape.dims());
    if (!fits) {
      throw badInput("input %s does not end with %s", x.shape(), normalizedShape);
    }
    if (weight != null) {
      requireSameType(x, weight);
    }
    int[] axes = new int[k];
    for (int i = 0; i < k; i++) {
      axes[i] = rank - k + i;
    }
    Variable y = x.standardize(axes, eps);
    return weight == null ? y : y.mul(weight).add(bias);
  }

  /**
   * The sizes of the normalized last dimensions.
   *
   * @return the normalized shape
   */
  public Shape normalizedShape() {
    return normalizedShape;
  }

  /**
   * ε, added to the variance.
   *
   * @return eps
   */
  public double eps() {
    return eps;
  }

  /**
   * Whether the layer has {@code weight} and {@code bias}.
   *
   * @return whether it is affine
   */
  public boolean affine() {
    return weight != null;
  }

  @Override
  protected String describe() {
    return "LayerNorm(" + normalizedShape + (eps == BatchNorm.DEFAULT_EPS ? "" : ", eps " + eps)
        + (weight == null ? ", no affine" : "") + ")";
  }

  /** True: each row is normalized over its own last axes. */
  @Override
  protected boolean evaluatesRowsAlone() {
    return true;
  }
}
