package dev.chainrule.autograd.check;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.Inputs.Domain;
import dev.chainrule.core.Shape;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * How to gradient-check one op: its name, its number of inputs, a sampler of valid cases, whether
 * its backward can be differentiated again, and the {@link GradCheck.Options} its checks use
 * (the defaults, unless the op needs others). The library's catalogue has one per op; users write
 * one for their own op and run the same checks.
 */
public record OpSpec(String name, int arity, boolean secondOrder, Sampler sampler,
    GradCheck.Options options) {

  /** Draws a valid case. */
  @FunctionalInterface
  public interface Sampler {
    /**
     * A random valid case of the op.
     *
     * @param random the generator to draw from
     * @return a random case
     */
    OpCase sample(RandomGenerator random);
  }

  /**
   * Checks the parts.
   *
   * @param name the op's name in the catalogue
   * @param arity the number of inputs
   * @param secondOrder whether second derivatives are checked too
   * @param sampler draws random valid inputs
   * @param options the gradient-check options
   */
  public OpSpec {
    checkNotNull(name, "OpSpec: name is null");
    checkNotNull(sampler, "OpSpec %s: sampler is null", name);
    checkNotNull(options, "OpSpec %s: options are null", name);
  }

  /**
   * A spec checked with the default options.
   *
   * @param arity the number of inputs
   * @param name the op's name in the catalogue
   * @param sampler draws random valid inputs
   * @param secondOrder whether second derivatives are checked too
   */
  public OpSpec(String name, int arity, boolean secondOrder, Sampler sampler) {
    this(name, arity, secondOrder, sampler, GradCheck.Options.defaults());
  }

  /**
   * This spec, checked with other options (a step or tolerances the op needs).
   *
   * @param newOptions the gradient-check options
   * @return a copy with these options
   */
  public OpSpec withOptions(GradCheck.Options newOptions) {
    return new OpSpec(name, arity, secondOrder, sampler, newOptions);
  }

  /**
   * A case from the sampler with this spec's options, checked to have {@link #arity()} inputs.
   *
   * @param random the generator to draw from
   * @return a random case
   */
  public OpCase sample(RandomGenerator random) {
    OpCase c = sampler.sample(random);
    checkArgument(c.inputs().size() == arity, "OpSpec %s: sampled %s inputs, arity is %s", name,
        c.inputs().size(), arity);
    return c.withOptions(options);
  }

  /**
   * An elementwise one-input op checked on any shape with values from a domain.
   *
   * @param domain the input's domain
   * @param name the op's name in the catalogue
   * @param op the operation under test
   * @return the spec
   */
  public static OpSpec unary(String name, Domain domain, UnaryOperator<Variable> op) {
    return new OpSpec(name, 1, true, random -> {
      Shape shape = Inputs.shape(random);
      return new OpCase(name + " " + shape, List.of(Inputs.values(random, shape, domain)),
          in -> op.apply(in.get(0)));
    });
  }

  /**
   * A broadcasting two-input op checked on shapes that broadcast together.
   *
   * @param left the first input's domain
   * @param name the op's name in the catalogue
   * @param op the operation under test
   * @param right the second input's domain
   * @return the spec
   */
  public static OpSpec binary(String name, Domain left, Domain right, BinaryOperator<Variable> op) {
    return new OpSpec(name, 2, true, random -> {
      Shape[] shapes = Inputs.broadcastingShapes(random, 2);
      return new OpCase(name + " " + shapes[0] + " " + shapes[1],
          List.of(Inputs.values(random, shapes[0], left), Inputs.values(random, shapes[1], right)),
          in -> op.apply(in.get(0), in.get(1)));
    });
  }

  /**
   * This spec, declared as first-order only.
   *
   * @return a copy that checks first derivatives only
   */
  public OpSpec firstOrderOnly() {
    return new OpSpec(name, arity, false, sampler, options);
  }
}
