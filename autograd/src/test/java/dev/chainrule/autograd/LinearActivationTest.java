package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DenseActivation;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * linear with an activation is one node that computes what linear followed by the activation's
 * own op computes: the same values and first-order gradients bit for bit (the rules run the same
 * kernels, reading the derivative from the output), and the same second derivatives.
 */
class LinearActivationTest {
  private static final Tensor X = Tensors.randn(Shape.of(5, 3), 1L).mul(2);
  private static final Tensor W = Tensors.randn(Shape.of(4, 3), 2L);
  private static final Tensor B = Tensors.randn(Shape.of(4), 3L);
  /** Weights the outputs unequally, so that every gradient element differs. */
  private static final Tensor MIX = Tensors.randn(Shape.of(5, 4), 4L);

  private static Variable composed(List<Variable> p, DenseActivation activation) {
    Variable z = Variable.linear(p.get(0), p.get(1), p.get(2));
    return switch (activation) {
      case RELU -> z.relu();
      case TANH -> z.tanh();
      case SIGMOID -> z.sigmoid();
    };
  }

  private static List<Variable> parameters() {
    return List.of(Variable.parameter(X), Variable.parameter(W), Variable.parameter(B));
  }

  private static List<Tensor> gradients(Function<List<Variable>, Variable> f) {
    List<Variable> p = parameters();
    Variable loss = f.apply(p).mul(Variable.constant(MIX)).sum();
    return Gradients.of(loss, p.toArray(Variable[]::new)).stream().map(Variable::value).toList();
  }

  @Test
  void valuesAndGradientsAreThoseOfLinearThenTheActivation() {
    for (DenseActivation activation : DenseActivation.values()) {
      List<Variable> p = parameters();
      Variable fused = Variable.linear(p.get(0), p.get(1), p.get(2), activation);
      assertEquals("linear", fused.opName());
      assertEquals("linear + " + activation, fused.opLabel());
      assertEquals(composed(p, activation).value(), fused.value(), activation.name());
      assertEquals(gradients(q -> composed(q, activation)),
          gradients(q -> Variable.linear(q.get(0), q.get(1), q.get(2), activation)),
          activation.name());
    }
  }

  @Test
  void secondDerivativesRunThroughTheFusedRule() {
    for (DenseActivation activation : DenseActivation.values()) {
      List<Tensor> expected = gradientOfGradientNorm(q -> composed(q, activation));
      List<Tensor> actual = gradientOfGradientNorm(
          q -> Variable.linear(q.get(0), q.get(1), q.get(2), activation));
      for (int i = 0; i < expected.size(); i++) {
        // The same formulas in a different order of float64 operations on O(1) values.
        assertTrue(actual.get(i).allClose(expected.get(i), 1e-12, 1e-14),
            activation + " input " + i + ": " + actual.get(i) + " vs " + expected.get(i));
      }
    }
  }

  /** ∇ of ‖∇ loss‖² with respect to the parameters: a second derivative of every rule. */
  private static List<Tensor> gradientOfGradientNorm(Function<List<Variable>, Variable> f) {
    List<Variable> p = parameters();
    Variable loss = f.apply(p).mul(Variable.constant(MIX)).sum();
    List<Variable> g = Gradients.of(List.of(loss), p, null, Gradients.Options.creatingGraph());
    Variable norm = g.get(0).square().sum().add(g.get(1).square().sum())
        .add(g.get(2).square().sum());
    // ReLU's gradient does not depend on b (relu″ = 0 away from the kink): zeros for it.
    return Gradients.of(List.of(norm), p, null, Gradients.Options.defaults().withAllowUnused())
        .stream().map(Variable::value).toList();
  }

  @Test
  void withoutAnActivationItIsLinear() {
    List<Variable> p = parameters();
    Variable plain = Variable.linear(p.get(0), p.get(1), p.get(2), null);
    assertEquals("linear", plain.opLabel());
    assertEquals(Variable.linear(p.get(0), p.get(1), p.get(2)).value(), plain.value());
  }
}
