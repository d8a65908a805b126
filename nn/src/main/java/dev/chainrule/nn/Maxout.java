package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autograd.Variable;

/**
 * Maxout: each of {@code out} units is the largest of {@code k} linear pieces,
 * yᵢⱼ = maxₚ (x·Wₚ + bₚ)ⱼ. The pieces are one Dense layer of width out·k whose output is viewed
 * as [n, out, k]; the gradient goes to the winning piece, shared equally among pieces tied for
 * the largest value (max's rule).
 */
public final class Maxout extends Module {
  private final int out;
  private final int pieces;
  private final Dense linear;

  /**
   * A maxout layer: {@code out} units, each the largest of {@code pieces} affine pieces.
   *
   * @param in input features
   * @param out output units
   * @param pieces affine pieces per unit, at least 1
   * @param seed the seed of the pieces' weights
   */
  public Maxout(int in, int out, int pieces, long seed) {
    checkArgument(pieces > 0, "Maxout: needs at least one piece, got %s", pieces);
    // The inner Dense would name itself, and out·pieces a product the user never wrote.
    checkArgument(in > 0 && out > 0, "Maxout: sizes must be positive, got %s -> %s", in, out);
    checkArgument((long) out * pieces <= Integer.MAX_VALUE, "Maxout: %s units of %s pieces are"
        + " more than 2^31 - 1 outputs", out, pieces);
    ParameterSizes.checkFits("Maxout(" + in + " -> " + out + ", " + pieces + " pieces)",
        "a weight of " + out * pieces + " × " + in, (long) out * pieces * in);
    this.out = out;
    this.pieces = pieces;
    this.linear = registerModule("pieces", Dense.of(in, out * pieces, seed));
  }

  @Override
  public Variable forward(Variable x) {
    // Checked here, not by the inner Dense, so that the message names the Maxout the user built.
    requireInput(x);
    int in = linear.inFeatures();
    if (x.rank() < 1 || x.rank() > 2 || x.shape().dim(-1) != in) {
      throw badInput("input %s should be [batch, %s] or [%s]", x.shape(), in, in);
    }
    requireSameType(x, linear.weight());
    // Through call, as PyTorch's self.pieces(x): hooks on the pieces run, and a summary shows them.
    Variable all = linear.call(x);
    int rows = all.rank() == 1 ? 1 : all.shape().dim(0);
    return all.reshape(rows, out, pieces).max(2, false).reshape(x.rank() == 1
        ? new int[] {out} : new int[] {rows, out});
  }

  @Override
  protected String describe() {
    return "Maxout(" + linear.inFeatures() + " -> " + out + ", " + pieces + " pieces)";
  }

  /** True: each row's units are the maxima of that row's pieces. */
  @Override
  protected boolean evaluatesRowsAlone() {
    return true;
  }
}
