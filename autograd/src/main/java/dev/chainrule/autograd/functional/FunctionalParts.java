package dev.chainrule.autograd.functional;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;

/**
 * What {@link Functional} and {@link ParameterDerivatives} share: the unit cotangents a Jacobian
 * is taken with, the rows assembled into one tensor, the inner product an Hvp differentiates,
 * and the checks of the vectors given.
 */
final class FunctionalParts {
  private FunctionalParts() {}

  /** Σᵢ ⟨gᵢ, vᵢ⟩ over the gradients that depend on something; null when none does. */
  static Variable dot(List<Variable> gradients, List<Tensor> vectors) {
    Variable sum = null;
    for (int i = 0; i < gradients.size(); i++) {
      Variable g = gradients.get(i);
      if (g.requiresGrad()) {
        Variable term = g.mul(Variable.constant(vectors.get(i).to(g.dtype()))).sum();
        sum = sum == null ? term : sum.add(term);
      }
    }
    return sum;
  }

  /** The unit tensor e_k of a shape, in the type of {@code like}. */
  static Tensor unit(Shape shape, int k, Tensor like) {
    return Tensors.arange(shape.size()).eq(k).to(like.dtype()).reshape(shape);
  }

  /** Rows, one per element of {@code rowShape}, each of x's shape, as one tensor. */
  static Tensor stacked(List<Tensor> rows, Shape rowShape, Tensor x) {
    int[] dims = new int[rowShape.rank() + x.rank()];
    System.arraycopy(rowShape.dims(), 0, dims, 0, rowShape.rank());
    System.arraycopy(x.shape().dims(), 0, dims, rowShape.rank(), x.rank());
    return rows.isEmpty() ? Tensors.zeros(Shape.of(dims), x.dtype())
        : Tensors.stack(0, rows.toArray(Tensor[]::new)).reshape(dims);
  }

  static void checkShape(String op, String what, Tensor t, Shape expected) {
    checkNotNull(t, "%s: %s is null", op, what);
    checkArgument(t.shape().equals(expected), "%s: the %s has shape %s, expected %s", op, what,
        t.shape(), expected);
  }

  static void checkVectors(String op, String what, List<Tensor> vectors,
      List<Tensor> inputs) {
    checkNotNull(vectors, "%s: %s are null", op, what);
    checkArgument(vectors.size() == inputs.size(), "%s: %s %s for %s inputs", op,
        vectors.size(), what, inputs.size());
    for (int i = 0; i < vectors.size(); i++) {
      checkShape(op, what.substring(0, what.length() - 1) + " " + i, vectors.get(i),
          inputs.get(i).shape());
    }
  }
}
