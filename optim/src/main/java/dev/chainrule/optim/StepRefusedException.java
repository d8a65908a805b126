package dev.chainrule.optim;

/**
 * An optimizer's refusal of a step whose current settings give no meaningful update (an AdamW
 * whose learning rate has grown to make η·λ ≥ 1), thrown before any parameter or state changes.
 * A refusal of the settings, told apart from the optimizer's other {@link IllegalStateException}s
 * (a model converted after the first step, say): a training loop reports this one as a run whose
 * rate ran away, with the step's place, and lets the others through as the caller's mistakes.
 */
public final class StepRefusedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what the settings are and why they give no meaningful update
   * @param cause the {@link Optimizer#checkStep()} refusal this stands for, or null
   */
  StepRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
