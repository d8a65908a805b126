package dev.chainrule.autograd.check;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.DisconnectedGradientException;
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
 *
 * <p>A case on which the op or its rule throws (a backward returning a gradient of the wrong
 * shape, a reduction over an axis the sampled input lacks) is a failed check in the report, with
 * the exception's message, like a rule whose values are wrong: the other cases still run, and
 * {@code passed()} is false. What is wrong with the spec itself (a null argument, no cases, a
 * sampler that returns null or a malformed case) is thrown.
 *
 * @param name the op's name in the catalogue, put in front of every case's description
 * @param secondOrder whether second derivatives (the backward rule's own gradient) are checked
 *     as well as first ones
 * @param sampler draws the random valid cases the checks run on
 * @param options the finite-difference step and tolerances every drawn case is checked with
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
   * A check on which the op or its rule throws fails, its message in the report's.
   *
   * @param cases how many random cases to draw
   * @param seed the seed of the cases
   * @return what the checks found, failed checks included
   * @throws IllegalArgumentException when {@code cases} is not positive
   * @throws NullPointerException when the sampler returns null or a case with a null part
   */
  public SpecReport check(int cases, long seed) {
    return check(cases, Tensors.seeded(seed));
  }

  /**
   * As {@link #check(int, long)}, drawing from a given generator (which then advances).
   *
   * @param cases how many random cases to draw
   * @param random the generator to draw from
   * @return what the checks found, failed checks included
   * @throws IllegalArgumentException when {@code cases} is not positive
   * @throws NullPointerException when {@code random} is null, or the sampler returns null or a
   *     case with a null part
   */
  public SpecReport check(int cases, RandomGenerator random) {
    checkArgument(cases > 0, "OpSpec %s: need at least one case, got %s", name, cases);
    checkNotNull(random, "OpSpec %s: generator is null", name);
    SpecReport.Builder report = new SpecReport.Builder(name);
    for (int i = 0; i < cases; i++) {
      OpCase c = sample(random);
      run(report, c, false);
      if (secondOrder) {
        run(report, c, true);
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
   * in float64 is not seen: the engine narrows every gradient to its input's type. A comparison
   * on which the op or its rule throws fails, its message in the report's.
   *
   * @param cases how many random cases to draw
   * @param seed the seed of the cases and their cotangents
   * @return what the comparisons found, one check per case, failed ones included
   * @throws IllegalArgumentException when {@code cases} is not positive
   * @throws NullPointerException when the sampler returns null or a case with a null part
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
        report.threw(c.description() + " (float32)", message(e));
      }
    }
    return report.build(cases);
  }

  /**
   * One case's check, into {@code report}. An exception from the op or its rule (a gradient of
   * the wrong shape, a reduction over an axis the input lacks) is the user's code failing on a
   * sampled case, as a wrong value is: a failed check named by the case, not an exception that
   * ends the run (it did, naming the case, while a wrong value was reported with the others).
   */
  private void run(SpecReport.Builder report, OpCase c, boolean second) {
    String description = c.description() + (second ? " (second order)" : "");
    GradCheckReport checked;
    try {
      checked = second ? c.checkSecondOrder() : c.check();
    } catch (RuntimeException e) {
      // The advice fits only the refusals of a rule that cannot be differentiated again; it
      // was added to every second-order exception (float32 inside, a rule that throws).
      boolean cannotGoAgain = e instanceof SecondOrderCheck.FirstOrderOnly
          || e instanceof DisconnectedGradientException;
      report.threw(description, message(e) + (second && cannotGoAgain
          ? " (an op whose rule cannot be differentiated again needs the spec declared"
          + " firstOrderOnly())" : ""));
      return;
    }
    report.add(description, checked);
  }

  /** An exception as a report shows it: its message, or its class when it has none. */
  private static String message(RuntimeException e) {
    return e.getMessage() == null ? e.getClass().getName() : e.getMessage();
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
