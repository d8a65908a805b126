package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static dev.chainrule.autograd.check.Inputs.Domain.ANY;
import static dev.chainrule.autograd.check.Samplers.shaped;

import com.google.common.collect.ObjectArrays;
import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.autograd.check.Inputs;
import dev.chainrule.autograd.check.OpCase;
import dev.chainrule.autograd.check.OpSpec;
import dev.chainrule.autograd.check.Samplers.Shaped;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The op table's rows for operations that rearrange elements without computing on them. Each
 * backward is the inverse rearrangement or, for broadcasting and slicing, the adjoint (a sum, a
 * scatter).
 */
final class LayoutOps {
  private LayoutOps() {}

  /** Dimensions or an axis order, printed as a list. */
  record Dims(int[] values) {
    @Override
    public String toString() {
      return Arrays.toString(values);
    }
  }

  /** Python's {@code [start:end:step]} along an axis. */
  record Range(int axis, int start, int end, int step) {}

  /**
   * Float32 → float64 is exact and float64 → float32 rounds, so the derivative is the identity up
   * to that rounding. The spec goes through float32 and back: that rounds x ± h by up to
   * 2⁻²⁴·|x| ≈ 2e-7 (|x| ≤ 3), which divided by the 2h = 0.02 of a step of 0.01 leaves about
   * 1e-5, inside a tolerance of 1e-4, while a wrong rule (a lost factor, a sign) is off by at
   * least 1. The default step of 1e-6 would drown in that rounding.
   */
  static final Primitive<DType> TO = Primitive.<DType>unary("to",
      "y = x in another element type; ∂x = g in x's type",
      (ctx, dtype, x) -> x.to(dtype), (ctx, dtype, g) -> g.to(ctx.input(0).dtype()),
      shaped(0, (r, s) -> new Shaped("float32 and back",
          x -> x.to(DType.FLOAT32).to(DType.FLOAT64))))
      .checkedWith(GradCheck.Options.defaults().withEps(1e-2).withTolerances(1e-4, 1e-4));

  static final Primitive<Dims> RESHAPE = Primitive.unary("reshape",
      "y = x in a new shape (one dimension may be −1, inferred); ∂x = g in x's shape",
      (ctx, dims, x) -> x.reshape(dims.values()),
      (ctx, dims, g) -> g.reshape(ctx.inputShape(0)),
      shaped(0, (r, s) -> {
        int[] target = r.nextBoolean() ? new int[] {-1} : reversed(s.dims());
        return r.nextBoolean() ? new Shaped(Arrays.toString(target), x -> x.reshape(target))
            : new Shaped("Shape " + Arrays.toString(target),
                x -> x.reshape(x.value().reshape(target).shape()));
      }));

  static final Primitive<Integer> SQUEEZE = Primitive.unary("squeeze",
      "y = x without a size-1 axis; ∂x = g in x's shape",
      (ctx, axis, x) -> x.squeeze(axis), (ctx, axis, g) -> g.reshape(ctx.inputShape(0)),
      shaped(0, (r, s) -> {
        if (s.rank() == 0 && r.nextBoolean()) {
          // PyTorch's rank-0 axis 0 or −1: the value itself, a rank-0 gradient.
          int axis = Inputs.reducedAxis(r, s);
          return new Shaped("rank 0, axis " + axis, x -> x.squeeze(axis));
        }
        int axis = r.nextInt(s.rank() + 1);
        return r.nextBoolean() ? new Shaped("axis " + axis, x -> x.unsqueeze(axis).squeeze(axis))
            : new Shaped("all size-1 axes", Variable::squeeze);
      }));

  static final Primitive<Integer> UNSQUEEZE = Primitive.unary("unsqueeze",
      "y = x with a new size-1 axis; ∂x = g in x's shape",
      (ctx, axis, x) -> x.unsqueeze(axis), (ctx, axis, g) -> g.reshape(ctx.inputShape(0)),
      shaped(0, (r, s) -> {
        int axis = r.nextInt(-s.rank() - 1, s.rank() + 1);
        return new Shaped("axis " + axis, x -> x.unsqueeze(axis));
      }));

  static final Primitive<Dims> PERMUTE = Primitive.unary("permute",
      "y = x with its axes reordered (axis i of y is axis order[i] of x); ∂x = g in the inverse"
          + " order",
      (ctx, order, x) -> x.permute(order.values()),
      (ctx, order, g) -> {
        int[] inverse = new int[order.values().length];
        for (int i = 0; i < inverse.length; i++) {
          inverse[Math.floorMod(order.values()[i], inverse.length)] = i;
        }
        return g.permute(inverse);
      },
      shaped(1, (r, s) -> {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < s.rank(); i++) {
          order.add(i);
        }
        Collections.shuffle(order, new Random(r.nextLong()));
        int[] axes = order.stream().mapToInt(Integer::intValue).toArray();
        return new Shaped(Arrays.toString(axes), x -> x.permute(axes));
      }));

  static final OpEntry TRANSPOSE = OpEntry.composite("transpose",
      "y = x with two axes swapped, computed as a permute; ∂x = g with them swapped back",
      shaped(0, (r, s) -> {
        int rank = Math.max(1, s.rank());  // rank 0: its one axis, as 0 and −1, with itself
        int a = r.nextInt(rank);
        int b = r.nextInt(rank) - rank;
        return new Shaped(a + "," + b, x -> x.transpose(a, b));
      }));

  static final Primitive<Shape> BROADCAST_TO = Primitive.unary("broadcastTo",
      "y = x broadcast to a shape; ∂x = g summed back to x's shape",
      (ctx, shape, x) -> x.broadcastTo(shape), (ctx, shape, g) -> g.sumTo(ctx.inputShape(0)),
      broadcasting(true));

  static final Primitive<Shape> SUM_TO = Primitive.unary("sumTo",
      "y = x summed down to a shape it broadcasts from; ∂x = g broadcast back to x's shape",
      (ctx, shape, x) -> x.sumTo(shape), (ctx, shape, g) -> g.broadcastTo(ctx.inputShape(0)),
      broadcasting(false));

  static final Primitive<Range> SLICE = Primitive.unary("slice",
      "y = x[start:end:step] along an axis (Python's bounds); ∂x = g between zeros (step 1) or"
          + " added into zeros at the taken positions",
      (ctx, s, x) -> x.slice(s.axis(), s.start(), s.end(), s.step()),
      (ctx, s, g) -> {
        Shape shape = ctx.inputShape(0);
        int a = shape.normalizeAxis("slice", s.axis());
        int length = shape.dim(a);
        int from = Math.min(Math.max(s.start() < 0 ? s.start() + length : s.start(), 0), length);
        if (s.step() == 1) {
          return between(g, shape, a, from);
        }
        Tensor positions = Tensors.arange(from, from + (double) g.shape().dim(a) * s.step(),
            s.step());
        return Variable.constant(Tensors.zeros(shape, g.dtype())).indexAdd(a, positions, g);
      },
      shaped(1, (r, s) -> {
        // Drawn again until the slice takes an element: GradCheck refuses an empty output, a
        // check of nothing (and it never ran the rule of an empty slice: no output to seed).
        while (true) {
          int axis = r.nextInt(s.rank());
          int start = r.nextInt(-3, 3);
          int end = r.nextInt(-2, 4);
          int step = r.nextInt(1, 3);
          if (Tensors.zeros(s).slice(axis, start, end, step).size() > 0) {
            return new Shaped(axis + ":" + start + ":" + end + ":" + step,
                x -> x.slice(axis, start, end, step));
          }
        }
      }));

  /**
   * g with zeros before and after it along axis a, to fill {@code shape}: a step-1 slice's
   * gradient as a concat, which copies g's blocks once. It was an indexAdd of g into zeros (an
   * arange of positions, a clone of the zeros, an add per element): a slice's backward along axis
   * 1 of 512² took 7.7 ns per element (float64) against PyTorch's 0.54. Concat's rule slices the
   * second-order gradient back out, so the rule stays differentiable.
   */
  private static Variable between(Variable g, Shape shape, int a, int from) {
    int after = shape.dim(a) - from - g.shape().dim(a);
    List<Variable> parts = new ArrayList<>(3);
    if (from > 0) {
      parts.add(Variable.constant(Tensors.zeros(resized(shape, a, from), g.dtype())));
    }
    parts.add(g);
    if (after > 0) {
      parts.add(Variable.constant(Tensors.zeros(resized(shape, a, after), g.dtype())));
    }
    return parts.size() == 1 ? g : concat(a, parts.toArray(new Variable[0]));
  }

  private static Shape resized(Shape shape, int axis, int size) {
    int[] dims = shape.dims();
    dims[axis] = size;
    return Shape.of(dims);
  }

  static final Primitive<Integer> CONCAT = Primitive.of("concat",
      "y = the parts joined along an axis; ∂partᵢ = the matching slice of g",
      (ctx, axis, in) -> Tensors.concat(axis, in),
      (ctx, axis, g) -> {
        Variable[] grads = new Variable[ctx.inputCount()];
        int offset = 0;
        for (int i = 0; i < grads.length; i++) {
          int size = ctx.inputShape(i).dim(axis);
          if (ctx.needsGrad(i)) {
            grads[i] = g.slice(axis, offset, offset + size);
          }
          offset += size;
        }
        return grads;
      },
      random -> {
        Shape a = Inputs.shape(random, 1, 3);
        int axis = random.nextInt(a.rank());
        int[] dims = a.dims();
        dims[axis] = random.nextInt(1, 4);
        Shape b = Shape.of(dims);
        return new OpCase(a + " " + b + " axis " + axis,
            List.of(Inputs.values(random, a, ANY), Inputs.values(random, b, ANY)),
            in -> in.get(0).concat(axis, in.get(1)));
      });

  // A primitive on core's stack, which writes each part once into the result: composed of
  // unsqueezed copies and a concat, a stack held twice its result at its peak.
  static final Primitive<Integer> STACK = Primitive.of("stack",
      "y = the parts stacked along a new axis; ∂partᵢ = g's slice i along that axis",
      (ctx, axis, in) -> Tensors.stack(axis, in),
      (ctx, axis, g) -> {
        int at = axis < 0 ? axis + g.rank() : axis;
        Variable[] grads = new Variable[ctx.inputCount()];
        for (int i = 0; i < grads.length; i++) {
          if (ctx.needsGrad(i)) {
            grads[i] = g.slice(at, i, i + 1).squeeze(at);
          }
        }
        return grads;
      },
      random -> {
        Shape shape = Inputs.shape(random);
        int rank = shape.rank() + 1;
        int axis = random.nextInt(-rank, rank);
        return new OpCase(shape + " x2 axis " + axis,
            List.of(Inputs.values(random, shape, ANY), Inputs.values(random, shape, ANY)),
            in -> in.get(0).stack(axis, in.get(1)));
      });

  /** Between a shape and one it broadcasts from, the target given as a Shape or as ints. */
  private static OpSpec.Sampler broadcasting(boolean up) {
    return random -> {
      Shape full = Inputs.shape(random);
      Shape small = Inputs.derived(random, full);
      Shape target = up ? full : small;
      boolean ints = random.nextBoolean();
      return new OpCase(small + (up ? " -> " : " <- ") + full + (ints ? " as ints" : ""),
          List.of(Inputs.values(random, up ? small : full, ANY)), in -> up
              ? (ints ? in.get(0).broadcastTo(target.dims()) : in.get(0).broadcastTo(target))
              : (ints ? in.get(0).sumTo(target.dims()) : in.get(0).sumTo(target)));
    };
  }

  private static int[] reversed(int[] dims) {
    int[] out = new int[dims.length];
    for (int i = 0; i < dims.length; i++) {
      out[i] = dims[dims.length - 1 - i];
    }
    return out;
  }

  static Variable transpose(Variable x, int axis1, int axis2) {
    int a = x.shape().wrapAxis("transpose", axis1);
    int b = x.shape().wrapAxis("transpose", axis2);
    int[] order = IntStream.range(0, x.rank()).toArray();
    if (order.length == 0) {
      return x.permute(order);  // rank 0: its one axis swapped with itself, as in PyTorch
    }
    order[a] = b;
    order[b] = a;
    return x.permute(order);
  }

  /** The receiver of {@code x.concat(axis, others)} (or stack) followed by the others. */
  static Variable[] withFirst(String op, Variable first, Variable[] others) {
    checkNotNull(others, "%s: the other variables are null", op);
    return ObjectArrays.concat(first, others);
  }

  /** {@link Variables#concat}: the parts checked, then the row applied. */
  static Variable concat(int axis, Variable[] parts) {
    checkNotNull(parts, "concat: variables are null");
    checkArgument(parts.length > 0, "concat: needs at least one tensor");
    // Named here as stack and Tensor's concat name a part: the op's own check says "input".
    for (int i = 0; i < parts.length; i++) {
      if (parts[i] == null) {
        throw new NullPointerException("concat: variable " + i + " is null");
      }
    }
    return CONCAT.apply(axis, parts);
  }

  static Variable stack(int axis, Variable[] parts) {
    checkNotNull(parts, "stack: variables are null");
    checkArgument(parts.length > 0, "stack: needs at least one tensor");
    // Checked here to name a variable, as Tensor's stack names a tensor; the new axis may also
    // follow the last one.
    int rank = checkNotNull(parts[0], "stack: variable 0 is null").rank() + 1;
    checkArgument(axis >= -rank && axis < rank, "stack: axis %s out of range for stacking"
        + " tensors of shape %s (a new axis in [%s, %s))", axis, parts[0].shape(), -rank, rank);
    for (int i = 0; i < parts.length; i++) {
      Variable part = checkNotNull(parts[i], "stack: variable %s is null", i);
      checkArgument(part.shape().equals(parts[0].shape()), "stack: shapes %s and %s differ",
          parts[0].shape(), part.shape());
    }
    return STACK.apply(axis, parts);
  }
}
