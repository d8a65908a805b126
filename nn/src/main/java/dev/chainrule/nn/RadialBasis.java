package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensors;

/**
 * A radial basis layer: unit i responds to inputs near its learnable centre cᵢ,
 * yᵢ = exp(−‖x − cᵢ‖² / σ²). Centres [units, in] start standard normal from the seed; σ is fixed.
 */
public final class RadialBasis extends Module {
  private final int in;
  private final double sigma;
  private final Variable centres;

  /**
   * Gaussian radial basis units exp(−‖x − c‖² / σ²) with trainable centres c.
   *
   * @param in input features
   * @param units how many centres
   * @param sigma the width σ, finite and positive
   * @param seed the seed of the centres, drawn from N(0, 1)
   */
  public RadialBasis(int in, int units, double sigma, long seed) {
    checkArgument(in > 0 && units > 0, "RadialBasis: sizes must be positive, got %s -> %s", in,
        units);
    // σ = ∞ made every output exp(−0) = 1 and every gradient 0, without a word.
    checkArgument(sigma > 0 && sigma < Double.POSITIVE_INFINITY,
        "RadialBasis: sigma must be finite and positive, got %s", sigma);
    ParameterSizes.checkFits("RadialBasis(" + in + " -> " + units + ", sigma " + sigma + ")",
        "centres of " + units + " × " + in, (long) units * in);
    this.in = in;
    this.sigma = sigma;
    this.centres = registerParameter("centres", Tensors.randn(Shape.of(units, in), seed));
  }

  @Override
  public Variable forward(Variable x) {
    requireInput(x);
    if (x.rank() != 2 || x.shape().dim(1) != in) {
      throw badInput("input %s should be [batch, %s]", x.shape(), in);
    }
    requireSameType(x, centres);
    Variable squaredDistance = x.unsqueeze(1).sub(centres).square().sum(2, false);
    // Divided by σ twice, not by σ²: σ² underflows to 0 below 1.5e-162 (an input at a centre
    // then gave 0/0 = NaN, not 1) and overflows above 1.3e154; d/σ/σ is right wherever σ is.
    return squaredDistance.div(sigma).div(-sigma).exp();
  }

  /**
   * The centres, one per row.
   *
   * @return the [units, in] parameter
   */
  public Variable centres() {
    return centres;
  }

  @Override
  protected String describe() {
    return "RadialBasis(" + in + " -> " + centres.shape().dim(0) + ", sigma " + sigma + ")";
  }

  /** True: each row's outputs are its distances to the centres. */
  @Override
  protected boolean evaluatesRowsAlone() {
    return true;
  }
}
