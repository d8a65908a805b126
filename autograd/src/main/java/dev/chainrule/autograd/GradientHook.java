package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.function.Consumer;

/**
 * A function of the gradient that reaches a variable in a backward pass, registered with {@link
 * Variable#registerHook}: PyTorch's {@code Tensor.register_hook}. It sees ∂L/∂v summed over every
 * use of v, once per pass, and what it returns is the gradient from then on: the one v's op's
 * backward rule receives, and for a leaf (a parameter) the one added into {@link
 * Variable#grad()}. Return the gradient given to leave it unchanged ({@link #observer} does that
 * for a hook that only looks).
 *
 * <p>The gradient is a {@link Variable}: a constant in an ordinary pass, and a recorded variable
 * when the pass records a graph ({@link Gradients.Options#creatingGraph()}), where a replacement
 * computed from it with {@code Variable} ops ({@code g.neg()}, {@code g.clamp(-1, 1)}) is
 * differentiated again like every other gradient. A replacement computed on tensors ({@code
 * Variable.constant(g.value().neg())}) or from g held as a constant would be cut off g there, and
 * every derivative taken through it would silently miss the term through g: in such a pass a
 * replacement that does not depend on the given gradient in the recorded graph is refused,
 * naming the hook, as a user's backward rule's gradient is ({@link Op#backward}), zeros too
 * (whether one computed on tensors is zero may depend on the point). A replacement meant to
 * ignore g (a constant override, zeros) is refused there too: build it from g ({@code
 * g.mul(0).add(c)}, {@code g.mul(0)}), whose derivative in g is then the 0 it should be. In an
 * ordinary pass, which records nothing, either is fine. For the same reason a hook that takes
 * gradients of values it computes (a backward or {@link Gradients#of} of its own) opens {@link
 * Autograd#enableGrad()} around them: without it they are constants, and the pass is refused.
 * A hook belongs to its variable, not to one pass: it runs in every pass whose gradient goes
 * through the variable, and the graph of a first derivative recorded that way may go through it
 * again (for y = h·x, ∂y/∂x = h is recorded through h, so its derivative meets h's hooks), as
 * PyTorch runs a tensor's hooks whenever its node runs. It does so where a backward rule read the
 * variable: rules read their op's inputs, and their op's output only where PyTorch's read its
 * result (exp, sqrt, reciprocal, tanh, sigmoid, softmax, logSoftmax, pow's exponent gradient), so
 * a hook on the output of div or standardize runs once per pass that reaches it from above, as in
 * PyTorch.
 *
 * <p>The replacement must have the variable's shape and element type, and the hook must not
 * change the gradient it is given in place (it may be another variable's gradient too, or the
 * caller's cotangent). It may keep the gradient, or return one it keeps: the engine then never
 * reuses that tensor's array, and a parameter's {@code grad()} is a copy of it. So any hook on a
 * parameter, an {@link #observer} too, makes its gradient lent: {@code grad()} is copied from it
 * in every pass, and the array that pass computed is not reused.
 */
@FunctionalInterface
public interface GradientHook {
  /**
   * The gradient to continue with.
   *
   * @param gradient ∂L/∂v, all of this pass's contributions summed, of v's shape and type
   * @return the gradient from now on: {@code gradient} itself, or a replacement of its shape and
   *     type; never null
   */
  Variable apply(Variable gradient);

  /**
   * A hook that only looks: it hands the gradient to {@code observer} and leaves it unchanged.
   * For logging a norm, counting zeros, keeping the gradient of an intermediate value.
   *
   * @param observer what to do with each gradient
   * @return a hook returning the gradient it is given
   */
  static GradientHook observer(Consumer<Variable> observer) {
    checkNotNull(observer, "GradientHook.observer: observer is null");
    return gradient -> {
      observer.accept(gradient);
      return gradient;
    };
  }
}
