package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkNotNull;
import static dev.chainrule.autograd.check.Inputs.Domain.ANY;
import static dev.chainrule.autograd.check.Samplers.shaped;

import dev.chainrule.autograd.check.Inputs;
import dev.chainrule.autograd.check.OpCase;
import dev.chainrule.autograd.check.Samplers.Shaped;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The op table's rows for selection by index tensors, which are data, never differentiated. The
 * two pairs are adjoint, so each rule is the other op (gather ↔ scatterAdd, take ↔ indexAdd) and
 * gradients of any order follow. All four take the axis first; indices may be negative, counting
 * from the end. The index is saved in the context, so changing it in place before backward is
 * caught rather than routing the gradient to the wrong elements. A rank-0 input is sampled too:
 * its axis 0 or −1 and its one index 0, as PyTorch 1.13 takes them (see core's Indexing).
 * The triangles select by position instead: each is its own adjoint, so its rule is itself.
 */
final class IndexOps {
  private IndexOps() {}

  /** The axis and the index tensor of an indexing op. */
  record Indexed(int axis, Tensor index) {
    @Override
    public String toString() {
      return "axis " + axis + ", index " + index.shape();
    }
  }

  /** The axis and index a caller gave an indexing op, which must give an index. */
  static Indexed indexed(String op, int axis, Tensor index) {
    return new Indexed(axis, checkNotNull(index, "%s: index is null", op));
  }

  static final Primitive<Indexed> GATHER = Primitive.unary("gather",
      "y[..i..] = x[..index[..i..]..] along the axis; ∂x = g scatter-added into zeros",
      (ctx, at, x) -> {
        ctx.save(at.index());
        return x.gather(at.axis(), at.index());
      },
      (ctx, at, g) -> Variable.constant(Tensors.zeros(ctx.inputShape(0), g.dtype()))
          .scatterAdd(at.axis(), ctx.saved(0), g),
      random -> {
        Shape shape = Inputs.shape(random);
        int axis = axis(random, shape);
        Shape indexShape = resized(random, shape, axis);
        Tensor index = indices(random, indexShape, shape, axis);
        return new OpCase(shape + " axis " + axis + " index " + index,
            List.of(Inputs.values(random, shape, ANY)), in -> in.get(0).gather(axis, index));
      });

  static final Primitive<Indexed> SCATTER_ADD = Primitive.of("scatterAdd",
      "y = x with source added at the indices along the axis; ∂x = g, ∂source = g gathered at"
          + " the indices",
      (ctx, at, in) -> {
        ctx.save(at.index());
        return in[0].scatterAdd(at.axis(), at.index(), in[1]);
      },
      (ctx, at, g) -> new Variable[] {
          g, ctx.needsGrad(1) ? g.gather(at.axis(), ctx.saved(0)) : null},
      random -> {
        Shape shape = Inputs.shape(random);
        int axis = axis(random, shape);
        Shape indexShape = resized(random, shape, axis);
        Tensor index = indices(random, indexShape, shape, axis);
        return new OpCase(shape + " axis " + axis + " index " + index,
            List.of(Inputs.values(random, shape, ANY), Inputs.values(random, indexShape, ANY)),
            in -> in.get(0).scatterAdd(axis, index, in.get(1)));
      });

  static final Primitive<Indexed> TAKE = Primitive.unary("take",
      "y = the slices of x at the indices along the axis, the index's shape in the axis's place;"
          + " ∂x = g index-added into zeros",
      (ctx, at, x) -> {
        ctx.save(at.index());
        return x.take(at.axis(), at.index());
      },
      (ctx, at, g) -> Variable.constant(Tensors.zeros(ctx.inputShape(0), g.dtype()))
          .indexAdd(at.axis(), ctx.saved(0), g),
      random -> {
        Shape shape = Inputs.shape(random);
        int axis = axis(random, shape);
        Tensor index = indices(random, takenIndexShape(random, shape), shape, axis);
        return new OpCase(shape + " axis " + axis + " index " + index,
            List.of(Inputs.values(random, shape, ANY)), in -> in.get(0).take(axis, index));
      });

  static final Primitive<Indexed> INDEX_ADD = Primitive.of("indexAdd",
      "y = x with the slices of source added at the indices along the axis; ∂x = g, ∂source ="
          + " take of g at the indices",
      (ctx, at, in) -> {
        ctx.save(at.index());
        return in[0].indexAdd(at.axis(), at.index(), in[1]);
      },
      (ctx, at, g) -> new Variable[] {
          g, ctx.needsGrad(1) ? g.take(at.axis(), ctx.saved(0)) : null},
      random -> {
        Shape shape = Inputs.shape(random);
        int axis = axis(random, shape);
        Tensor index = indices(random, takenIndexShape(random, shape), shape, axis);
        Shape sourceShape = Tensors.zeros(shape).take(axis, index).shape();
        return new OpCase(shape + " axis " + axis + " index " + index,
            List.of(Inputs.values(random, shape, ANY), Inputs.values(random, sourceShape, ANY)),
            in -> in.get(0).indexAdd(axis, index, in.get(1)));
      });

  static final Primitive<Integer> TRIU = Primitive.unary("triu",
      "y = x where j − i ≥ diagonal in each matrix of the last two axes, 0 elsewhere; ∂x ="
          + " triu of g",
      (ctx, diagonal, x) -> x.triu(diagonal), (ctx, diagonal, g) -> g.triu(diagonal),
      shaped(2, (r, s) -> {
        int diagonal = diagonal(r, s);
        return new Shaped("diagonal " + diagonal, x -> x.triu(diagonal));
      }));

  static final Primitive<Integer> TRIL = Primitive.unary("tril",
      "y = x where j − i ≤ diagonal in each matrix of the last two axes, 0 elsewhere; ∂x ="
          + " tril of g",
      (ctx, diagonal, x) -> x.tril(diagonal), (ctx, diagonal, g) -> g.tril(diagonal),
      shaped(2, (r, s) -> {
        int diagonal = diagonal(r, s);
        return new Shaped("diagonal " + diagonal, x -> x.tril(diagonal));
      }));

  /**
   * An axis of the shape, from the front; for rank 0 its one axis as PyTorch has it, 0 or −1
   * ({@link Inputs#reducedAxis}), so that the catalogue checks rank 0 as it checks the rest.
   */
  private static int axis(RandomGenerator random, Shape shape) {
    return shape.rank() == 0 ? Inputs.reducedAxis(random, shape) : random.nextInt(shape.rank());
  }

  /**
   * Random indices into the axis of {@code shape} that may repeat, counted from the end
   * (negative) in half the cases; a rank-0 tensor's are all 0, its one valid index.
   */
  private static Tensor indices(RandomGenerator random, Shape indexShape, Shape shape, int axis) {
    if (shape.rank() == 0) {
      return Inputs.indices(random, indexShape, 1);
    }
    int bound = shape.dim(axis);
    Tensor index = Inputs.indices(random, indexShape, bound);
    return random.nextBoolean() ? index.sub(bound) : index;
  }

  /**
   * The input's shape with the indexed axis resized to 1 to 3: gather picks that many per
   * position; for rank 0 an index of rank 0 or of rank 1 (its one axis resized).
   */
  private static Shape resized(RandomGenerator random, Shape shape, int axis) {
    if (shape.rank() == 0) {
      return random.nextBoolean() ? Shape.of() : Shape.of(random.nextInt(1, 4));
    }
    int[] dims = shape.dims();
    dims[axis] = random.nextInt(1, 4);
    return Shape.of(dims);
  }

  /**
   * A diagonal from below the first row's to past the last column's, so that a triangle of
   * everything and one of nothing are drawn too.
   */
  private static int diagonal(RandomGenerator random, Shape shape) {
    return random.nextInt(-shape.dim(-2), shape.dim(-1) + 1);
  }

  /** take's index: of rank 0 to 2; for a rank-0 tensor one element, of shape [] or [1]. */
  private static Shape takenIndexShape(RandomGenerator random, Shape shape) {
    if (shape.rank() == 0) {
      return random.nextBoolean() ? Shape.of() : Shape.of(1);
    }
    return Inputs.shape(random, 0, 2);
  }
}
