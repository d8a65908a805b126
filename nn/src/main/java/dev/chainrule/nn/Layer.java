package dev.chainrule.nn;

import dev.chainrule.autograd.Variable;

/**
 * Anything that maps a batch to a batch: a {@link Module} (which may hold parameters) or a
 * parameterless function such as an {@link Activation}. {@link Sequential} chains layers of
 * either kind.
 */
@FunctionalInterface
public interface Layer {
  /**
   * The output for a batch of inputs (rows are samples).
   *
   * @param input [batch, features]
   * @return the output, a graph node when recording
   */
  Variable forward(Variable input);
}
