package dev.chainrule.autograd.check;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.Inputs.Domain;
import dev.chainrule.core.Tensors;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * How to gradient-check one op: its name, a sampler of valid cases, whether its backward can be
 * differentiated again, and the {@link GradCheck.Options} its checks use (the defaults, unless the
 * op needs others). Every row of the library's op table has one; users write one for their own op
 * and run the same checks with {@link #check(int, long)}:
 *
 * <pre>{@code
 * OpSpec spec = OpSpec.unary("softplus", Inputs.Domain.ANY, softplus::apply);
 * SpecReport report = spec.check(200, 42L);  // 200 random cases, first and second order
 * assertTrue(report.passed(), report::toString);  // JUnit 5, in a test of yours
 * }</pre>
 */
public record OpSpec(String name, boolean secondOrder, Sampler sampler,
    GradCheck.Options options) {

  /**
   * Draws a valid case. Its description names the parameters it drew (shapes, axes); the spec
   * puts the op's name in front.
   */
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
   * @param name the op's name in the catalogue
   * @param secondOrder whether second derivatives are checked too
   * @param sampler draws random valid cases
   */
  public OpSpec(String name, boolean secondOrder, Sampler sampler) {
    this(name, secondOrder, sampler, GradCheck.Options.defaults());
  }

  /**
   * This spec, checked with other options (a step or tolerances the op needs).
   *
   * @param newOptions the gradient-check options
   * @return a copy with these options
   */
  public OpSpec withOptions(GradCheck.Options newOptions) {
    return new OpSpec(name, secondOrder, sampler, newOptions);
  }

  /**
   * This spec, declared as first-order only.
   *
   * @return a copy that checks first derivatives only
   */
  public OpSpec firstOrderOnly() {
    return new OpSpec(name, false, sampler, options);
  }

  /**
   * A case from the sampler, described with the op's name and checked with this spec's options.
   *
   * @param random the generator to draw from
   * @return a random case
   */
  public OpCase sample(RandomGenerator random) {
    OpCase c = checkNotNull(sampler.sample(random), "OpSpec %s: the sampler returned null", name);
    String description = c.description().isEmpty() ? name : name + " " + c.description();
    return new OpCase(description, c.inputs(), c.function(), options);
  }

  /**
   * Checks {@code cases} random cases at first order and, when {@link #secondOrder()}, at second
   * order, with a generator seeded by {@code seed}; a plain call, for a JUnit test or a program.
   *
   * @param cases how many random cases to draw
   * @param seed the seed of the cases
   * @return what the checks found
   */
  public SpecReport check(int cases, long seed) {
    return check(cases, Tensors.seeded(seed));
  }

  /**
   * As {@link #check(int, long)}, drawing from a given generator (which then advances).
   *
   * @param cases how many random cases to draw
   * @param random the generator to draw from
   * @return what the checks found
   */
  public SpecReport check(int cases, RandomGenerator random) {
    checkArgument(cases > 0, "OpSpec %s: need at least one case, got %s", name, cases);
    checkNotNull(random, "OpSpec %s: generator is null", name);
    SpecReport.Builder report = new SpecReport.Builder(name);
    for (int i = 0; i < cases; i++) {
      OpCase c = sample(random);
      report.add(c.description(), run(c, false));
      if (secondOrder) {
        report.add(c.description() + " (second order)", run(c, true));
      }
    }
    return report.build(cases);
  }

  /**
   * Runs {@code cases} random cases in float32 and in float64 on the same values (the float32
   * inputs widened), with a generator seeded by {@code seed}: each case's value and
   * vector-Jacobian product (for a random cotangent) must be float32 when its inputs are, and
   * within 1e-4 · max(1, max |r₆₄|) of float64's, as every op of the library's table is checked.
   * It checks the float32 path, not the rule ({@link #check} does that: a wrong rule is wrong
   * alike in both types): a forward that computes in float64 (a {@code Tensors.ones(shape)}
   * constant, float64 by default, where {@code onesLike} keeps the input's type) fails, and so
   * does a rule whose float32 result drifts from its float64 one. A backward rule that computes
   * in float64 is not seen: the engine narrows every gradient to its input's type.
   *
   * @param cases how many random cases to draw
   * @param seed the seed of the cases and their cotangents
   * @return what the comparisons found, one check per case
   */
  public SpecReport checkFloat32(int cases, long seed) {
    checkArgument(cases > 0, "OpSpec %s: need at least one case, got %s", name, cases);
    RandomGenerator random = Tensors.seeded(seed);
    SpecReport.Builder report = new SpecReport.Builder(name);
    for (int i = 0; i < cases; i++) {
      OpCase c = sample(random);
      try {
        report.add(c.description(), Float32Agreement.check(c, random.nextLong()));
      } catch (RuntimeException e) {
        throw new IllegalStateException(String.format("OpSpec %s: the case %s threw in float32:"
            + " %s", name, c.description(), e.getMessage()), e);
      }
    }
    return report.build(cases);
  }

  /**
   * One case's check. An exception from the op or its rule (a reduction over an axis the input
   * lacks, say) is the user's code failing on a sampled case: it goes on, as an
   * IllegalStateException naming the spec and the case, which its own message did not.
   */
  private GradCheckReport run(OpCase c, boolean second) {
    try {
      return second ? c.checkSecondOrder() : c.check();
    } catch (RuntimeException e) {
      throw new IllegalStateException(String.format("OpSpec %s: the case %s%s threw: %s%s", name,
          c.description(), second ? " (second order)" : "", e.getMessage(), second
              ? " (an op whose rule cannot be differentiated again needs the spec declared"
              + " firstOrderOnly())" : ""), e);
    }
  }

  /**
   * An elementwise one-input op checked on any shape with values from a domain.
   *
   * @param name the op's name
   * @param domain where its input's values lie
   * @param op the op
   * @return the spec, second order included
   */
  public static OpSpec unary(String name, Domain domain, UnaryOperator<Variable> op) {
    // Checked here: the sampler's lambda would otherwise take the null and fail at check time.
    checkNotNull(domain, "OpSpec %s: domain is null", name);
    checkNotNull(op, "OpSpec %s: op is null", name);
    return new OpSpec(name, true, Samplers.elementwise(domain, op));
  }

  /**
   * A broadcasting two-input op checked on shapes that broadcast together.
   *
   * @param name the op's name
   * @param left where the first input's values lie
   * @param right where the second input's values lie
   * @param op the op
   * @return the spec, second order included
   */
  public static OpSpec binary(String name, Domain left, Domain right, BinaryOperator<Variable> op) {
    checkNotNull(left, "OpSpec %s: left domain is null", name);
    checkNotNull(right, "OpSpec %s: right domain is null", name);
    checkNotNull(op, "OpSpec %s: op is null", name);
    return new OpSpec(name, true, Samplers.broadcasting(left, right, op));
  }
}
