package dev.chainrule.optim.train;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Variable;
import dev.chainrule.optim.Optimizer;

/**
 * When a run's optimizer updates the parameters: in a step after backward, as PyTorch's loop
 * does, or inside backward as each gradient is complete ({@link Optimizer#updateInBackward()}).
 * Unless {@link Trainer.Builder#updateInBackward(boolean)} chooses, the trainer moves the updates
 * into backward only where that changes nothing anyone can see but the time and the last bits:
 * there, plain SGD's update goes into each dense layer's weight-gradient product and saves a
 * memory-bound pass over every weight and its gradient (7–13 % of an MNIST-sized epoch on
 * OpenBLAS), while any other optimizer's update would merely move, so it is left where it is.
 */
enum UpdateTiming {
  /** In backward where no one could tell ({@link #inBackward}), after it elsewhere. */
  AUTOMATIC,
  /** In backward, chosen: refused beside gradient clipping or a listener reading gradients. */
  IN_BACKWARD,
  /** In a step after backward, chosen. */
  AFTER_BACKWARD;

  /**
   * Whether a run with these options updates in backward. Automatically, only when:
   * <ul>
   *   <li>the optimizer's update is θ ← β·θ + α·g for every parameter at the run's first rate
   *       ({@link Optimizer#updatesLinearly()}: plain SGD), the only kind a product takes in (a
   *       run whose first rate is 0, as a per-step warm-up from 0, or with a group scaled by 0,
   *       steps after backward: only slower; so does one with weight decay on a float32
   *       parameter, whose product would round the decay factor to float32);
   *   <li>nothing reads the gradients: no clipping, and every listener's class (or a
   *       superclass) overrides {@link TrainingListener#readsGradients()} to answer false (one that
   *       inherits the answer may read them unannounced, as it could before the trainer chose);
   *   <li>anomaly detection is off, under which a failing backward must leave every weight as it
   *       was, so that the run's report describes the weights of the last good step;
   *   <li>no parameter has an update in backward of its own already.
   * </ul>
   * Then the parameters hold no gradients after the run, as under Keras's {@code fit}, whose
   * gradients never leave its training step.
   */
  boolean inBackward(TrainingOptions o) {
    return switch (this) {
      case IN_BACKWARD -> true;
      case AFTER_BACKWARD -> false;
      case AUTOMATIC -> o.clipNorm == 0 && o.clipValue == 0
          && !Autograd.isAnomalyDetectionEnabled()
          && o.listeners.stream().allMatch(UpdateTiming::declaresNoGradientReads)
          && o.optimizer.parameters().stream().noneMatch(Variable::hasUpdateInBackward)
          && o.optimizer.updatesLinearly();
    };
  }

  /** Whether {@code listener} answers {@link TrainingListener#readsGradients()} itself: false. */
  static boolean declaresNoGradientReads(TrainingListener listener) {
    try {
      Class<?> answering = listener.getClass().getMethod("readsGradients").getDeclaringClass();
      return answering != TrainingListener.class && !listener.readsGradients();
    } catch (NoSuchMethodException e) {
      throw new AssertionError("TrainingListener declares readsGradients()", e);
    }
  }
}
