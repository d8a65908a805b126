package dev.chainrule.autograd.functional;

import static com.google.common.base.Preconditions.checkNotNull;
import static dev.chainrule.autograd.functional.FunctionalParts.checkShape;
import static dev.chainrule.autograd.functional.FunctionalParts.checkVectors;
import static dev.chainrule.autograd.functional.FunctionalParts.dot;
import static dev.chainrule.autograd.functional.FunctionalParts.stacked;
import static dev.chainrule.autograd.functional.FunctionalParts.unit;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Gradients;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.DifferentiableFunction;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Derivatives of functions from variables to a variable, evaluated at given input values, like
 * {@code torch.autograd.functional} and JAX's {@code vjp}, {@code jvp}, {@code jacrev} and
 * {@code hessian}: vector-Jacobian products, Jacobian-vector products, full Jacobians, Hessians
 * and Hessian-vector products. Each call records its own graph on fresh leaves holding copies of
 * the input values, so the function may be called with any values and nothing of the caller's
 * graph or tensors is touched (a function that changes its input in place is refused); results
 * have the inputs' element type, but for {@code jvp}'s value and product, which have the output's
 * (as PyTorch's).
 *
 * <pre>{@code
 * UnaryOperator<Variable> f = x -> x.tanh().mul(x);
 * Tensor x = Tensor.vector(0.5, -1, 2);
 * Tensor jv = Functional.jvp(f, x, Tensor.vector(1, 0, 0)).product();  // J·v: column 0 of J
 * Tensor h = Functional.hessian(xs -> f.apply(xs.get(0)).sum(), List.of(x)).get(0).get(0);
 * }</pre>
 *
 * <p>chainrule is reverse-mode only, so a Jacobian-vector product is computed from the reverse
 * rules, twice: J·v is the gradient with respect to u of ⟨Jᵀu, v⟩, which is linear in u. This works
 * because every rule is made of differentiable ops; an op declared first-order only refuses it.
 * Hessians and their products differentiate the gradient, recorded with {@code createGraph}. In
 * both, the gradient the output's rule is given is a recorded variable, so that a user's rule
 * that cut its gradient off the graph (one computed on {@code g.value()}) is refused by name
 * rather than making the derivative silently miss its term.
 *
 * <p>A function that reads its parameters itself (a model's loss) is differentiated by them with
 * {@link ParameterDerivatives}.
 */
public final class Functional {
  private Functional() {}

  /**
   * A function's value and a vector-Jacobian product per input.
   *
   * @param value f at the inputs
   * @param products uᵀ·∂f/∂xᵢ per input, of that input's shape
   */
  public record Vjp(Tensor value, List<Tensor> products) {
    /**
     * Copies the list.
     *
     * @param value f at the inputs
     * @param products one per input
     */
    public Vjp {
      products = List.copyOf(checkNotNull(products, "Vjp: products are null"));
    }
  }

  /**
   * A function's value and its Jacobian-vector product.
   *
   * @param value f at the inputs
   * @param product Σᵢ ∂f/∂xᵢ·vᵢ, of the output's shape
   */
  public record Jvp(Tensor value, Tensor product) {}

  /**
   * A scalar function's value and a Hessian-vector product per input.
   *
   * @param value f at the inputs
   * @param products Σⱼ ∂²f/∂xᵢ∂xⱼ·vⱼ per input i, of that input's shape
   */
  public record Hvp(Tensor value, List<Tensor> products) {
    /**
     * Copies the list.
     *
     * @param value f at the inputs
     * @param products one per input
     */
    public Hvp {
      products = List.copyOf(checkNotNull(products, "Hvp: products are null"));
    }
  }

  /**
   * The vector-Jacobian product uᵀJ for each input: the gradient of ⟨u, f⟩, one backward pass.
   *
   * @param f the function
   * @param inputs its input values
   * @param cotangent u, of the output's shape
   * @return f's value and one product per input
   */
  public static Vjp vjp(DifferentiableFunction f, List<Tensor> inputs, Tensor cotangent) {
    Recorded r = Recorded.of("vjp", f, inputs);
    checkShape("vjp", "cotangent", cotangent, r.output().shape());
    return new Vjp(r.output().value(), r.gradients(Variable.constant(cotangent), false).stream()
        .map(Variable::value).toList());
  }

  /**
   * {@link #vjp(DifferentiableFunction, List, Tensor)} of a function of one input.
   *
   * @param f the function
   * @param x its input value
   * @param cotangent u, of the output's shape
   * @return f's value and the product, of x's shape
   */
  public static Vjp vjp(UnaryOperator<Variable> f, Tensor x, Tensor cotangent) {
    return vjp(unary(f), one("vjp", "x", x), cotangent);
  }

  /**
   * The Jacobian-vector product Σᵢ ∂f/∂xᵢ·vᵢ, the directional derivative of f along v: the
   * gradient with respect to a cotangent u of ⟨Jᵀu, v⟩ at u = 0 (PyTorch's), two backward
   * passes. Gradient hooks in f's graph run on Jᵀu's parts, so a hook linear in its gradient
   * scales J·v as it scales them, and one that clips large gradients leaves it as it is.
   *
   * @param f the function
   * @param inputs its input values
   * @param tangents v, one per input, of its shape
   * @return f's value and the product, of the output's shape
   */
  public static Jvp jvp(DifferentiableFunction f, List<Tensor> inputs, List<Tensor> tangents) {
    Recorded r = Recorded.of("jvp", f, inputs);
    checkVectors("jvp", "tangents", tangents, inputs);
    // u = 0, as PyTorch's jvp takes it. The rules are linear in u, so any u gave the same J·v,
    // but gradient hooks in f's graph run on Jᵀu's parts, and one not linear in its gradient
    // made J·v depend on u: a hook clipping to [−1, 1] clipped the products of a u drawn from
    // [1, 2) and gave zeros for sin(3x)'s J·v. At 0 a clip is the identity. A user's rule that
    // cut u off the graph (it computed on g.value()) is refused whatever u's value, zeros too.
    Variable u = Variable.parameter(Tensors.zerosLike(r.output().value()));
    try (var scope = Autograd.enableGrad()) {
      Variable inner = dot(r.gradients(u, true), tangents);
      Tensor product = inner == null ? Tensors.zerosLike(r.output().value())
          : Recorded.throughRules("jvp", () -> Gradients.of(List.of(inner), List.of(u), null,
              Gradients.Options.defaults().withAllowUnused())).get(0).value();
      return new Jvp(r.output().value(), product);
    }
  }

  /**
   * {@link #jvp(DifferentiableFunction, List, List)} of a function of one input.
   *
   * @param f the function
   * @param x its input value
   * @param tangent v, of x's shape
   * @return f's value and the product, of the output's shape
   */
  public static Jvp jvp(UnaryOperator<Variable> f, Tensor x, Tensor tangent) {
    return jvp(unary(f), one("jvp", "x", x), one("jvp", "tangent", tangent));
  }

  /**
   * The Jacobian with respect to each input, one backward pass per output element: for input i,
   * a tensor of shape (output's shape, input i's shape) whose element [j..., k...] is
   * ∂f[j...]/∂xᵢ[k...].
   *
   * @param f the function
   * @param inputs its input values
   * @return one Jacobian per input
   */
  public static List<Tensor> jacobian(DifferentiableFunction f, List<Tensor> inputs) {
    return jacobian(Recorded.of("jacobian", f, inputs), inputs);
  }

  /** The Jacobians of a recorded function by its leaves, whose values are {@code inputs}. */
  static List<Tensor> jacobian(Recorded r, List<Tensor> inputs) {
    List<List<Tensor>> rows = new ArrayList<>();
    inputs.forEach(x -> rows.add(new ArrayList<>()));
    Shape out = r.output().shape();
    for (int j = 0; j < out.size(); j++) {
      List<Variable> row = r.gradients(Variable.constant(unit(out, j, r.output().value())), false);
      for (int i = 0; i < inputs.size(); i++) {
        rows.get(i).add(row.get(i).value());
      }
    }
    List<Tensor> jacobians = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      jacobians.add(stacked(rows.get(i), out, inputs.get(i)));
    }
    return jacobians;
  }

  /**
   * {@link #jacobian(DifferentiableFunction, List)} of a function of one input.
   *
   * @param f the function
   * @param x its input value
   * @return the Jacobian, of shape (output's shape, x's shape)
   */
  public static Tensor jacobian(UnaryOperator<Variable> f, Tensor x) {
    return jacobian(unary(f), one("jacobian", "x", x)).get(0);
  }

  /**
   * The Hessian of a scalar function, in blocks: block [i][j] has shape (input i's shape, input
   * j's shape) and element [k..., l...] is ∂²f/∂xᵢ[k...]∂xⱼ[l...]. The gradient is recorded with
   * {@code createGraph} and differentiated once per input element.
   *
   * @param f a function with a one-element output
   * @param inputs its input values
   * @return the blocks, by input
   */
  public static List<List<Tensor>> hessian(DifferentiableFunction f, List<Tensor> inputs) {
    return hessian(Recorded.of("hessian", f, inputs).scalar(), inputs);
  }

  /** The Hessian blocks of a recorded scalar by its leaves, whose values are {@code inputs}. */
  static List<List<Tensor>> hessian(Recorded r, List<Tensor> inputs) {
    List<Variable> gradient = r.gradients(null, true);
    List<List<Tensor>> blocks = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      Variable gi = gradient.get(i);
      Shape shape = inputs.get(i).shape();
      List<List<Tensor>> rows = new ArrayList<>();
      inputs.forEach(x -> rows.add(new ArrayList<>()));
      for (int k = 0; k < shape.size(); k++) {
        List<Variable> row = r.differentiate(gi, unit(shape, k, gi.value()));
        for (int j = 0; j < inputs.size(); j++) {
          rows.get(j).add(row.get(j).value());
        }
      }
      List<Tensor> block = new ArrayList<>();
      for (int j = 0; j < inputs.size(); j++) {
        block.add(stacked(rows.get(j), shape, inputs.get(j)));
      }
      blocks.add(block);
    }
    return blocks;
  }

  /**
   * {@link #hessian(DifferentiableFunction, List)} of a function of one input.
   *
   * @param f a function of x with a one-element output
   * @param x its input value
   * @return the Hessian, of shape (x's shape, x's shape)
   */
  public static Tensor hessian(UnaryOperator<Variable> f, Tensor x) {
    return hessian(unary(f), one("hessian", "x", x)).get(0).get(0);
  }

  /**
   * The Hessian-vector product of a scalar function, without forming the Hessian: the gradient
   * of ⟨∇f, v⟩, two backward passes. That gradient is vᵀ·H (PyTorch's {@code vhp}), which is
   * H·v because the Hessian of f's ops is symmetric: second derivatives commute. A gradient hook
   * that changes gradients, or a user's rule that is not its forward's derivative, can make
   * {@link #hessian} asymmetric; then this is still vᵀ·H, and H·v (PyTorch's {@code hvp}, which
   * always pays a third pass for it) is the Hessian's matrix product with v.
   *
   * @param f a function with a one-element output
   * @param inputs its input values
   * @param vectors v, one per input, of its shape
   * @return f's value and one product per input
   */
  public static Hvp hvp(DifferentiableFunction f, List<Tensor> inputs, List<Tensor> vectors) {
    return hvp(Recorded.of("hvp", f, inputs).scalar(), inputs, vectors);
  }

  /** The Hessian-vector products of a recorded scalar by its leaves, of values {@code inputs}. */
  static Hvp hvp(Recorded r, List<Tensor> inputs, List<Tensor> vectors) {
    checkVectors(r.op(), "vectors", vectors, inputs);
    try (var scope = Autograd.enableGrad()) {
      Variable inner = dot(r.gradients(null, true), vectors);
      List<Tensor> products = inner == null ? inputs.stream().map(Tensors::zerosLike).toList()
          : r.differentiate(inner, null).stream().map(Variable::value).toList();
      return new Hvp(r.output().value(), products);
    }
  }

  /**
   * {@link #hvp(DifferentiableFunction, List, List)} of a function of one input.
   *
   * @param f a function of x with a one-element output
   * @param x its input value
   * @param v the vector, of x's shape
   * @return f's value and the product, of x's shape
   */
  public static Hvp hvp(UnaryOperator<Variable> f, Tensor x, Tensor v) {
    return hvp(unary(f), one("hvp", "x", x), one("hvp", "v", v));
  }

  /** The one tensor of a single-input overload, refused by name when it is null. */
  private static List<Tensor> one(String op, String what, Tensor t) {
    return List.of(checkNotNull(t, "%s: %s is null", op, what));
  }

  private static DifferentiableFunction unary(UnaryOperator<Variable> f) {
    checkNotNull(f, "functional: function is null");
    return xs -> f.apply(xs.get(0));
  }
}
