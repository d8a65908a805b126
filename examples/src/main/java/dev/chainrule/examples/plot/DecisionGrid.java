package dev.chainrule.examples.plot;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.Locale;

/**
 * The classes a classifier predicts at the centres of a square grid of cells over a rectangle of
 * the plane.
 *
 * @param centres [M, 2] the cell centres, row by row from the top row (largest y), each row from
 *     left to right
 * @param classes [M] the class predicted at each centre, a whole number in [0, class count)
 */
record DecisionGrid(Tensor centres, Tensor classes) {
  /**
   * Asks {@code classifier} once, with the centres of all {@code resolution}² cells over
   * [xMin, xMax] × [yMin, yMax] as one [M, 2] batch, and checks that every answer is a class
   * index below {@code classCount}.
   */
  static DecisionGrid evaluate(Classifier classifier, double xMin, double xMax, double yMin,
      double yMax, int resolution, int classCount) {
    Tensor centres = cellCentres(xMin, xMax, yMin, yMax, resolution);
    int count = resolution * resolution;
    Tensor predicted = classifier.predict(centres);
    checkArgument(predicted != null, "decision boundary: the classifier returned null");
    checkArgument(predicted.shape().equals(Shape.of(count)),
        "decision boundary: the classifier returned %s for %s grid points; expected [%s]",
        predicted.shape(), count, count);
    int first = predicted.indexNotClass(classCount);
    if (first >= 0) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "decision boundary: the classifier predicted %s for grid point (%s, %s); expected a"
              + " class index in [0, %s)", predicted.get(first), centres.get(first, 0),
          centres.get(first, 1), classCount));
    }
    return new DecisionGrid(centres, predicted);
  }

  /** The cell centres in row order from the top (see {@link #centres}) as [resolution², 2]. */
  private static Tensor cellCentres(double xMin, double xMax, double yMin, double yMax,
      int resolution) {
    double halfWidth = (xMax - xMin) / resolution / 2;
    double halfHeight = (yMax - yMin) / resolution / 2;
    Shape square = Shape.of(resolution, resolution);
    Tensor across = Tensors.linspace(xMin + halfWidth, xMax - halfWidth, resolution)
        .reshape(1, resolution).broadcastTo(square);
    Tensor down = Tensors.linspace(yMax - halfHeight, yMin + halfHeight, resolution)
        .reshape(resolution, 1).broadcastTo(square);
    return across.stack(2, down).reshape(resolution * resolution, 2);
  }
}
