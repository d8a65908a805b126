package dev.chainrule.autograd.check;

import static dev.chainrule.autograd.check.Inputs.Domain.ANY;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Transpose;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/** Catalogue specs of reductions, shape and index ops, matrix products and softmax. */
final class StructuralSpecs {
  private StructuralSpecs() {}

  private interface Reduction {
    Variable apply(Variable x, int[] axes, boolean keepDims);
  }

  static List<OpSpec> all() {
    return List.of(
        reduction("sum", false, (x, axes, keep) -> axes == null ? x.sum() : x.sum(axes, keep)),
        reduction("mean", false, (x, axes, keep) -> axes == null ? x.mean() : x.mean(axes, keep)),
        reduction("max", true, (x, axes, keep) -> axes == null ? x.max() : x.max(axes, keep)),
        reduction("min", true, (x, axes, keep) -> axes == null ? x.min() : x.min(axes, keep)),
        reduction("logSumExp", false,
            (x, axes, keep) -> axes == null ? x.logSumExp() : x.logSumExp(axes, keep)),
        reduction("variance", false,
            (x, axes, keep) -> axes == null ? x.variance() : x.variance(axes, keep)),
        unary("reshape", 0, (r, s) -> {
          int[] target = r.nextBoolean() ? new int[] {-1} : reverse(s.dims());
          return new Shaped(Arrays.toString(target), x -> x.reshape(target));
        }),
        unary("transpose", 1, (r, s) -> {
          int a = r.nextInt(s.rank());
          int b = r.nextInt(s.rank()) - s.rank();
          return new Shaped(a + "," + b, x -> x.transpose(a, b));
        }),
        unary("permute", 1, (r, s) -> {
          List<Integer> order = new ArrayList<>();
          for (int i = 0; i < s.rank(); i++) {
            order.add(i);
          }
          Collections.shuffle(order, new java.util.Random(r.nextLong()));
          int[] axes = order.stream().mapToInt(Integer::intValue).toArray();
          return new Shaped(Arrays.toString(axes), x -> x.permute(axes));
        }),
        unary("unsqueeze", 0, (r, s) -> {
          int axis = r.nextInt(s.rank() + 1);
          return new Shaped("axis " + axis, x -> x.unsqueeze(axis));
        }),
        unary("squeeze", 0, (r, s) -> {
          int axis = r.nextInt(s.rank() + 1);
          return new Shaped("axis " + axis, x -> x.unsqueeze(axis).squeeze(axis));
        }),
        unary("slice", 1, (r, s) -> {
          int axis = r.nextInt(s.rank());
          int start = r.nextInt(-3, 3);
          int end = r.nextInt(-2, 4);
          int step = r.nextInt(1, 3);
          return new Shaped(axis + ":" + start + ":" + end + ":" + step,
              x -> x.slice(axis, start, end, step));
        }),
        broadcasting("broadcastTo", true),
        broadcasting("sumTo", false),
        concat(),
        IndexSpecs.gather(), IndexSpecs.scatterAdd(), IndexSpecs.take(), IndexSpecs.indexAdd(),
        matmul(), dense(),
        unary("softmax", 1, (r, s) -> {
          int axis = r.nextInt(s.rank());
          return new Shaped("axis " + axis, x -> x.softmax(axis));
        }),
        softmaxCrossEntropy(),
        unary("logSoftmax", 1, (r, s) -> {
          int axis = r.nextInt(s.rank()) - s.rank();
          return new Shaped("axis " + axis, x -> x.logSoftmax(axis));
        }),
        conversion());
  }

  /**
   * {@code to}, through float32 and back. The round trip rounds x ± h to float (at most
   * 2⁻²⁴·|x| ≈ 2e-7 for |x| ≤ 3), which divided by the 2h = 0.02 of a step of 0.01 leaves an error
   * of about 1e-5: inside a tolerance of 1e-4, while a wrong rule (a lost factor, a sign) is off by
   * at least 1. The default step of 1e-6 would drown in that rounding.
   */
  private static OpSpec conversion() {
    return unary("to", 0, (r, s) -> new Shaped("float32 and back",
        x -> x.to(DType.FLOAT32).to(DType.FLOAT64)))
        .withOptions(GradCheck.Options.defaults().withEps(1e-2).withTolerances(1e-4, 1e-4));
  }

  /** A function of one variable with the parameters it was drawn with. */
  record Shaped(String parameters, java.util.function.UnaryOperator<Variable> op) {}

  private interface ShapedSampler {
    Shaped sample(RandomGenerator random, Shape shape);
  }

  private static OpSpec unary(String name, int minRank, ShapedSampler sampler) {
    return new OpSpec(name, 1, true, random -> {
      Shape shape = Inputs.shape(random, minRank, 3);
      Shaped f = sampler.sample(random, shape);
      return new OpCase(name + " " + shape + " " + f.parameters(),
          List.of(Inputs.values(random, shape, ANY)), in -> f.op().apply(in.get(0)));
    });
  }

  private static OpSpec reduction(String name, boolean distinct, Reduction op) {
    return new OpSpec(name, 1, true, random -> {
      Shape shape = Inputs.shape(random);
      int[] axes = random.nextInt(4) == 0 ? null : Inputs.axes(random, shape);
      boolean keep = random.nextBoolean();
      Tensor x = distinct ? Inputs.distinct(random, shape) : Inputs.values(random, shape, ANY);
      return new OpCase(name + " " + shape + " axes " + Arrays.toString(axes) + " keep " + keep,
          List.of(x), in -> op.apply(in.get(0), axes, keep));
    });
  }

  private static OpSpec broadcasting(String name, boolean up) {
    return new OpSpec(name, 1, true, random -> {
      Shape full = Inputs.shape(random);
      Shape small = Inputs.derived(random, full);
      Shape from = up ? small : full;
      return new OpCase(name + " " + small + " <-> " + full,
          List.of(Inputs.values(random, from, ANY)),
          in -> up ? in.get(0).broadcastTo(full) : in.get(0).sumTo(small));
    });
  }

  private static OpSpec concat() {
    return new OpSpec("concat", 2, true, random -> {
      Shape a = Inputs.shape(random, 1, 3);
      int axis = random.nextInt(a.rank());
      int[] dims = a.dims();
      dims[axis] = random.nextInt(1, 4);
      Shape b = Shape.of(dims);
      return new OpCase("concat " + a + " " + b + " axis " + axis,
          List.of(Inputs.values(random, a, ANY), Inputs.values(random, b, ANY)),
          in -> Variable.concat(axis, in.get(0), in.get(1)));
    });
  }

  /** Every transpose mode, batch axes that broadcast, and vector operands. */
  private static OpSpec matmul() {
    return new OpSpec("matmul", 2, true, random -> {
      int m = random.nextInt(1, 4);
      int k = random.nextInt(1, 4);
      int n = random.nextInt(1, 4);
      Transpose mode = Transpose.values()[random.nextInt(4)];
      Shape[] batch = random.nextInt(3) == 0 ? new Shape[] {Shape.of(), Shape.of()}
          : Inputs.broadcastingShapes(random, 2);
      Shape a = random.nextInt(6) == 0 && !mode.left() ? Shape.of(k)
          : withMatrix(batch[0], mode.left() ? k : m, mode.left() ? m : k);
      Shape b = random.nextInt(6) == 0 && !mode.right() ? Shape.of(k)
          : withMatrix(batch[1], mode.right() ? n : k, mode.right() ? k : n);
      return new OpCase("matmul " + a + " " + b + " " + mode,
          List.of(Inputs.values(random, a, ANY), Inputs.values(random, b, ANY)),
          in -> in.get(0).matmul(in.get(1), mode));
    });
  }

  private static OpSpec dense() {
    return new OpSpec("dense", 3, true, random -> {
      int rows = random.nextInt(1, 4);
      int in = random.nextInt(1, 4);
      int out = random.nextInt(1, 4);
      return new OpCase("dense " + rows + "x" + in + " -> " + out,
          List.of(Inputs.values(random, Shape.of(rows, in), ANY),
              Inputs.values(random, Shape.of(in, out), ANY),
              Inputs.values(random, Shape.of(out), ANY)),
          v -> Variable.dense(v.get(0), v.get(1), v.get(2)));
    });
  }

  /** Logits against one-hot rows or arbitrary non-negative target mass, mean or sum. */
  private static OpSpec softmaxCrossEntropy() {
    return new OpSpec("softmaxCrossEntropy", 1, true, random -> {
      Shape shape = Inputs.shape(random, 1, 3);
      boolean mean = random.nextBoolean();
      boolean oneHot = random.nextBoolean();
      Tensor targets = oneHot
          ? dev.chainrule.core.Tensors.oneHot(
              Inputs.indices(random, Shape.of(shape.size() / shape.dim(-1)), shape.dim(-1)),
              shape.dim(-1)).reshape(shape.dims())
          : Inputs.values(random, shape, Inputs.Domain.POSITIVE);
      return new OpCase("softmaxCrossEntropy " + shape + (oneHot ? " one-hot" : " soft")
          + (mean ? " mean" : " sum"), List.of(Inputs.values(random, shape, ANY)),
          in -> in.get(0).softmaxCrossEntropy(targets, mean));
    });
  }

  static Shape withMatrix(Shape batch, int rows, int cols) {
    int[] dims = Arrays.copyOf(batch.dims(), batch.rank() + 2);
    dims[batch.rank()] = rows;
    dims[batch.rank() + 1] = cols;
    return Shape.of(dims);
  }

  private static int[] reverse(int[] dims) {
    int[] out = new int[dims.length];
    for (int i = 0; i < dims.length; i++) {
      out[i] = dims[dims.length - 1 - i];
    }
    return out;
  }
}
