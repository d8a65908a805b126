package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Tensor;
import java.util.Optional;

/**
 * A differentiable operation: a forward computation on tensors and a backward rule written with
 * {@link Variable} operations. Because the rule is itself made of differentiable operations,
 * gradients of gradients come for free; when no graph is being built the same rule runs without
 * recording and costs nothing extra.
 *
 * <p>That holds for a rule built with {@code Variable} ops on {@code gradOutput} and the context's
 * input variables. One that computes on values, {@code (c, g) ->
 * Variable.constant(g.value().mul(c.input(0).value()).mul(2))} for x², gives the right first
 * gradient, but from a constant seed (a {@code createGraph} pass started at a loss) that gradient
 * is a constant, which {@link Gradients#of Gradients.of} links to the input with zeros: the second
 * derivative comes out 0 without a word, where PyTorch raises "element 0 of tensors does not
 * require grad". (Given a recorded {@code gradOutput}, the engine refuses such a rule; see
 * {@link #backward backward}.) {@link dev.chainrule.autograd.check.GradCheck#gradGradCheck
 * GradCheck.gradGradCheck} catches it; a rule that must compute on tensors says so with {@link
 * #supportsHigherOrder}.
 *
 * <p>Users add their own operation with {@link #of} or {@link #unary}, or by implementing this
 * interface; nothing in the library needs to change:
 *
 * <pre>{@code
 * Op softplus = Op.unary("softplus",
 *     (ctx, x) -> x.relu().add(x.abs().neg().exp().log1p()),  // max(x, 0) + log(1 + e^−|x|)
 *     (ctx, g) -> g.mul(ctx.input(0).sigmoid()));              // softplus′(x) = σ(x)
 * Variable y = softplus.apply(x);
 * }</pre>
 */
public interface Op {
  /**
   * A short name, shown in errors, reports and graph drawings.
   *
   * @return the op's name
   */
  String name();

  /**
   * The name as a graph drawing shows a node of this op: the name, and what the node adds to it
   * where the name alone would hide part of the computation ("linear + relu" for a dense layer's
   * product with its activation).
   *
   * @return the node's label; the name unless the op says more
   */
  default String label() {
    return name();
  }

  /**
   * Computes the output from the input values. Anything the backward rule needs beyond the inputs
   * and the output goes into {@code ctx} with {@link OpContext#save}, not into the rule's lambda,
   * so that a change made to it in place before backward is caught.
   *
   * @param ctx the op's context: its inputs and saved values
   * @param inputs the inputs, in order
   * @return the output value
   */
  Tensor forward(OpContext ctx, Tensor... inputs);

  /**
   * The gradient with respect to each input, given the gradient of the output. Entries may be
   * {@code null} for inputs that do not need one ({@link OpContext#needsGrad}).
   *
   * <p>The engine takes an input's gradient in the input's shape, or in any shape the input's
   * shape broadcasts to by NumPy's rules, whatever the output's shape: it sums the gradient over
   * the leading axes the input lacks and over the axes where the input has size 1 (a [2, 2]
   * gradient for a [2] input is summed over its rows to [2]; a [5, 3] one for a [1, 3] input to
   * [1, 3]), as PyTorch's engine does, then converts it to the input's type. So a rule may leave
   * a broadcast input's sum to the engine. Any other shape (a [3] gradient for a [2] input, a [2]
   * one for a [2, 2] input: a shape the input does not broadcast to) is refused with an {@link
   * IllegalStateException} naming the op, the input and both shapes, as is an array whose length
   * is not the number of inputs, or a {@code null} for an input that requires a gradient.
   *
   * <p>A rule may keep {@code gradOutput} and what it returns (in a list, to plot them): the
   * engine hands the gradients of the library's own rules back for reuse once no variable's
   * gradient refers to them ({@link dev.chainrule.core.Recycling}), never those a user's rule
   * was given or returned.
   *
   * <p>While the pass records a graph ({@code createGraph}), a rule given a recorded {@code
   * gradOutput} must return gradients built on it with {@code Variable} ops: a gradient that
   * does not depend on {@code gradOutput} in the recorded graph (computed on {@code
   * gradOutput.value()}, or holding it as a constant) is refused, naming the op, since
   * derivatives through it would silently miss its term. Zeros are no exception, since whether
   * such a gradient is zero may depend on the point: a piecewise-constant op's rule returns
   * {@code gradOutput.mul(0)}.
   *
   * @param ctx the op's context: its inputs and saved values
   * @param gradOutput the gradient of the final result with respect to this variable, its shape
   * @return the gradient of each input, in order (null where none is needed)
   */
  Variable[] backward(OpContext ctx, Variable gradOutput);

  /**
   * Whether the backward rule can itself be differentiated. An op that computes its backward on
   * raw tensors says {@code false}, and asking for a higher-order gradient through it is an error
   * rather than a silent zero.
   *
   * @return whether its backward rule can itself be differentiated
   */
  default boolean supportsHigherOrder() {
    return true;
  }

  /**
   * The op table's row for a built-in op (its name, formula and catalogue spec); empty for an op
   * made with {@link #of} or {@link #unary}, whose spec its author writes.
   *
   * @return the row, or empty for a user's op
   */
  default Optional<OpEntry> tableEntry() {
    return Optional.empty();
  }

  /**
   * Runs the op on variables, recording it in the graph when gradients are wanted.
   *
   * @param inputs the inputs, in order
   * @return the output, recorded in the graph
   */
  default Variable apply(Variable... inputs) {
    return Recorder.record(this, inputs);
  }

  /** The forward half of an op written as a lambda. */
  @FunctionalInterface
  interface Forward {
    /**
     * The forward computation.
     *
     * @param ctx the op's context: its inputs and saved values
     * @param inputs the inputs, in order
     * @return the output value
     */
    Tensor apply(OpContext ctx, Tensor[] inputs);
  }

  /** The backward half of an op written as a lambda. */
  @FunctionalInterface
  interface Backward {
    /**
     * The backward rule.
     *
     * @param ctx the op's context: its inputs and saved values
     * @param gradOutput the gradient of the final result with respect to this variable, its shape
     * @return the gradient of each input, in order (null where none is needed)
     */
    Variable[] apply(OpContext ctx, Variable gradOutput);
  }

  /** Forward of a one-input op. */
  @FunctionalInterface
  interface UnaryForward {
    /**
     * The forward computation of a one-input op.
     *
     * @param ctx the op's context: its inputs and saved values
     * @param input the input value
     * @return the output value
     */
    Tensor apply(OpContext ctx, Tensor input);
  }

  /** Backward of a one-input op. */
  @FunctionalInterface
  interface UnaryBackward {
    /**
     * The backward rule of a one-input op.
     *
     * @param ctx the op's context: its inputs and saved values
     * @param gradOutput the gradient of the final result with respect to this variable, its shape
     * @return the gradient of the input
     */
    Variable apply(OpContext ctx, Variable gradOutput);
  }

  /**
   * An op from a pair of lambdas, of any number of inputs (at least one: applying it to none is
   * refused, naming the op). The name, which reports and errors show, is not blank.
   *
   * @param name the name reports and graphs show
   * @param forward the forward computation, on tensors
   * @param backward the backward rule, on variables
   * @return the op
   */
  static Op of(String name, Forward forward, Backward backward) {
    return new LambdaOp(name, forward, backward, true);
  }

  /**
   * An op of a fixed number of inputs from a pair of lambdas: applying it to another number is
   * refused at the call, naming the op, where a forward that indexes its inputs would fail inside
   * with an ArrayIndexOutOfBoundsException (or ignore an extra input until a backward pass).
   *
   * @param name the name reports and graphs show
   * @param inputs how many inputs the op takes, positive
   * @param forward the forward computation, on tensors
   * @param backward the backward rule, on variables
   * @return the op
   */
  static Op of(String name, int inputs, Forward forward, Backward backward) {
    checkArgument(inputs > 0, "Op %s: an op takes at least one input, got %s", name, inputs);
    checkNotNull(forward, "Op %s: forward is null", name);
    return of(name, (ctx, in) -> {
      checkArgument(in.length == inputs, "Op %s: an op of %s inputs was applied to %s", name,
          inputs, in.length);
      return forward.apply(ctx, in);
    }, backward);
  }

  /**
   * A one-input op from a pair of lambdas.
   *
   * @param name the name reports and graphs show
   * @param forward the forward computation, on tensors
   * @param backward the backward rule, on variables
   * @return the op
   */
  static Op unary(String name, UnaryForward forward, UnaryBackward backward) {
    checkNotNull(forward, "Op.unary: forward is null");
    checkNotNull(backward, "Op.unary: backward is null");
    return of(name, (ctx, in) -> {
      // Checked here, at the call: an extra input would otherwise be ignored by the forward and
      // only be noticed by a backward pass, which inference never runs.
      checkArgument(in.length == 1, "Op %s: a one-input op (Op.unary) was applied to %s inputs",
          name, in.length);
      return forward.apply(ctx, in[0]);
    }, (ctx, g) -> new Variable[] {backward.apply(ctx, g)});
  }

  /**
   * This op, declared as having a backward rule that cannot be differentiated again.
   *
   * @return this op, marked as not differentiable twice
   */
  default Op firstOrderOnly() {
    // Everything else is this op's: its label in drawings, its row in the table.
    return new ForwardingOp.FirstOrderOnly(this);
  }

  /**
   * The op built by {@link #of}.
   *
   * @param name the label that reports, error messages and graph drawings show for the op
   * @param forwardRule computes the op's value from its inputs, recording what backward needs
   * @param backwardRule maps the output's gradient to one gradient per input
   * @param higherOrder whether the backward rule is itself built from differentiable ops, so that
   *     a second derivative can be taken through it
   */
  record LambdaOp(String name, Forward forwardRule, Backward backwardRule, boolean higherOrder)
      implements Op {
    /**
     * Checks the parts.
     *
     * @param name the name reports and graphs show
     * @param forwardRule the forward computation
     * @param backwardRule the backward rule
     * @param higherOrder whether the backward rule can be differentiated again
     */
    public LambdaOp {
      checkNotNull(name, "Op: name is null");
      // Every report and error names the op by it: an empty one read "backward of '' returned".
      checkArgument(!name.isBlank(), "Op: the name is blank (\"%s\"); reports, errors and"
          + " graph drawings name an op by it", name);
      checkNotNull(forwardRule, "Op %s: forward is null", name);
      checkNotNull(backwardRule, "Op %s: backward is null", name);
    }

    @Override
    public Tensor forward(OpContext ctx, Tensor... inputs) {
      return forwardRule.apply(ctx, inputs);
    }

    @Override
    public Variable[] backward(OpContext ctx, Variable gradOutput) {
      return backwardRule.apply(ctx, gradOutput);
    }

    @Override
    public boolean supportsHigherOrder() {
      return higherOrder;
    }
  }
}
