package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static dev.chainrule.autograd.check.Inputs.Domain.ANY;

import dev.chainrule.autograd.check.Inputs;
import dev.chainrule.autograd.check.OpCase;
import dev.chainrule.core.DenseActivation;
import dev.chainrule.core.Recycling;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Transpose;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The op table's matrix products. Each backward is two more products through the same GEMM seam,
 * with transpose flags instead of materialized transposes (matmul's, {@link MatmulGradient}).
 * Batch axes that were broadcast are summed back by the engine.
 */
final class LinearOps {
  private LinearOps() {}

  /** einsum's formula, which {@link Variables#einsum}'s Javadoc shows. */
  static final String EINSUM_FORMULA = "y = Σ over the labels the output lacks of the product"
      + " of the operands' elements at each assignment of the labels, computed as diagonals"
      + " (a slice with a step), sums and one batched matmul per pair of operands, left to"
      + " right; ∂ follows from those rows";

  /** A 1-D operand is made a matrix by {@link Variable#matmul}, so the rules see matrices only. */
  static final Primitive<Transpose> MATMUL = Primitive.of("matmul",
      "C = op(A)·op(B), op transposing the last two axes as the mode says; A·B: ∂A = G·Bᵀ,"
          + " ∂B = Aᵀ·G; Aᵀ·B: ∂A = B·Gᵀ, ∂B = A·G; A·Bᵀ: ∂A = G·B, ∂B = Gᵀ·A; Aᵀ·Bᵀ: ∂A = Bᵀ·Gᵀ,"
          + " ∂B = Gᵀ·Aᵀ",
      (ctx, mode, in) -> in[0].matmul(in[1], mode),
      (ctx, mode, g) -> {
        Variable a = ctx.input(0);
        Variable b = ctx.input(1);
        boolean da = ctx.needsGrad(0);
        boolean db = ctx.needsGrad(1);
        if (!Autograd.isGradEnabled() && a.rank() >= 3 && b.rank() == 2 && !mode.left()) {
          // A batch through one matrix B (a sequence layer's weight): a first-order pass takes
          // B's gradient summed over the batch as one product of the rows, not one per batch
          // element summed afterwards, and A's through the forward's folded product.
          Tensor gv = g.value();
          Tensor bv = b.value();
          return new Variable[] {
              da ? Variable.constant(mode.right() ? gv.matmul(bv) : gv.matmul(bv, Transpose.RIGHT))
                  : null,
              db ? Variable.constant(mode.right() ? gv.tensordotRows(a.value())
                  : a.value().tensordotRows(gv)) : null};
        }
        if (!Autograd.isGradEnabled() && a.rank() == 2 && b.rank() == 2) {
          Variable[] updating = MatmulGradient.updatingOneOperand(ctx, mode, g.value());
          if (updating != null) {
            return updating;
          }
        }
        return new Variable[] {
            da ? MatmulGradient.of(0, mode).of(a, b, g) : null,
            db ? MatmulGradient.of(1, mode).of(a, b, g) : null};
      },
      random -> {
        // Every transpose mode, batch axes that broadcast, and vector operands.
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
        return new OpCase(a + " " + b + " " + mode,
            List.of(Inputs.values(random, a, ANY), Inputs.values(random, b, ANY)),
            in -> in.get(0).matmul(in.get(1), mode));
      });

  /**
   * Composed in {@link Einsum}: diagonals, sums and one batched matmul per pair of operands, so
   * its derivatives of every order are theirs. The cases ({@link EinsumCases}) draw one to three
   * operands, diagonals, ellipses that broadcast, size-1 labels and implicit outputs.
   */
  static final OpEntry EINSUM = OpEntry.composite("einsum", EINSUM_FORMULA,
      EinsumCases::sample);

  /**
   * x [n, in], W [out, in], b [out] or none, and an activation or none: one fused node, the bias
   * added into the product, and a dense layer's activation applied to it. The activation's
   * derivative is read from the output y, so neither the product before it nor a node for it is
   * kept (see {@link DenseActivation}). Pre-activations stay 0.3 away from ReLU's kink, where a
   * central difference would straddle it.
   */
  static final Primitive<DenseActivation> LINEAR = Primitive.<DenseActivation>of("linear",
      "y = x·Wᵀ + b for rows x [n, in], W [out, in] (PyTorch's layout), b [out]; ∂x = G·W,"
          + " ∂W = Gᵀ·x, ∂b = Σ over rows of G; with an activation f (relu, tanh or σ),"
          + " y = f(x·Wᵀ + b) and G is g·[y > 0] (g where y is NaN, as relu's),"
          + " g·(1 − y²) or g·y·(1 − y)",
      (ctx, activation, in) ->
          in[0].dense(in[1], Transpose.RIGHT, in.length == 3 ? in[2] : null, activation),
      (ctx, activation, g) -> {
        if (activation == null) {
          return linearGradients(ctx, g, null);
        }
        if (!Autograd.isGradEnabled()) {
          // The product's gradient is this rule's own temporary: handed back once the linear
          // rule has made its results, the next kernel writes into warm memory (see Recycling).
          Tensor productGradient;
          Tensor biasGradient = null;
          if (ctx.inputCount() == 3 && ctx.needsGrad(2)) {
            DenseActivation.Gradients both =
                activation.gradients(g.value(), ctx.output().value());
            productGradient = both.product();
            biasGradient = both.bias();
          } else {
            productGradient = activation.inputGradient(g.value(), ctx.output().value());
          }
          Variable[] grads =
              linearGradients(ctx, Variable.constant(productGradient), biasGradient);
          Recycling.recycleTemporary(productGradient);
          return grads;
        }
        return linearGradients(ctx, recordedProductGradient(ctx, activation, g), null);
      },
      random -> {
        int pick = random.nextInt(DenseActivation.values().length + 1);
        DenseActivation activation = pick == 0 ? null : DenseActivation.values()[pick - 1];
        int rows = random.nextInt(1, 4);
        int in = random.nextInt(1, 4);
        int out = random.nextInt(1, 4);
        boolean bias = random.nextInt(4) > 0;
        List<Tensor> values;
        do {
          values = new ArrayList<>(List.of(
              Inputs.values(random, Shape.of(rows, in), ANY),
              Inputs.values(random, Shape.of(out, in), ANY)));
          if (bias) {
            values.add(Inputs.values(random, Shape.of(out), ANY));
          }
        } while (activation == DenseActivation.RELU && nearKink(values));
        return new OpCase(rows + "x" + in + " -> " + out + (bias ? "" : " no bias")
            + (activation == null ? "" : ", " + activation), values,
            v -> Variable.linear(v.get(0), v.get(1), bias ? v.get(2) : null, activation));
      }).labelled(activation -> activation == null ? "linear" : "linear + " + activation);

  /**
   * linear's rule from the gradient with respect to its result. A first-order pass records
   * nothing, so the same products and sum run on tensors: the linear rule is every dense layer's,
   * and on small layers the three ops' recording machinery (their checks, contexts and variables)
   * cost more than their arithmetic. A first-order pass may bring the bias's gradient along,
   * made with g's (see {@link DenseActivation#gradients}), and may compute W's gradient straight
   * into W, when the engine offers W's {@link BackwardUpdate} (see {@link
   * ProductUpdates#updateInProduct}).
   */
  private static Variable[] linearGradients(OpContext ctx, Variable g, Tensor biasGradient) {
    Variable[] grads = new Variable[ctx.inputCount()];
    if (!Autograd.isGradEnabled()) {
      Tensor gradient = g.value();
      grads[0] = ctx.needsGrad(0) ? Variable.constant(gradient.matmul(ctx.input(1).value()))
          : null;
      // After x's gradient, the last reader of W: an update in backward may go into W here.
      Tensor x = ctx.input(0).value();
      grads[1] = ctx.needsGrad(1)
          && !ProductUpdates.updateInProduct(ctx, 1, gradient, x, Transpose.LEFT)
          ? Variable.constant(gradient.matmul(x, Transpose.LEFT)) : null;
      if (grads.length == 3 && ctx.needsGrad(2)) {
        grads[2] = Variable.constant(biasGradient != null ? biasGradient : gradient.sum(0, false));
      }
      return grads;
    }
    grads[0] = ctx.needsGrad(0) ? g.matmul(ctx.input(1)) : null;
    grads[1] = ctx.needsGrad(1) ? g.matmul(ctx.input(0), Transpose.LEFT) : null;
    if (grads.length == 3 && ctx.needsGrad(2)) {
      grads[2] = g.sum(0, false);
    }
    return grads;
  }

  /** The gradient with respect to the product z from g, the gradient with respect to f(z). */
  private static Variable recordedProductGradient(OpContext ctx, DenseActivation activation,
      Variable g) {
    // The rules of tanh and sigmoid see y as the variable it is, so that a second
    // derivative runs through this node again; ReLU's gate is piecewise constant.
    return switch (activation) {
      case RELU -> g.gatePositive(ctx.output().value());
      case TANH -> g.tanhBackward(ctx.output());
      case SIGMOID -> g.sigmoidBackward(ctx.output());
    };
  }

  /** Whether any pre-activation x·Wᵀ + b of a sample lies within 0.3 of 0. */
  private static boolean nearKink(List<Tensor> values) {
    Tensor bias = values.size() == 3 ? values.get(2) : null;
    return values.get(0).dense(values.get(1), Transpose.RIGHT, bias, null).abs().min().item()
        < 0.3;
  }

  /** Vectors become matrices so the rules above hold; their extra axis is dropped again. */
  static Variable matmul(Variable a, Variable b, Transpose mode) {
    checkNotNull(b, "matmul: the other tensor is null");
    checkNotNull(mode, "matmul: transpose mode is null");
    if (a.rank() != 1 && b.rank() != 1) {
      return MATMUL.apply(mode, a, b);
    }
    checkArgument(a.rank() != 0 && b.rank() != 0, "matmul: %s x %s: operands need at least one"
        + " axis", a.shape(), b.shape());
    checkArgument(!(mode.left() && a.rank() == 1) && !(mode.right() && b.rank() == 1),
        "matmul: %s x %s: a 1-D operand cannot be transposed", a.shape(), b.shape());
    Variable left = a.rank() == 1 ? a.unsqueeze(0) : a;
    Variable right = b.rank() == 1 ? b.unsqueeze(1) : b;
    Variable product = MATMUL.apply(mode, left, right);
    Variable rows = a.rank() == 1 ? product.squeeze(-2) : product;
    return b.rank() == 1 ? rows.squeeze(-1) : rows;
  }

  /** x·Wᵀ + b with {@code activation} applied, or without it when null; bias may be null. */
  static Variable linear(Variable x, Variable weight, Variable bias, DenseActivation activation) {
    checkNotNull(x, "linear: input is null");
    checkNotNull(weight, "linear: weight is null");
    checkArgument(x.rank() >= 1 && weight.rank() == 2
        && x.shape().dim(-1) == weight.shape().dim(1),
        "linear: input %s and weight %s should be [..., in] and [out, in]", x.shape(),
        weight.shape());
    checkArgument(bias == null || bias.shape().equals(Shape.of(weight.shape().dim(0))),
        "linear: bias %s does not match weight %s (expected [%s])",
        bias == null ? null : bias.shape(), weight.shape(), weight.shape().dim(0));
    if (x.rank() != 2) {
      // One sample [in], or samples along several axes [..., in]: the leading axes as one batch
      // axis and back, as PyTorch's linear folds them, so the fused product stays one node.
      int[] dims = x.shape().dims();
      int rows = 1;
      for (int a = 0; a < dims.length - 1; a++) {
        rows *= dims[a];
      }
      dims[dims.length - 1] = weight.shape().dim(0);
      return linear(x.reshape(rows, weight.shape().dim(1)), weight, bias, activation)
          .reshape(dims);
    }
    return bias == null ? LINEAR.apply(activation, x, weight)
        : LINEAR.apply(activation, x, weight, bias);
  }

  private static Shape withMatrix(Shape batch, int rows, int cols) {
    int[] dims = Arrays.copyOf(batch.dims(), batch.rank() + 2);
    dims[batch.rank()] = rows;
    dims[batch.rank() + 1] = cols;
    return Shape.of(dims);
  }
}
