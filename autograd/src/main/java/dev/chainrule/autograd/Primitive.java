package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.autograd.check.OpSpec;
import dev.chainrule.core.Tensor;
import java.util.Optional;
import java.util.function.Function;

/**
 * A primitive row of the op table: its {@link OpEntry} and its two halves, a forward on tensors
 * and a backward rule on variables. Both take the op's attributes {@code A}, the arguments that
 * are not differentiated (axes, a constant, an index tensor, a transpose mode), as PyTorch's
 * derivative formulas name {@code dim} and {@code keepdim}; ops without any use {@code Void}.
 *
 * <p>Applying a primitive records a {@link Bound} op: the primitive with its attributes, which can
 * run its forward and its rule again at other values (what a gradient check of a recorded node
 * needs).
 *
 * @param <A> the attributes' type
 */
final class Primitive<A> {
  /** The forward of an op with any number of inputs. */
  @FunctionalInterface
  interface Forward<A> {
    Tensor apply(OpContext ctx, A attributes, Tensor[] inputs);
  }

  /** The backward rule of an op with any number of inputs: one gradient per input. */
  @FunctionalInterface
  interface Backward<A> {
    Variable[] apply(OpContext ctx, A attributes, Variable gradOutput);
  }

  /** The forward of a one-input op. */
  @FunctionalInterface
  interface UnaryForward<A> {
    Tensor apply(OpContext ctx, A attributes, Tensor x);
  }

  /** The backward rule of a one-input op. */
  @FunctionalInterface
  interface UnaryBackward<A> {
    Variable apply(OpContext ctx, A attributes, Variable gradOutput);
  }

  /** The forward of a one-input op without attributes. */
  @FunctionalInterface
  interface SimpleForward {
    Tensor apply(OpContext ctx, Tensor x);
  }

  /** The backward rule of a one-input op without attributes. */
  @FunctionalInterface
  interface SimpleBackward {
    Variable apply(OpContext ctx, Variable gradOutput);
  }

  private final OpEntry entry;
  private final Forward<A> forward;
  private final Backward<A> backward;
  /** The label of a node from its attributes; the op's name unless {@link #labelled} says. */
  private final Function<A, String> label;
  /** This primitive without attributes, bound once: a record, so every node may share it. */
  private final Bound<A> unbound;

  private Primitive(OpEntry entry, Forward<A> forward, Backward<A> backward,
      Function<A, String> label) {
    this.entry = entry;
    this.forward = checkNotNull(forward, "%s: forward is null", entry.name());
    this.backward = checkNotNull(backward, "%s: backward is null", entry.name());
    this.label = label;
    this.unbound = new Bound<>(this, null);
  }

  private static OpEntry entry(String name, String formula, OpSpec.Sampler sampler) {
    return new OpEntry(name, formula, OpEntry.Kind.PRIMITIVE, new OpSpec(name, true, sampler));
  }

  /** An op of any number of inputs, with attributes. */
  static <A> Primitive<A> of(String name, String formula, Forward<A> forward,
      Backward<A> backward, OpSpec.Sampler sampler) {
    return new Primitive<>(entry(name, formula, sampler), forward, backward, null);
  }

  /** A one-input op with attributes. */
  static <A> Primitive<A> unary(String name, String formula, UnaryForward<A> forward,
      UnaryBackward<A> backward, OpSpec.Sampler sampler) {
    return new Primitive<>(entry(name, formula, sampler),
        (ctx, a, in) -> forward.apply(ctx, a, in[0]),
        (ctx, a, g) -> new Variable[] {backward.apply(ctx, a, g)}, null);
  }

  /** A one-input op without attributes. */
  static Primitive<Void> unary(String name, String formula, SimpleForward forward,
      SimpleBackward backward, OpSpec.Sampler sampler) {
    return new Primitive<>(entry(name, formula, sampler),
        (ctx, a, in) -> forward.apply(ctx, in[0]),
        (ctx, a, g) -> new Variable[] {backward.apply(ctx, g)}, null);
  }

  /** This primitive, checked with other options (a step or tolerances it needs). */
  Primitive<A> checkedWith(GradCheck.Options options) {
    return new Primitive<>(entry.checkedWith(options), forward, backward, label);
  }

  /**
   * This primitive, its nodes labelled from their attributes in graph drawings: for a node that
   * does more than the op's name says (a linear node with an activation: "linear + relu").
   */
  Primitive<A> labelled(Function<A, String> label) {
    return new Primitive<>(entry, forward, backward, label);
  }

  OpEntry entry() {
    return entry;
  }

  /** Applies the op with its attributes, recording it when gradients are wanted. */
  Variable apply(A attributes, Variable... inputs) {
    return (attributes == null ? unbound : new Bound<>(this, attributes)).apply(inputs);
  }

  /** Applies an op without attributes. */
  Variable apply(Variable... inputs) {
    return apply(null, inputs);
  }

  /**
   * Whether {@code op} is one of the library's (its forward never reads its context, its rule
   * returns tensors it made or its op's inputs), not a user's {@link Op#of} or {@link Op#unary}.
   */
  static boolean isBuiltIn(Op op) {
    return op instanceof Bound;
  }

  /** A primitive with its attributes: the op a graph node records. */
  record Bound<A>(Primitive<A> primitive, A attributes) implements Op {
    @Override
    public String name() {
      return primitive.entry.name();
    }

    @Override
    public Tensor forward(OpContext ctx, Tensor... inputs) {
      return primitive.forward.apply(ctx, attributes, inputs);
    }

    @Override
    public Variable[] backward(OpContext ctx, Variable gradOutput) {
      return primitive.backward.apply(ctx, attributes, gradOutput);
    }

    @Override
    public String label() {
      return primitive.label == null ? name() : primitive.label.apply(attributes);
    }

    @Override
    public boolean supportsHigherOrder() {
      return primitive.entry.supportsHigherOrder();
    }

    @Override
    public Optional<OpEntry> tableEntry() {
      return Optional.of(primitive.entry);
    }

    @Override
    public String toString() {
      return attributes == null ? name() : name() + "(" + attributes + ")";
    }
  }
}
