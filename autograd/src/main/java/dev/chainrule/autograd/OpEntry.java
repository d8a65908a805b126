package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.autograd.check.OpSpec;

/**
 * One row of the op table ({@link OpTable}): a built-in operation's name (the name of the
 * {@link Variable} method that applies it), its formula (which that method's Javadoc shows), and
 * the catalogue spec its gradients are checked with, which also says whether it has second
 * derivatives. Like a row of PyTorch's {@code derivatives.yaml}, a {@link Kind#PRIMITIVE} row
 * brings its own forward and backward rule; a {@link Kind#COMPOSITE} row is an operation its
 * {@code Variable} method builds from primitives, so its derivatives follow from theirs and the
 * row holds its formula and spec only.
 *
 * @param name the op's name, unique in the table
 * @param formula the value and the derivatives, as y, the inputs and g = ∂L/∂y
 * @param kind primitive (own rule) or composite (made of primitives)
 * @param spec how the catalogue checks it
 */
public record OpEntry(String name, String formula, Kind kind, OpSpec spec) {

  /** Whether an op has a rule of its own. */
  public enum Kind {
    /** A forward on tensors and a backward rule on variables, declared in the table. */
    PRIMITIVE,
    /** A composition of primitives in its {@code Variable} method; no rule of its own. */
    COMPOSITE
  }

  /**
   * Checks the parts: every row has a spec, named as the row.
   *
   * @param name the op's name
   * @param formula its formula
   * @param kind primitive or composite
   * @param spec its catalogue spec
   */
  public OpEntry {
    checkNotNull(name, "op entry: name is null");
    checkNotNull(formula, "op entry %s: formula is null", name);
    checkNotNull(kind, "op entry %s: kind is null", name);
    checkNotNull(spec, "op entry %s: every op has a catalogue spec", name);
    checkArgument(spec.name().equals(name), "op entry %s: spec is named %s", name, spec.name());
  }

  /** A composite op: its formula and the sampler of the cases its spec checks. */
  static OpEntry composite(String name, String formula, OpSpec.Sampler sampler) {
    return new OpEntry(name, formula, Kind.COMPOSITE, new OpSpec(name, true, sampler));
  }

  /**
   * Whether the op's gradient can be differentiated again (its spec checks second order then).
   *
   * @return whether second derivatives are supported
   */
  public boolean supportsHigherOrder() {
    return spec.secondOrder();
  }

  /** This entry, checked with other options. */
  OpEntry checkedWith(GradCheck.Options options) {
    return new OpEntry(name, formula, kind, spec.withOptions(options));
  }

  @Override
  public String toString() {
    return name + ": " + formula;
  }
}
