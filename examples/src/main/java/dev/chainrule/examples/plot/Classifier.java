package dev.chainrule.examples.plot;

import dev.chainrule.core.Tensor;

/**
 * A trained model seen as a function from points of the plane to class indices, for
 * {@link DecisionBoundaryChart#of}.
 */
@FunctionalInterface
public interface Classifier {
  /**
   * Predicts the class of every point.
   *
   * @param points [M, 2] coordinates, one point per row
   * @return [M] class indices: whole numbers in {@code [0, classes)}
   */
  Tensor predict(Tensor points);
}
