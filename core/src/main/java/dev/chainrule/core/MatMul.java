package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.Locale;

/**
 * Matrix products with NumPy's {@code matmul} semantics: the last two axes multiply, leading axes
 * are batch axes that broadcast, a 1-D left operand is a row vector and a 1-D right operand a
 * column vector (and that axis is dropped from the result). Every product, batched or not, is one
 * or more calls to the current {@link dev.chainrule.core.gemm.Gemm}.
 */
final class MatMul {
  private MatMul() {}

  static Tensor matmul(Tensor a, Tensor b, Transpose mode) {
    checkNotNull(b, "matmul: the other tensor is null");
    checkNotNull(mode, "matmul: transpose mode is null");
    Shape as = a.shape();
    Shape bs = b.shape();
    if (as.rank() == 0 || bs.rank() == 0) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, 
          "matmul: %s x %s: operands need at least one axis", describe(as, mode.left()),
          describe(bs, mode.right())));
    }
    checkArgument(!(mode.left() && as.rank() == 1) && !(mode.right() && bs.rank() == 1),
        "matmul: %s x %s: a 1-D operand cannot be transposed", as, bs);

    int[] aMatrix = lastTwo(as, true);
    int[] bMatrix = lastTwo(bs, false);
    int m = mode.left() ? aMatrix[1] : aMatrix[0];
    int ka = mode.left() ? aMatrix[0] : aMatrix[1];
    int kb = mode.right() ? bMatrix[1] : bMatrix[0];
    int n = mode.right() ? bMatrix[0] : bMatrix[1];
    if (ka != kb) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, 
          "matmul: %s x %s: inner dimensions differ (%d vs %d)",
          describe(as, mode.left()), describe(bs, mode.right()), ka, kb));
    }

    Plan plan = Plan.of("matmul", mode, as, bs, aMatrix, bMatrix, m, n);
    DType type = DType.promote(a.dtype(), b.dtype());
    return type == DType.FLOAT64
        ? MatMulF64.multiply(a.to(type), b.to(type), mode, plan, null)
        : MatMulF32.multiply(a, b, mode, plan, null);
  }

  /**
   * target ← β·target + α·op(a)·op(b) for matrices, in place through one GEMM call: an
   * optimizer's update fused into the product that computes the gradient (θ ← θ − η·Gᵀ·x) writes
   * no gradient and makes no pass of its own. The three tensors share one type, as BLAS's do:
   * converting an operand would cost the pass the call saves.
   */
  static void addInPlace(Tensor target, double alpha, Tensor a, Tensor b, Transpose mode,
      double beta) {
    String op = "addMatmulInPlace";
    checkNotNull(a, "%s: the left operand is null", op);
    checkNotNull(b, "%s: the right operand is null", op);
    checkNotNull(mode, "%s: transpose mode is null", op);
    Shape as = a.shape();
    Shape bs = b.shape();
    checkArgument(as.rank() == 2 && bs.rank() == 2 && target.rank() == 2,
        "%s: %s += %s x %s: every operand must be a matrix", op, target.shape(),
        describe(as, mode.left()), describe(bs, mode.right()));
    int m = as.dim(mode.left() ? 1 : 0);
    int k = as.dim(mode.left() ? 0 : 1);
    int n = bs.dim(mode.right() ? 0 : 1);
    checkArgument(k == bs.dim(mode.right() ? 1 : 0) && target.shape().equals(Shape.of(m, n)),
        "%s: %s += %s x %s: shapes do not match", op, target.shape(), describe(as, mode.left()),
        describe(bs, mode.right()));
    checkArgument(a.dtype() == target.dtype() && b.dtype() == target.dtype(),
        "%s: %s += %s x %s: the operands must have the target's type (no conversion in place)",
        op, target.dtype(), a.dtype(), b.dtype());
    // BLAS reads the operands while it writes C: one array in two roles gives garbage.
    checkArgument(!target.sharesStorageWith(a) && !target.sharesStorageWith(b),
        "%s: the target %s is also an operand", op, target.shape());
    if (target.dtype() == DType.FLOAT64) {
      MatMulF64.addInPlace(target, alpha, a, b, mode, beta);
    } else {
      MatMulF32.addInPlace(target, (float) alpha, a, b, mode, (float) beta);
    }
    target.markChanged();
  }

  static Tensor tensordotRows(Tensor a, Tensor b) {
    checkNotNull(b, "tensordotRows: the other tensor is null");
    Shape as = a.shape();
    Shape bs = b.shape();
    boolean rows = as.rank() >= 1 && bs.rank() == as.rank();
    for (int axis = 0; rows && axis < as.rank() - 1; axis++) {
      rows = as.dim(axis) == bs.dim(axis);
    }
    checkArgument(rows, "tensordotRows: %s and %s need the same leading axes (rows of any length)",
        as, bs);
    int p = as.dim(-1);
    int q = bs.dim(-1);
    // Against the VM's longest array, not 2^31 - 1: a result of 2^31 - 2 elements (empty rows
    // of 2 and 2^30 - 1) passed and ended in an OutOfMemoryError that named nothing.
    checkArgument((long) p * q <= Tensors.LONGEST_ARRAY, "tensordotRows: %s and %s: the result"
        + " [%s, %s] has more elements than a Java array holds (%s)", as, bs, p, q,
        Tensors.LONGEST_ARRAY);
    int count = Shape.of(Arrays.copyOf(as.dimsView(), as.rank() - 1)).size();
    DType type = DType.promote(a.dtype(), b.dtype());
    return type == DType.FLOAT64
        ? MatMulF64.tensordotRows(a.to(type), b.to(type), count, p, q)
        : MatMulF32.tensordotRows(a, b, count, p, q);
  }

  /**
   * op(x)·op(W) + b with b broadcast to the product's rows: the GEMM adds the product into rows
   * that already hold the bias (β = 1), {@code matmul(w, mode).add(b)} in one pass and one result
   * array (to the last bit only where the small kernel sums the product first: the terms are
   * added to the bias in another order). With {@link Transpose#RIGHT} and W [out, in] this is
   * PyTorch's {@code linear}, without a transposed copy of W. A bias of another shape that
   * broadcasts is added afterwards.
   */
  static Tensor dense(Tensor x, Tensor w, Transpose mode, Tensor bias) {
    checkNotNull(bias, "dense: bias is null");
    checkNotNull(w, "dense: the weight is null");
    checkNotNull(mode, "dense: transpose mode is null");
    boolean matrices = x.rank() == 2 && w.rank() == 2;
    int m = matrices ? x.dim(mode.left() ? 1 : 0) : -1;
    int n = matrices ? w.dim(mode.right() ? 0 : 1) : -1;
    boolean biasRow = matrices && bias.rank() <= 1 && bias.size() == n
        && x.dim(mode.left() ? 0 : 1) == w.dim(mode.right() ? 1 : 0);
    if (!biasRow) {
      Tensor product = matmul(x, w, mode);
      Broadcast.checkBroadcastsTo("dense", bias.shape(), product.shape());
      return product.add(bias);
    }
    Plan plan = Plan.of("dense", mode, x.shape(), w.shape(), lastTwo(x.shape(), true),
        lastTwo(w.shape(), false), m, n);
    // The type product.add(bias) has (DType.resultOf): a rank-0 bias does not widen the
    // product, so a float64 Tensor.scalar bias left a float32 layer of one output in float64
    // while a layer of two stayed float32.
    DType product = DType.promote(x.dtype(), w.dtype());
    DType type = bias.rank() == 0 ? product : DType.promote(product, bias.dtype());
    return type == DType.FLOAT64
        ? MatMulF64.multiply(x.to(type), w.to(type), mode, plan, bias.to(type))
        : MatMulF32.multiply(x, w, mode, plan, bias.to(type));
  }

  /**
   * A product, with or without a bias and an activation. The activation goes over the product's
   * own result array, which no one else has seen, so that array needs no holder's promise to be
   * reused: relu writes over it, tanh and sigmoid hand it back to the pool.
   */
  static Tensor dense(Tensor x, Tensor w, Transpose mode, Tensor bias,
      DenseActivation activation) {
    // Named here: without a bias, matmul's own checks would name matmul.
    checkNotNull(w, "dense: the weight is null");
    checkNotNull(mode, "dense: transpose mode is null");
    Tensor z = bias == null ? matmul(x, w, mode) : dense(x, w, mode, bias);
    return activation == null ? z : Elementwise.activateUnseen(z, activation.op);
  }

  /**
   * A product's batch, planned once: how many matrices, where each operand's matrix of batch
   * element i starts, and the result's shape.
   */
  record Plan(Shape result, int batches, int m, int n, int[] aMatrix, int[] bMatrix,
      int[] aStarts, int[] bStarts) {

    /** The start of the only matrix of an operand without batch axes; never written. */
    private static final int[] FIRST_ONLY = {0};

    /**
     * The plan of {@code op}'s product of operands of shapes {@code as} and {@code bs}, or an
     * exception naming {@code op} and both operands (transposed as {@code mode} says) when the
     * result would have more elements than an array holds: the kernels count them in an int.
     */
    static Plan of(String op, Transpose mode, Shape as, Shape bs, int[] aMatrix, int[] bMatrix,
        int m, int n) {
      if (as.rank() <= 2 && bs.rank() <= 2) {
        // No batch axes (every Dense layer): one product. The general path's plan is the same
        // (MatMulPlanTest) but builds five shapes and four arrays to find that out, which on a
        // small network costs more than the product.
        Shape result = resultShape(Shape.scalar(), as.rank() == 1 ? -1 : m,
            bs.rank() == 1 ? -1 : n);
        if ((long) m * n > Tensors.LONGEST_ARRAY) {
          throw tooLarge(op, mode, as, bs, result);
        }
        return new Plan(result, 1, m, n, aMatrix, bMatrix, FIRST_ONLY, FIRST_ONLY);
      }
      return batched(op, mode, as, bs, aMatrix, bMatrix, m, n);
    }

    /** The plan of any product, batch axes broadcast; checked as {@link #of}. */
    static Plan batched(String op, Transpose mode, Shape as, Shape bs, int[] aMatrix,
        int[] bMatrix, int m, int n) {
      Shape aBatch = batchShape(as);
      Shape bBatch = batchShape(bs);
      Shape batch = aBatch.equals(bBatch) ? aBatch
          : Broadcast.shapes(op + " (batch axes)", aBatch, bBatch);
      Shape result = resultShape(batch, as.rank() == 1 ? -1 : m, bs.rank() == 1 ? -1 : n);
      // Before the batch's offsets: a batch that fits an int with matrices that make the result
      // too large would otherwise allocate its offset lists first, gigabytes for nothing.
      if (!result.fitsArray()) {
        throw tooLarge(op, mode, as, bs, result);
      }
      if (result.size() == 0 && (!batch.hasIntSize() || batch.size() > 1)) {
        // No product to take: no batch offsets (an int per batch, which for [2^31 − 1, 0, 0] ×
        // [2^31 − 1, 0, 3] asked for an array past the VM's limit) and no call per batch; a
        // batch past an int ([65536, 65536]) has no int size to ask for. A batch of one keeps
        // the plan of a product without batch axes (MatMulPlanTest).
        return new Plan(result, 0, m, n, aMatrix, bMatrix, new int[0], new int[0]);
      }
      int[] aStarts = Broadcast.offsets(batch.dimsView(), Broadcast.strides(aBatch, batch), 0);
      int[] bStarts = Broadcast.offsets(batch.dimsView(), Broadcast.strides(bBatch, batch), 0);
      return new Plan(result, batch.size(), m, n, aMatrix, bMatrix, aStarts, bStarts);
    }

    private static IllegalArgumentException tooLarge(String op, Transpose mode, Shape as,
        Shape bs, Shape result) {
      // Sized against the VM's longest array: [2, 0] x [0, 2^30 - 1] makes 2^31 - 2 elements,
      // which fit an int and ended in an OutOfMemoryError that named nothing.
      return new IllegalArgumentException(String.format(Locale.ROOT,
          "%s: %s x %s: the result %s has more elements than a Java array holds (%d)", op,
          describe(as, mode.left()), describe(bs, mode.right()), result, Tensors.LONGEST_ARRAY));
    }

    int aOffset(int i) {
      return aStarts[i] * aMatrix[0] * aMatrix[1];
    }

    /**
     * Whether the batch is one product of {@code batches · m} rows: A's matrices lie one after
     * another in batch order, untransposed, and every batch element multiplies the same matrix
     * of B (a batch of sequences through one weight, [b, t, k]·[k, n]). One call instead of one
     * per matrix, each C row the same dot products; the backend blocks the taller product
     * better, and a native one pays its call's fixed cost once.
     */
    boolean foldsIntoRows(Transpose mode) {
      if (batches < 2 || mode.left()) {
        return false;
      }
      for (int i = 0; i < batches; i++) {
        if (aStarts[i] != i || bStarts[i] != bStarts[0]) {
          return false;
        }
      }
      return true;
    }

    int bOffset(int i) {
      return bStarts[i] * bMatrix[0] * bMatrix[1];
    }
  }

  /** Rows and columns of the trailing matrix; a vector is a row (left) or a column (right). */
  private static int[] lastTwo(Shape shape, boolean left) {
    int[] dims = shape.dimsView();
    if (dims.length == 1) {
      return left ? new int[] {1, dims[0]} : new int[] {dims[0], 1};
    }
    return new int[] {dims[dims.length - 2], dims[dims.length - 1]};
  }

  private static Shape batchShape(Shape shape) {
    int[] dims = shape.dimsView();
    return Shape.of(Arrays.copyOf(dims, Math.max(0, dims.length - 2)));
  }

  /** Batch axes then {@code m, n}, leaving out a side marked −1 (it came from a vector). */
  private static Shape resultShape(Shape batch, int m, int n) {
    int[] dims = Arrays.copyOf(batch.dimsView(),
        batch.rank() + (m >= 0 ? 1 : 0) + (n >= 0 ? 1 : 0));
    int next = batch.rank();
    if (m >= 0) {
      dims[next++] = m;
    }
    if (n >= 0) {
      dims[next] = n;
    }
    return Shape.of(dims);
  }

  private static String describe(Shape shape, boolean transposed) {
    return transposed ? shape + "ᵀ" : shape.toString();
  }
}
