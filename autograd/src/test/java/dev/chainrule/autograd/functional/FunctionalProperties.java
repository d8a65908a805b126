package dev.chainrule.autograd.functional;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.OpEntry;
import dev.chainrule.autograd.OpTable;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.DifferentiableFunction;
import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.autograd.check.OpCase;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every function of the functional API on random cases of every row of the op table, two ways:
 * against central differences, and against each other (vjp against uᵀ·J, jvp against J·v, hvp
 * against H·v, H against its transpose). Second derivatives only where the row has them.
 *
 * <p>Against central differences the tolerances are the case's gradient-check options (GradCheck's
 * defaults, atol 1e-6 and rtol 1e-5 with step 1e-6, or the row's own where it needs them): the
 * truncation error is about step²·f‴ ≈ 1e-12 and the rounding error about u·|f|/step ≈ 1e-10, for
 * the Hessian (differences of gradients) as for the Jacobian. Against each other the results come
 * from the same rules through other passes (one-hot rows, a double backward), so they differ by
 * the rounding of sums taken in another order: rtol 1e-9 and atol 1e-10 leave a margin of 10⁵
 * over that and catch any mistake of a factor, a sign or a transpose. A row that declares
 * tolerances of its own is held to those there too: the float32 round trip of {@code to} passes
 * its gradients through float32, so two passes differ by float32 rounding (6e-8).
 */
class FunctionalProperties {
  private static final int CASES = 4;
  private static final long SEED =
      Long.getLong("functional.seed", new SplittableRandom().nextLong());
  private static final GradCheck.Options CROSS =
      GradCheck.Options.defaults().withTolerances(1e-10, 1e-9);

  @TestFactory
  Stream<DynamicTest> everyRowAgreesWithFiniteDifferencesAndWithItself() {
    return OpTable.entries().stream().map(entry -> DynamicTest.dynamicTest(entry.name(), () -> {
      SplittableRandom random = new SplittableRandom(SEED ^ entry.name().hashCode());
      for (int c = 0; c < CASES; c++) {
        OpCase sampled = entry.spec().sample(random);
        String where = sampled.description() + " (-Dfunctional.seed=" + SEED + ")";
        firstOrder(sampled, random, where);
        if (entry.supportsHigherOrder()) {
          secondOrder(entry, sampled, random, where);
        }
      }
    }));
  }

  private static void firstOrder(OpCase c, SplittableRandom random, String where) {
    DifferentiableFunction f = c.function();
    List<Tensor> x = c.inputs();
    GradCheck.Options o = c.options();
    Tensor y = evaluate(f, x);
    List<Tensor> jacobian = Functional.jacobian(f, x);
    Tensor u = Tensors.randn(y.shape(), random.nextLong());
    List<Tensor> v = x.stream().map(t -> Tensors.randn(t.shape(), random.nextLong())).toList();
    Tensor jv = Tensors.zerosLike(y);
    List<Tensor> vjp = Functional.vjp(f, x, u).products();
    for (int i = 0; i < x.size(); i++) {
      Tensor matrix = jacobian.get(i).reshape(y.size(), x.get(i).size());
      for (int k = 0; k < x.get(i).size(); k++) {
        Tensor column = matrix.slice(1, k, k + 1).reshape(y.shape());
        close("Jacobian column " + k + " of input " + i + " vs central differences " + where,
            column, centralDifference(f, x, i, unit(x.get(i).shape(), k), o.eps()), o);
      }
      jv = jv.add(product(matrix, v.get(i), y.shape()));
      Tensor uJ = product(matrix.transpose(0, 1), u, x.get(i).shape());
      close("vjp vs uᵀJ, input " + i + " " + where, vjp.get(i), uJ, cross(o));
      double along = centralDifference(f, x, i, v.get(i), o.eps()).mul(u).sum().item();
      close("⟨vjp, v⟩ vs central differences of ⟨u, f⟩, input " + i + " " + where,
          Tensor.scalar(vjp.get(i).mul(v.get(i)).sum().item()), Tensor.scalar(along), o);
    }
    Tensor jvp = Functional.jvp(f, x, v).product();
    close("jvp vs J·v " + where, jvp, jv, cross(o));
    Tensor fd = Tensors.zerosLike(y);
    for (int i = 0; i < x.size(); i++) {
      fd = fd.add(centralDifference(f, x, i, v.get(i), o.eps()));
    }
    close("jvp vs central differences " + where, jvp, fd, o);
  }

  /** The Hessian of g = ⟨w, f⟩ against differences of its gradient, and hvp against H·v. */
  private static void secondOrder(OpEntry entry, OpCase c, SplittableRandom random,
      String where) {
    List<Tensor> x = c.inputs();
    GradCheck.Options o = c.options();
    Tensor w = Tensors.randn(evaluate(c.function(), x).shape(), random.nextLong());
    DifferentiableFunction g = in -> c.function().apply(in).mul(Variable.constant(w)).sum();
    List<List<Tensor>> hessian = Functional.hessian(g, x);
    List<Tensor> v = x.stream().map(t -> Tensors.randn(t.shape(), random.nextLong())).toList();
    List<Tensor> hvp = Functional.hvp(g, x, v).products();
    for (int i = 0; i < x.size(); i++) {
      Tensor hv = Tensors.zerosLike(x.get(i));
      for (int j = 0; j < x.size(); j++) {
        Tensor block = hessian.get(i).get(j).reshape(x.get(i).size(), x.get(j).size());
        Tensor transposed = hessian.get(j).get(i).reshape(x.get(j).size(), x.get(i).size());
        close(entry.name() + " H[" + i + "][" + j + "] vs H[" + j + "][" + i + "]ᵀ " + where,
            block, transposed.transpose(0, 1), cross(o));
        hv = hv.add(product(block, v.get(j), x.get(i).shape()));
        for (int l = 0; l < x.get(j).size(); l++) {
          Tensor column = block.slice(1, l, l + 1).reshape(x.get(i).shape());
          Tensor fd = gradientDifference(c.function(), x, w, i, j, unit(x.get(j).shape(), l),
              o.eps());
          close("Hessian column " + l + " of block [" + i + "][" + j + "] vs differences of"
              + " gradients " + where, column, fd, o);
        }
      }
      close("hvp vs H·v, input " + i + " " + where, hvp.get(i), hv, cross(o));
    }
  }

  private static GradCheck.Options cross(GradCheck.Options own) {
    return own.equals(GradCheck.Options.defaults()) ? CROSS : own;
  }

  private static Tensor evaluate(DifferentiableFunction f, List<Tensor> x) {
    try (var scope = Autograd.noGrad()) {
      return f.apply(x.stream().map(Variable::constant).toList()).value();
    }
  }

  /** (f(x + h·d) − f(x − h·d)) / 2h with d moving input i. */
  private static Tensor centralDifference(DifferentiableFunction f, List<Tensor> x, int i,
      Tensor d, double h) {
    return evaluate(f, moved(x, i, d, h)).sub(evaluate(f, moved(x, i, d, -h))).div(2 * h);
  }

  /** Central differences, along d moving input j, of the gradient of ⟨w, f⟩ for input i. */
  private static Tensor gradientDifference(DifferentiableFunction f, List<Tensor> x, Tensor w,
      int i, int j, Tensor d, double h) {
    Tensor plus = Functional.vjp(f, moved(x, j, d, h), w).products().get(i);
    Tensor minus = Functional.vjp(f, moved(x, j, d, -h), w).products().get(i);
    return plus.sub(minus).div(2 * h);
  }

  private static List<Tensor> moved(List<Tensor> x, int i, Tensor d, double h) {
    List<Tensor> moved = new ArrayList<>(x);
    moved.set(i, x.get(i).add(d.mul(h)));
    return moved;
  }

  /** A matrix [m, n] times a tensor of n elements, shaped as asked. */
  private static Tensor product(Tensor matrix, Tensor t, Shape shape) {
    return matrix.matmul(t.reshape(t.size(), 1)).reshape(shape);
  }

  private static Tensor unit(Shape shape, int k) {
    return Tensors.arange(shape.size()).eq(k).reshape(shape);
  }

  /** |a − n| ≤ atol + rtol·max(|a|, |n|) everywhere. */
  private static void close(String what, Tensor a, Tensor n, GradCheck.Options tolerances) {
    if (a.size() == 0) {
      return;
    }
    double excess = a.sub(n).abs().sub(a.abs().maximum(n.abs()).mul(tolerances.rtol())
        .add(tolerances.atol())).max().item();
    assertTrue(excess <= 0, () -> what + ":\n" + a + "\nvs\n" + n);
  }
}
