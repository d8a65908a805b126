package dev.chainrule.autograd;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The first NaN or infinity found under {@link Autograd#detectAnomaly()}: which op produced it, in
 * which pass, what the op's inputs held, and the line of code that created the op. The message
 * says all of it on one line; the fields give it to programs.
 */
public final class AnomalyException extends ArithmeticException {
  /** Where the value was found. */
  public enum Phase {
    /** In an op's output, as the op ran. */
    FORWARD,
    /** In a gradient an op's backward rule returned (or in the gradient backward started from). */
    BACKWARD;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * What one tensor held: its shape, how many elements were NaN or infinite, and the smallest and
   * largest of the finite ones (both NaN when there are none).
   *
   * @param shape the tensor's shape
   * @param size its number of elements
   * @param nanCount how many elements are NaN
   * @param infiniteCount how many elements are infinite, of either sign
   * @param finiteMin the smallest finite element, NaN when none is finite
   * @param finiteMax the largest finite element, NaN when none is finite
   * @serial exclude (a record is serialized as its components, which the tags above describe;
   *     JDK 17's javadoc asks for a comment on each component's field, which cannot have one)
   */
  public record Values(Shape shape, int size, int nanCount, int infiniteCount, double finiteMin,
      double finiteMax) implements java.io.Serializable {
    /**
     * Whether every element is finite.
     *
     * @return whether every value is finite
     */
    public boolean allFinite() {
      return nanCount == 0 && infiniteCount == 0;
    }

    /** E.g. {@code [3] in [-2.000, 3.000]} or {@code [3] in [1.000, 1.000], 2 NaN}. */
    @Override
    public String toString() {
      StringBuilder s = new StringBuilder().append(shape);
      s.append(size == nanCount + infiniteCount ? " no finite values"
          : String.format(Locale.ROOT, " in [%.4g, %.4g]", finiteMin, finiteMax));
      if (nanCount > 0) {
        s.append(", ").append(nanCount).append(" NaN");
      }
      if (infiniteCount > 0) {
        s.append(", ").append(infiniteCount).append(" infinite");
      }
      return s.toString();
    }
  }

  /** Forward or backward. */
  private final Phase phase;

  /** The op's name. */
  private final String opName;

  /** What each of the op's inputs held in the forward pass, in order. */
  private final List<Values> inputs;

  /** The non-finite tensor: the op's output (forward) or a gradient (backward). */
  private final Values found;

  /** The input whose gradient is non-finite, or −1. */
  private final int gradientOf;

  /** What the gradient reaching the op's output held, in the backward pass; null where none. */
  private final Values gradOutput;

  /** Where user code created the op, or null. */
  private final StackTraceElement creationSite;

  /** The message without its creation site. */
  private final String findings;

  AnomalyException(Phase phase, String opName, List<Values> inputs, Values found, int gradientOf,
      Values gradOutput, StackTraceElement creationSite) {
    this(findings(phase, opName, inputs, found, gradientOf, gradOutput), phase, opName, inputs,
        found, gradientOf, gradOutput, creationSite);
  }

  private AnomalyException(String findings, Phase phase, String opName, List<Values> inputs,
      Values found, int gradientOf, Values gradOutput, StackTraceElement creationSite) {
    super(findings + "; created at " + (creationSite != null ? creationSite
        : "an unknown line (none was recorded: the op ran before anomaly detection was on, or"
            + " the value is a leaf)"));
    this.findings = findings;
    this.phase = phase;
    this.opName = opName;
    this.inputs = List.copyOf(inputs);
    this.found = found;
    this.gradientOf = gradientOf;
    this.gradOutput = gradOutput;
    this.creationSite = creationSite;
  }

  /**
   * Whether the value turned up in the forward or the backward pass.
   *
   * @return forward or backward
   */
  public Phase phase() {
    return phase;
  }

  /**
   * The name of the op that produced the value.
   *
   * @return the op's name
   */
  public String opName() {
    return opName;
  }

  /**
   * What each of the op's inputs held in the forward pass, in order.
   *
   * @return the op's inputs' shapes and value ranges
   */
  public List<Values> inputs() {
    return inputs;
  }

  /**
   * The offending tensor: the op's output (forward) or the gradient it returned (backward).
   *
   * @return the non-finite value's shape and range
   */
  public Values found() {
    return found;
  }

  /**
   * In the backward pass, the input whose gradient is non-finite; -1 in the forward pass, for
   * the gradient that backward started from and for a gradient hook's result.
   *
   * @return the input whose gradient is non-finite
   */
  public int gradientOf() {
    return gradientOf;
  }

  /**
   * In the backward pass, what the gradient reaching the op's output held.
   *
   * @return the incoming gradient, for a backward anomaly
   */
  public Optional<Values> gradOutput() {
    return Optional.ofNullable(gradOutput);
  }

  /**
   * The line of user code that created the op, when it was recorded.
   *
   * @return the line of user code that created the op, when recorded
   */
  public Optional<StackTraceElement> creationSite() {
    return Optional.ofNullable(creationSite);
  }

  /**
   * Whether an input already held a NaN or infinity, so the op only passed it on.
   *
   * @return whether an input was already non-finite
   */
  public boolean inputsWereNonFinite() {
    return inputs.stream().anyMatch(v -> !v.allFinite());
  }

  /**
   * The message without the line that created the op: what a program tells its users, for whom
   * the creation site is a line of the program, not of their own (the op's name says which layer).
   *
   * @return the pass, the op, what it produced and what its inputs held
   */
  public String findings() {
    return findings;
  }

  private static String findings(Phase phase, String op, List<Values> inputs, Values found,
      int gradientOf, Values gradOutput) {
    StringBuilder s = new StringBuilder("anomaly in the ").append(phase).append(" pass: ");
    if (phase == Phase.FORWARD) {
      s.append(String.format(Locale.ROOT, "'%s' produced %s: output %s", op, what(found), found));
    } else if (gradientOf >= 0) {
      s.append(String.format(Locale.ROOT,
          "the backward rule of '%s' returned %s: gradient for input %d %s",
          op, what(found), gradientOf, found));
    } else {
      s.append(String.format(Locale.ROOT,
          "the gradient backward started from, at '%s', holds %s: %s", op,
          what(found), found));
    }
    for (int i = 0; i < inputs.size(); i++) {
      s.append("; input ").append(i).append(": ").append(inputs.get(i));
    }
    boolean cameIn = inputs.stream().anyMatch(v -> !v.allFinite());
    if (gradOutput != null) {
      s.append("; gradient of its output: ").append(gradOutput);
      cameIn |= !gradOutput.allFinite();
    }
    if (cameIn) {
      s.append(" (the non-finite values came in: '").append(op)
          .append("' passed them on; look at where its inputs came from)");
    }
    return s.toString();
  }

  /**
   * A gradient hook returned a non-finite gradient; the one it was given was finite (the rules
   * that made it were checked first, and a sum that overflowed is named as such).
   */
  static AnomalyException inHook(String hook, String opName, Values given, Values found,
      StackTraceElement site) {
    String findings = String.format(Locale.ROOT,
        "anomaly in the backward pass: %s returned %s: %s; the"
        + " gradient it was given: %s", hook, what(found), found, given);
    return new AnomalyException(findings, Phase.BACKWARD, opName, List.of(), found, -1, given,
        site);
  }

  /**
   * The gradient a rule returned for an input was finite in the type the op computed in, but
   * overflowed where the engine converted it to the input's type.
   */
  static AnomalyException inConversion(String opName, int input, DType from, DType to,
      List<Values> inputs, Values returned, Values summed, Values found, Values gradOutput,
      StackTraceElement site) {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
        "anomaly in the backward pass: the"
        + " backward rule of '%s' returned a %s gradient for input %d (%s)%s that overflows %s,"
        + " the input's type: converted, it holds %s: %s", opName, from, input, returned,
        summed == null ? "" : ", summed over its broadcast axes to the input's shape (" + summed
            + "),", to, what(found), found));
    for (int i = 0; i < inputs.size(); i++) {
      s.append("; input ").append(i).append(": ").append(inputs.get(i));
    }
    s.append("; gradient of its output: ").append(gradOutput);
    return new AnomalyException(s.toString(), Phase.BACKWARD, opName, inputs, found, input,
        gradOutput, site);
  }

  /**
   * The contributions to a variable's gradient were finite, as every rule's output is checked,
   * but their sum overflowed where the engine added them for the variable.
   */
  static AnomalyException inSum(String variable, String opName, Values found,
      StackTraceElement site) {
    String findings = String.format(Locale.ROOT,
        "anomaly in the backward pass: the gradient of %s, a sum of"
        + " finite contributions (from the ops that read it, over the axes it was broadcast"
        + " along, or from earlier passes into grad()), overflowed to %s: %s", variable,
        what(found), found);
    return new AnomalyException(findings, Phase.BACKWARD, opName, List.of(), found, -1, null,
        site);
  }

  private static String what(Values v) {
    return v.nanCount() > 0 ? "NaN" : "an infinity";
  }
}
