package dev.chainrule.autograd.check;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.Inputs.Domain;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * Samplers for the common kinds of op, for specs of built-in and user ops alike: elementwise,
 * broadcasting, with a scalar constant, with parameters drawn for the shape (axes, a target
 * shape), and reductions over random axes. Every input's shape has rank 0 to 3 and sides 1 to 3
 * (see {@link Inputs#shape}), never an empty tensor: an op's empty or large inputs need cases of
 * their own. Descriptions name what was drawn.
 */
public final class Samplers {
  /** The largest rank {@link #shaped} draws. */
  private static final int MAX_SHAPED_RANK = 3;

  private Samplers() {}

  /**
   * A function of one variable and the parameters it was drawn with, for {@link #shaped}.
   *
   * @param parameters the drawn parameters, for the case's description
   * @param op the op with those parameters
   */
  public record Shaped(String parameters, UnaryOperator<Variable> op) {
    /**
     * Checks the parts.
     *
     * @param parameters the drawn parameters, for the case's description
     * @param op the op with those parameters
     */
    public Shaped {
      checkNotNull(parameters, "Samplers.Shaped: parameters are null");
      checkNotNull(op, "Samplers.Shaped %s: op is null", parameters);
    }
  }

  /** Draws parameters that fit a shape. */
  @FunctionalInterface
  public interface ShapedSampler {
    /**
     * Draws the parameters.
     *
     * @param random the generator to draw from
     * @param shape the input's shape
     * @return the op with its parameters
     */
    Shaped sample(RandomGenerator random, Shape shape);
  }

  /** A reduction: {@code axes} is null for all axes. */
  @FunctionalInterface
  public interface AxesOp {
    /**
     * Applies the reduction.
     *
     * @param x the input
     * @param axes the axes, or null for all
     * @param keepDims whether reduced axes stay, with size 1
     * @return the result
     */
    Variable apply(Variable x, int[] axes, boolean keepDims);
  }

  /** An op with a scalar constant. */
  @FunctionalInterface
  public interface ScalarOp {
    /**
     * Applies the op.
     *
     * @param x the input
     * @param c the constant
     * @return the result
     */
    Variable apply(Variable x, double c);
  }

  /**
   * A shape of rank 0 to 3 with sides 1 to 3, values from a domain.
   *
   * @param domain where the values lie
   * @param op the op
   * @return the sampler
   */
  public static OpSpec.Sampler elementwise(Domain domain, UnaryOperator<Variable> op) {
    checkNotNull(domain, "Samplers.elementwise: domain is null");
    checkNotNull(op, "Samplers.elementwise: op is null");
    return random -> {
      Shape shape = Inputs.shape(random);
      return new OpCase(shape.toString(), List.of(Inputs.values(random, shape, domain)),
          in -> op.apply(in.get(0)));
    };
  }

  /**
   * Two inputs of shapes that broadcast together.
   *
   * @param left where the first input's values lie
   * @param right where the second input's values lie
   * @param op the op
   * @return the sampler
   */
  public static OpSpec.Sampler broadcasting(Domain left, Domain right,
      BinaryOperator<Variable> op) {
    checkNotNull(left, "Samplers.broadcasting: left domain is null");
    checkNotNull(right, "Samplers.broadcasting: right domain is null");
    checkNotNull(op, "Samplers.broadcasting: op is null");
    return random -> {
      Shape[] shapes = Inputs.broadcastingShapes(random, 2);
      return new OpCase(shapes[0] + " " + shapes[1],
          List.of(Inputs.values(random, shapes[0], left), Inputs.values(random, shapes[1], right)),
          in -> op.apply(in.get(0), in.get(1)));
    };
  }

  /**
   * One input and a constant c, a non-zero multiple of ¼ in [−2.5, 3].
   *
   * @param domain where the input's values lie
   * @param op the op
   * @return the sampler
   */
  public static OpSpec.Sampler withScalar(Domain domain, ScalarOp op) {
    checkNotNull(domain, "Samplers.withScalar: domain is null");
    checkNotNull(op, "Samplers.withScalar: op is null");
    return random -> {
      Shape shape = Inputs.shape(random);
      double drawn = Math.rint(random.nextDouble(-2.5, 3) * 4) / 4;
      double c = drawn == 0 ? 0.25 : drawn;
      return new OpCase(shape + " c=" + c, List.of(Inputs.values(random, shape, domain)),
          in -> op.apply(in.get(0), c));
    };
  }

  /**
   * One input of rank {@code minRank} to 3, values in [−2, 2], parameters drawn for its shape.
   *
   * @param minRank the smallest rank the op takes, 0 to 3
   * @param sampler draws the parameters for a shape
   * @return the sampler
   * @throws IllegalArgumentException naming Samplers.shaped when minRank is not 0 to 3
   */
  public static OpSpec.Sampler shaped(int minRank, ShapedSampler sampler) {
    checkNotNull(sampler, "Samplers.shaped: sampler is null");
    // Refused when made, in its own name: it was accepted here and failed only when the spec was
    // checked, as "Inputs.shape: need 0 <= minRank <= maxRank, got ranks 4 to 3".
    checkArgument(0 <= minRank && minRank <= MAX_SHAPED_RANK, "Samplers.shaped: minRank must be"
        + " 0 to %s (the input's rank is drawn from minRank to %s), got %s", MAX_SHAPED_RANK,
        MAX_SHAPED_RANK, minRank);
    return random -> {
      Shape shape = Inputs.shape(random, minRank, MAX_SHAPED_RANK);
      Shaped f = checkNotNull(sampler.sample(random, shape),
          "Samplers.shaped: the sampler returned null for shape %s", shape);
      return new OpCase(shape + " " + f.parameters(),
          List.of(Inputs.values(random, shape, Domain.ANY)), in -> f.op().apply(in.get(0)));
    };
  }

  /**
   * A reduction over all axes (a quarter of the cases) or a random subset of them, some given as
   * negative axes, with keepDims either way ({@link Inputs#reducedAxes}: a rank-0 input's are
   * none, 0 or −1, as the built-in reductions take them); values at least 0.1 apart when
   * {@code distinct} (for max and min, which have kinks at ties).
   *
   * @param distinct whether values must be at least 0.1 apart
   * @param op the reduction
   * @return the sampler
   */
  public static OpSpec.Sampler reduction(boolean distinct, AxesOp op) {
    return reduction(distinct, Domain.ANY, op);
  }

  /**
   * A reduction as {@link #reduction(boolean, AxesOp)} draws it, its values from {@code domain}:
   * {@link Domain#AWAY_FROM_ZERO} for a reduction with a kink where a group is all zeros, as the
   * norm's (a group of one element is |x|: one drawn 4.5e-7 from 0 was, rightly, called a
   * finite-difference artefact, and failed the catalogue's run).
   *
   * @param domain where the values lie
   * @param op the reduction
   * @return the sampler
   */
  public static OpSpec.Sampler reduction(Domain domain, AxesOp op) {
    checkNotNull(domain, "Samplers.reduction: domain is null");
    return reduction(false, domain, op);
  }

  private static OpSpec.Sampler reduction(boolean distinct, Domain domain, AxesOp op) {
    checkNotNull(op, "Samplers.reduction: op is null");
    return random -> {
      Shape shape = Inputs.shape(random);
      int[] axes = random.nextInt(4) == 0 ? null : Inputs.reducedAxes(random, shape);
      boolean keep = random.nextBoolean();
      Tensor x = distinct ? Inputs.distinct(random, shape)
          : Inputs.values(random, shape, domain);
      return new OpCase(shape + " axes " + (axes == null ? "all" : Arrays.toString(axes))
          + " keep " + keep, List.of(x), in -> op.apply(in.get(0), axes, keep));
    };
  }

  /**
   * Each case from one of the samplers, chosen uniformly (an op's overloads, say).
   *
   * @param samplers at least one sampler
   * @return the sampler
   */
  public static OpSpec.Sampler oneOf(OpSpec.Sampler... samplers) {
    checkNotNull(samplers, "Samplers.oneOf: samplers are null");
    checkArgument(samplers.length > 0, "Samplers.oneOf: no samplers");
    for (int i = 0; i < samplers.length; i++) {
      checkNotNull(samplers[i], "Samplers.oneOf: sampler %s is null", i);
    }
    List<OpSpec.Sampler> choices = List.of(samplers);
    return random -> choices.get(random.nextInt(choices.size())).sample(random);
  }
}
