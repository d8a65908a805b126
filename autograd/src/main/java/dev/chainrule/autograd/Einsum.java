package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Tensors;
import dev.chainrule.core.Transpose;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * {@link Variables#einsum} built from recorded ops, as PyTorch 1.13 computes it without
 * opt_einsum: each operand's diagonals taken (a permute, a reshape and a slice with a step), the
 * labels only it has and the output lacks summed, then the operands contracted pairwise, left to
 * right, each pair in one batched matmul. Every step is a row of the op table, so gradients of
 * every order follow from theirs.
 *
 * <p>A pair is never multiplied elementwise and then summed: that would hold the outer product of
 * the two, as large as the sizes of all their labels multiplied, where the matmul holds only its
 * result. Labels of both operands that a later operand or the output needs are the matmul's batch
 * axes; labels of one only are its rows or its columns; the rest are summed by it. A pair with
 * nothing to sum is the elementwise product, broadcast, as PyTorch takes it: as a matmul it was
 * one product of 1 × 1 matrices per element, 300 times {@code mul}'s time.
 */
final class Einsum {
  private Einsum() {}

  /**
   * A variable whose axes carry dimension ids ({@link EinsumOperands}).
   *
   * @param value the variable
   * @param ids the id of each of its axes
   */
  record Labelled(Variable value, int[] ids) {
    int axis(int id) {
      return IntStream.range(0, ids.length).filter(a -> ids[a] == id).findFirst().orElse(-1);
    }

    boolean has(int id) {
      return axis(id) >= 0;
    }

    int size(int id) {
      return value.shape().dim(axis(id));
    }

    /** The same axes summed away where the predicate holds. */
    Labelled sumOut(IntPredicate summed) {
      int[] axes = IntStream.range(0, ids.length).filter(a -> summed.test(ids[a])).toArray();
      return axes.length == 0 ? this : new Labelled(value.sum(axes, false),
          Arrays.stream(ids).filter(summed.negate()).toArray());
    }

    /** The axes in the order of {@code order}, which holds each of them once. */
    Labelled permuted(int[] order) {
      int[] axes = Arrays.stream(order).map(this::axis).toArray();
      boolean same = IntStream.range(0, axes.length).allMatch(a -> axes[a] == a);
      return same ? this : new Labelled(value.permute(axes), order.clone());
    }
  }

  static Variable einsum(String equation, Variable[] operands) {
    EinsumEquation parsed = EinsumEquation.parse(equation);
    checkNotNull(operands, "einsum '%s': the operands are null", equation);
    EinsumOperands bound = EinsumOperands.bind(parsed, operands);
    int n = operands.length;
    Labelled[] terms = new Labelled[n];
    for (int i = 0; i < n; i++) {
      terms[i] = diagonals(new Labelled(operands[i], bound.ids()[i]));
    }
    int[] output = bound.output();
    for (int i = 0; i < n; i++) {
      // Summed before any product, as torch does: a label of one operand only is a sum of that
      // operand, never a row or column of a matmul.
      int self = i;
      terms[i] = terms[i].sumOut(id -> !contains(output, id) && IntStream.range(0, n)
          .noneMatch(j -> j != self && contains(bound.ids()[j], id)));
    }
    Labelled result = terms[0];
    for (int i = 1; i < n; i++) {
      int later = i + 1;
      IntPredicate kept = id -> contains(output, id) || IntStream.range(later, n)
          .anyMatch(j -> contains(bound.ids()[j], id));
      result = contract(equation, result, terms[i], kept);
    }
    return result.permuted(output).value();
  }

  /**
   * Each label repeated in the operand taken once, along the diagonal: its k axes of size d moved
   * last and flattened to d^k elements, of which those at multiples of 1 + d + ... + d^(k−1) are
   * the diagonal's. The diagonal's axis is last.
   */
  private static Labelled diagonals(Labelled x) {
    for (int id : x.ids()) {
      long copies = Arrays.stream(x.ids()).filter(i -> i == id).count();
      if (copies < 2) {
        continue;
      }
      int[] others = Arrays.stream(x.ids()).filter(i -> i != id).toArray();
      // The other axes in their order, then the label's copies: a reshape flattens those.
      int[] axes = new int[x.ids().length];
      int at = 0;
      for (int a = 0; a < x.ids().length; a++) {
        if (x.ids()[a] != id) {
          axes[at++] = a;
        }
      }
      for (int a = 0; a < x.ids().length; a++) {
        if (x.ids()[a] == id) {
          axes[at++] = a;
        }
      }
      int d = x.size(id);
      boolean same = IntStream.range(0, axes.length).allMatch(a -> axes[a] == a);
      Variable moved = same ? x.value() : x.value().permute(axes);
      int[] dims = new int[others.length + 1];
      long flat = 1;
      long step = 0;
      for (int c = 0; c < copies; c++) {
        step += flat;
        flat *= d;
      }
      for (int a = 0; a < others.length; a++) {
        dims[a] = moved.shape().dim(a);
      }
      dims[others.length] = (int) flat;
      Variable diagonal = moved.reshape(dims);
      if (d > 1) {
        diagonal = diagonal.slice(-1, 0, (int) flat, (int) step);
      }
      int[] ids = Arrays.copyOf(others, others.length + 1);
      ids[others.length] = id;
      return diagonals(new Labelled(diagonal, ids));
    }
    return x;
  }

  /**
   * The pair's product, one batched matmul: the ids both have and {@code kept} wants are batch
   * axes, those of the left only rows, of the right only columns, the others summed by it. The
   * result's axes are the batch ones, the rows, then the columns.
   */
  static Labelled contract(String equation, Labelled left, Labelled right, IntPredicate kept) {
    // A partial result may hold an id nothing later needs and the right lacks (not after the
    // operands' own sums, but cheap to be sure of): summed alone, as a product would sum it.
    Labelled l = left.sumOut(id -> !kept.test(id) && !right.has(id));
    Labelled r = right.sumOut(id -> !kept.test(id) && !left.has(id));
    int[] batch = Arrays.stream(l.ids()).filter(id -> r.has(id) && kept.test(id)).toArray();
    int[] summed = Arrays.stream(l.ids()).filter(id -> r.has(id) && !kept.test(id)).toArray();
    int[] rows = Arrays.stream(l.ids()).filter(id -> !r.has(id)).toArray();
    int[] columns = Arrays.stream(r.ids()).filter(id -> !l.has(id)).toArray();
    int[] dims = resultDims(equation, l, r, batch, rows, columns);
    if (summed.length == 0) {
      return product(l, r, columns);
    }
    // A summed label of size 1 on one side broadcasts: Σⱼ a·bⱼ = a·Σⱼ bⱼ, the other side's sum.
    Labelled a1 = summedAgainstOnes(l, r, summed);
    Labelled b1 = summedAgainstOnes(r, l, summed);
    Matrix a = Matrix.of(a1, batch, rows, summed);
    Matrix b = Matrix.of(b1, batch, summed, columns);
    Transpose mode = a.transposed()
        ? (b.transposed() ? Transpose.BOTH : Transpose.LEFT)
        : (b.transposed() ? Transpose.RIGHT : Transpose.NONE);
    Variable product = a.value().matmul(b.value(), mode);
    int[] ids = IntStream.concat(IntStream.concat(Arrays.stream(batch), Arrays.stream(rows)),
        Arrays.stream(columns)).toArray();
    return new Labelled(reshaped(product, dims), ids);
  }

  /**
   * The pair's elementwise product when it sums nothing, with l's axes in l's own order followed
   * by the columns (so that l needs no permute, and r none where it lies in l's order already):
   * r laid out in that order with 1 for the rows, broadcast against l with 1 for the columns.
   */
  private static Labelled product(Labelled l, Labelled r, int[] columns) {
    int[] ids = IntStream.concat(Arrays.stream(l.ids()), Arrays.stream(columns)).toArray();
    int[] rOrder = Arrays.stream(ids).filter(r::has).toArray();
    Labelled b = r.permuted(rOrder);
    int[] aDims = new int[ids.length];
    int[] bDims = new int[ids.length];
    for (int p = 0; p < ids.length; p++) {
      aDims[p] = l.has(ids[p]) ? l.size(ids[p]) : 1;
      bDims[p] = r.has(ids[p]) ? r.size(ids[p]) : 1;
    }
    // r's leading 1s are l's rows, which broadcasting adds itself: not reshaped in.
    int lead = 0;
    while (lead < ids.length && !r.has(ids[lead])) {
      lead++;
    }
    Variable product = reshaped(l.value(), aDims)
        .mul(reshaped(b.value(), Arrays.copyOfRange(bDims, lead, ids.length)));
    return new Labelled(product, ids);
  }

  /**
   * The pair's result dimensions, batch (broadcast), rows, columns, refused in einsum's words
   * when they hold more elements than a Java array: the matmul or the product would refuse them
   * too, but naming only its own internal shapes. The count saturates past the limit (each factor
   * is below 2^31), and an empty axis makes it 0.
   */
  private static int[] resultDims(String equation, Labelled l, Labelled r, int[] batch,
      int[] rows, int[] columns) {
    int[] dims = new int[batch.length + rows.length + columns.length];
    int at = 0;
    for (int id : batch) {
      dims[at++] = l.size(id) == 1 ? r.size(id) : l.size(id);
    }
    for (int id : rows) {
      dims[at++] = l.size(id);
    }
    for (int id : columns) {
      dims[at++] = r.size(id);
    }
    long size = 1;
    for (int d : dims) {
      size = Math.min(size * d, Tensors.LONGEST_ARRAY + 1L);
    }
    if (size > Tensors.LONGEST_ARRAY) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "einsum '%s': contracting"
          + " %s with %s gives %s, more elements than a Java array holds (%d)", equation,
          l.value().shape(), r.value().shape(), Arrays.toString(dims), Tensors.LONGEST_ARRAY));
    }
    return dims;
  }

  /**
   * x with the summed ids that are 1 in the other operand and not in x summed, kept as 1. Not 1
   * includes 0: an empty axis against 1 broadcasts to empty, a sum of nothing, 0, as in torch.
   */
  private static Labelled summedAgainstOnes(Labelled x, Labelled other, int[] summed) {
    int[] axes = Arrays.stream(summed).filter(id -> other.size(id) == 1 && x.size(id) != 1)
        .map(x::axis).toArray();
    return axes.length == 0 ? x : new Labelled(x.value().sum(axes, true), x.ids());
  }

  /**
   * An operand of the pair's matmul: [batch..., first, second] with first and second flattened,
   * or, when its axes already lie as batch, second, first, that layout and a transpose flag for
   * the matmul instead of a permuted copy.
   */
  private record Matrix(Variable value, boolean transposed) {
    static Matrix of(Labelled x, int[] batch, int[] first, int[] second) {
      int[] straight = joined(batch, first, second);
      boolean transposed = !Arrays.equals(x.ids(), straight)
          && Arrays.equals(x.ids(), joined(batch, second, first));
      Labelled laid = transposed ? x : x.permuted(straight);
      int[] dims = new int[batch.length + 2];
      for (int p = 0; p < batch.length; p++) {
        dims[p] = x.size(batch[p]);
      }
      dims[batch.length] = volume(x, transposed ? second : first);
      dims[batch.length + 1] = volume(x, transposed ? first : second);
      return new Matrix(reshaped(laid.value(), dims), transposed);
    }

    private static int[] joined(int[] a, int[] b, int[] c) {
      return IntStream.concat(IntStream.concat(Arrays.stream(a), Arrays.stream(b)),
          Arrays.stream(c)).toArray();
    }

    private static int volume(Labelled x, int[] ids) {
      return Arrays.stream(ids).map(x::size).reduce(1, (p, q) -> p * q);
    }
  }

  /** x in these dimensions, with no reshape recorded when it has them already. */
  private static Variable reshaped(Variable x, int[] dims) {
    return Arrays.equals(x.shape().dims(), dims) ? x : x.reshape(dims);
  }

  private static boolean contains(int[] ids, int id) {
    return Arrays.stream(ids).anyMatch(i -> i == id);
  }
}
