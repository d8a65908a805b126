package dev.chainrule.autograd.check;

import static dev.chainrule.autograd.check.Inputs.Domain.ANY;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import java.util.List;

/** Catalogue specs of the index ops; indices are drawn at random and may repeat. */
final class IndexSpecs {
  private IndexSpecs() {}

  static OpSpec gather() {
    return new OpSpec("gather", 1, true, random -> {
      Shape shape = Inputs.shape(random, 1, 3);
      int axis = random.nextInt(shape.rank());
      Shape indexShape = indexShape(shape, axis, random.nextInt(1, 4));
      Tensor index = Inputs.indices(random, indexShape, shape.dim(axis));
      return new OpCase("gather " + shape + " axis " + axis + " index " + indexShape,
          List.of(Inputs.values(random, shape, ANY)), in -> in.get(0).gather(axis, index));
    });
  }

  static OpSpec scatterAdd() {
    return new OpSpec("scatterAdd", 2, true, random -> {
      Shape shape = Inputs.shape(random, 1, 3);
      int axis = random.nextInt(shape.rank());
      Shape indexShape = indexShape(shape, axis, random.nextInt(1, 4));
      Tensor index = Inputs.indices(random, indexShape, shape.dim(axis));
      return new OpCase("scatterAdd " + shape + " axis " + axis + " index " + indexShape,
          List.of(Inputs.values(random, shape, ANY), Inputs.values(random, indexShape, ANY)),
          in -> in.get(0).scatterAdd(axis, index, in.get(1)));
    });
  }

  static OpSpec take() {
    return new OpSpec("take", 1, true, random -> {
      Shape shape = Inputs.shape(random, 1, 3);
      int axis = random.nextInt(shape.rank());
      Tensor index = Inputs.indices(random, Inputs.shape(random, 0, 2), shape.dim(axis));
      return new OpCase("take " + shape + " axis " + axis + " index " + index.shape(),
          List.of(Inputs.values(random, shape, ANY)), in -> in.get(0).take(index, axis));
    });
  }

  static OpSpec indexAdd() {
    return new OpSpec("indexAdd", 2, true, random -> {
      Shape shape = Inputs.shape(random, 1, 3);
      int axis = random.nextInt(shape.rank());
      Tensor index = Inputs.indices(random, Inputs.shape(random, 0, 2), shape.dim(axis));
      Shape sourceShape = Tensor.of(new double[shape.size()], shape.dims())
          .take(index, axis).shape();
      return new OpCase("indexAdd " + shape + " axis " + axis + " index " + index.shape(),
          List.of(Inputs.values(random, shape, ANY), Inputs.values(random, sourceShape, ANY)),
          in -> in.get(0).indexAdd(axis, index, in.get(1)));
    });
  }

  /** The input's shape with the indexed axis resized: gather picks that many per position. */
  private static Shape indexShape(Shape shape, int axis, int picks) {
    int[] dims = shape.dims();
    dims[axis] = picks;
    return Shape.of(dims);
  }
}
