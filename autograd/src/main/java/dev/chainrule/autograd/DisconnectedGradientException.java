package dev.chainrule.autograd;

/**
 * A pass that records a graph ({@link Gradients.Options#creatingGraph()}) refused a gradient that
 * a user's code returned cut off from the recorded gradient it was given: a user's
 * backward rule ({@link Op#backward}) or a gradient hook ({@link GradientHook}) that computed on
 * tensors ({@code g.value()}), held g as a constant or ignored it. Every derivative taken through
 * such a gradient would silently miss the term through g. Its own type so that {@link
 * dev.chainrule.autograd.check.GradCheck#gradGradCheck} can report it as the wrong second
 * derivative it is, while other refusals go on as exceptions.
 */
public final class DisconnectedGradientException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  DisconnectedGradientException(String message) {
    super(message);
  }

  /**
   * This refusal as an API that ran the pass reports it: {@code context} before the message, the
   * type kept (so a caller that catches this type still does), and this as the cause.
   *
   * @param context what ran the pass, as "hessian: differentiates the backward rules, and "
   * @return the refusal in that context
   */
  public DisconnectedGradientException inContext(String context) {
    DisconnectedGradientException inContext =
        new DisconnectedGradientException(context + getMessage());
    inContext.initCause(this);
    return inContext;
  }
}
