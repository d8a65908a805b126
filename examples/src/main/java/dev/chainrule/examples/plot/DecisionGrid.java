package dev.chainrule.examples.plot;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.Locale;

/**
 * The classes a classifier predicts on a square grid of cells over a rectangle of the plane.
 *
 * @param x the horizontal extent of the grid
 * @param y the vertical extent of the grid
 * @param resolution cells along each side
 * @param classes the predicted class of each cell, row by row from the top row (largest y), each
 *     row from left to right: the order of an image's pixels
 */
record DecisionGrid(Range x, Range y, int resolution, int[] classes) {
  DecisionGrid {
    classes = classes.clone();
  }

  @Override
  public int[] classes() {
    return classes.clone();
  }

  /** The class of the cell in row {@code row} (from the top) and column {@code column}. */
  int classAt(int row, int column) {
    return classes[row * resolution + column];
  }

  /**
   * Asks {@code classifier} once, with the centres of all {@code resolution}² cells as one [M, 2]
   * batch, and checks that every answer is a class index below {@code classCount}.
   */
  static DecisionGrid evaluate(Classifier classifier, Range x, Range y, int resolution,
      int classCount) {
    Tensor centres = cellCentres(x, y, resolution);
    int count = resolution * resolution;
    Tensor predicted = classifier.predict(centres);
    checkArgument(predicted != null, "decision boundary: the classifier returned null");
    checkArgument(predicted.shape().equals(Shape.of(count)),
        "decision boundary: the classifier returned %s for %s grid points; expected [%s]",
        predicted.shape(), count, count);
    double[] values = predicted.toArray();
    int[] classes = new int[count];
    for (int i = 0; i < count; i++) {
      double v = values[i];
      if (!(v == Math.rint(v) && v >= 0 && v < classCount)) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "decision boundary: the classifier predicted %s for grid point (%s, %s); expected a"
                + " class index in [0, %s)", v, centres.get(i, 0), centres.get(i, 1), classCount));
      }
      classes[i] = (int) v;
    }
    return new DecisionGrid(x, y, resolution, classes);
  }

  /** The cell centres in image order (see {@link #classes}) as [resolution², 2]. */
  private static Tensor cellCentres(Range x, Range y, int resolution) {
    double halfWidth = x.span() / resolution / 2;
    double halfHeight = y.span() / resolution / 2;
    Shape square = Shape.of(resolution, resolution);
    Tensor across = Tensors.linspace(x.min() + halfWidth, x.max() - halfWidth, resolution)
        .reshape(1, resolution).broadcastTo(square);
    Tensor down = Tensors.linspace(y.max() - halfHeight, y.min() + halfHeight, resolution)
        .reshape(resolution, 1).broadcastTo(square);
    return Tensor.stack(2, across, down).reshape(resolution * resolution, 2);
  }
}
