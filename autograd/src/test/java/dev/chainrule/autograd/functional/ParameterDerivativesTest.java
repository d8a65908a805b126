package dev.chainrule.autograd.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.DifferentiableFunction;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@link ParameterDerivatives}: the derivatives of a loss that reads its parameters, by them, are
 * {@link Functional}'s of the same function with the parameters as inputs, and PyTorch's.
 */
class ParameterDerivativesTest {
  private static final Tensor X = Tensor.matrix(new double[][] {{0.5, -1}, {1, 2}, {-0.3, 0.8}});
  private static final Tensor Y = Tensor.matrix(new double[][] {{1}, {0}, {-1}});
  private final Variable w1 = Variable.parameter(
      Tensor.matrix(new double[][] {{0.1, -0.2}, {0.3, 0.4}, {-0.5, 0.6}}), "w1");
  private final Variable b1 = Variable.parameter(Tensor.vector(0.01, -0.02, 0.03), "b1");
  private final Variable w2 = Variable.parameter(Tensor.matrix(new double[][] {{0.7, -0.8, 0.9}}),
      "w2");
  private final Variable b2 = Variable.parameter(Tensor.vector(0.05), "b2");
  private final List<Variable> parameters = List.of(w1, b1, w2, b2);

  /** A 2-3-1 tanh network's mean squared error, of any four parameters. */
  private static Variable loss(List<Variable> p) {
    Variable hidden = Variable.linear(Variable.constant(X), p.get(0), p.get(1)).tanh();
    return Variable.linear(hidden, p.get(2), p.get(3)).sub(Variable.constant(Y)).square().mean();
  }

  private final Supplier<Variable> readsItsParameters = () -> loss(parameters);
  private final DifferentiableFunction ofInputs = ParameterDerivativesTest::loss;
  private final List<Tensor> values = parameters.stream().map(Variable::value).toList();

  @Test
  void theHessianIsFunctionalsOfTheSameFunctionAndPyTorchs() {
    List<List<Tensor>> blocks = ParameterDerivatives.hessian(readsItsParameters, parameters);
    assertEquals(Functional.hessian(ofInputs, values), blocks, "the same graph, the same sums");
    // torch.autograd.functional.hessian(f, (w1, b1, w2, b2)) in float64, PyTorch 1.13; its
    // printed ten digits, so agreement to 1e-10.
    assertEquals(0.4055109993, blocks.get(0).get(0).get(0, 0, 0, 0), 1e-10);
    assertEquals(-0.4041490429, blocks.get(1).get(1).get(2, 2), 1e-10);
    assertTrue(blocks.get(1).get(3).allClose(
        Tensor.matrix(new double[][] {{1.3178764359}, {-1.2045344035}, {1.0929395980}}), 1e-10, 0));
    assertEquals(2, blocks.get(3).get(3).item(), 1e-15, "∂²L/∂b₂² = 2·3/3");
  }

  @Test
  void hessianVectorProductsAreTheHessiansAndPyTorchs() {
    List<Tensor> ones = values.stream().map(Tensors::onesLike).toList();
    Functional.Hvp hvp = ParameterDerivatives.hvp(readsItsParameters, parameters, ones);
    assertEquals(1.0179632252, hvp.value().item(), 1e-10, "PyTorch's ten printed decimals");
    // torch.autograd.functional.hvp(f, (w1, b1, w2, b2), ones): its products' first elements.
    double[] pytorch = {1.2601411076, 3.9438020125, -0.9393960317, 5.7443230249};
    List<List<Tensor>> blocks = ParameterDerivatives.hessian(readsItsParameters, parameters);
    for (int i = 0; i < 4; i++) {
      assertEquals(pytorch[i], hvp.products().get(i).toArray()[0], 1e-10);
      Tensor byBlocks = Tensors.zerosLike(values.get(i));
      for (int j = 0; j < 4; j++) {
        int rank = values.get(j).rank();
        int[] axes = new int[rank];
        for (int a = 0; a < rank; a++) {
          axes[a] = values.get(i).rank() + a;
        }
        byBlocks = byBlocks.add(blocks.get(i).get(j).mul(ones.get(j)).sum(axes, false));
      }
      // Two routes through the same second derivatives, summed in other orders.
      assertTrue(hvp.products().get(i).allClose(byBlocks, 1e-14, 1e-14),
          hvp.products().get(i) + " vs " + byBlocks);
    }
  }

  @Test
  void theJacobianIsFunctionals() {
    Supplier<Variable> hidden = () -> Variable.linear(Variable.constant(X), w1, b1).tanh();
    assertEquals(Functional.jacobian(p -> Variable.linear(Variable.constant(X), p.get(0),
        p.get(1)).tanh(), List.of(w1.value(), b1.value())),
        ParameterDerivatives.jacobian(hidden, List.of(w1, b1)));
  }

  /** Nothing the caller holds changes: the parameters' values and their grad(). */
  @Test
  void theParametersAreLeftAsTheyWere() {
    int version = w1.value().version();
    ParameterDerivatives.hessian(readsItsParameters, parameters);
    ParameterDerivatives.hvp(readsItsParameters, parameters, values);
    assertNull(w1.grad());
    assertEquals(version, w1.value().version());
  }

  /** A constant among the parameters would get zeros, as an unused input does: refused. */
  @Test
  void aConstantOrNoParameterIsRefusedByName() {
    Variable fixed = Variable.constant(Tensor.vector(1, 2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ParameterDerivatives.hessian(() -> w1.sum().add(fixed.sum()), List.of(w1, fixed)));
    assertEquals("ParameterDerivatives.hessian: parameter 1 (constant, shape [2]) requires no"
        + " gradient (a constant): list the variables that do",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ParameterDerivatives.hvp(readsItsParameters, List.of(), List.of()));
    assertEquals("ParameterDerivatives.hvp: no parameters given", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ParameterDerivatives.hessian(() -> w1.square(), List.of(w1)));
    assertEquals("ParameterDerivatives.hessian: the function must return one element, not shape"
        + " [3, 2]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ParameterDerivatives.hvp(readsItsParameters, parameters, List.of(values.get(1))));
    assertEquals("ParameterDerivatives.hvp: 1 vectors for 4 inputs", e.getMessage());
  }

  /** An unused parameter gets zero blocks, as Functional gives an unused input. */
  @Test
  void aParameterTheLossDoesNotReadGetsZeros() {
    Variable unused = Variable.parameter(Tensor.vector(3, 4), "unused");
    List<List<Tensor>> blocks = ParameterDerivatives.hessian(() -> w1.square().sum(),
        List.of(w1, unused));
    assertEquals(Tensors.zeros(2, 2), blocks.get(1).get(1));
    assertEquals(Tensors.zeros(3, 2, 2), blocks.get(0).get(1));
  }
}
