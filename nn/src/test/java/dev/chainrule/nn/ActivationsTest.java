package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ActivationsTest {
  private static Tensor at(Activation f, double... x) {
    return f.forward(Variable.constant(Tensor.vector(x))).value();
  }

  @Test
  void closedFormsAtSamplePoints() {
    assertEquals(Tensor.vector(-3, 0, 4.5), at(Activation.linear(1.5), -2, 0, 3));
    assertEquals(Tensor.vector(0, 1, 1), at(Activation.hardLimit(), -0.1, 0, 2));
    assertEquals(Tensor.vector(0, 0, 1), at(Activation.threshold(0.5), -1, 0.4, 0.5));
    assertEquals(Tensor.vector(-0.2, 0, 3), at(Activation.leakyRelu(0.1), -2, 0, 3));
    assertTrue(at(Activation.elu(2), -1, 3).allClose(
        Tensor.vector(2 * (Math.exp(-1) - 1), 3), 1e-15, 0));
    // GELU(1) = Φ(1) = 0.8413447460685429 (Φ from the C library's erfc).
    assertEquals(0.8413447460685429, at(Activation.gelu(), 1).item(), 1e-15);
    assertEquals(-2 * 0.02275013194817921, at(Activation.gelu(), -2).item(), 1e-16);
    assertEquals(Math.log(2), at(Activation.softplus(), 0).item(), 1e-16);
  }

  @Test
  void tanhApproximationStaysWithinAThousandthOfExactGelu() {
    Variable x = Variable.constant(Tensors.linspace(-6, 6, 1201));
    Tensor gap = x.gelu().value().sub(x.geluTanh().value()).abs();
    assertTrue(gap.max().item() < 1e-3, "max gap " + gap.max().item());
  }

  @Test
  void softmaxOfTheNotesLogits() {
    Tensor p = at(Activation.softmax(), -1, 2, 1);
    // PyTorch 1.13 prints torch.softmax(tensor([-1., 2., 1.]), 0) as these four decimals, each
    // within half a unit of its last digit (5e-5) of the exact 0.035119, 0.705385, 0.259496.
    assertTrue(p.allClose(Tensor.vector(0.0351, 0.7054, 0.2595), 0, 5e-5), p::toString);
    assertEquals(1, p.argmax());
    // Three quotients below 1 and two additions each round by at most half an ulp of 1, so the
    // sum is within about 2.5 ulps of 1 (5.6e-16); 1e-15 is 4.5 ulps (measured exact).
    assertEquals(1, p.sum().item(), 1e-15);
  }

  @Test
  void namedActivationsForCommandLines() {
    assertEquals(Activation.Kind.LEAKY_RELU, Activation.named("leaky-relu").kind());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Activation.named("swish"));
    assertTrue(e.getMessage().startsWith("unknown activation 'swish'"));
    assertEquals("leaky-relu", Activation.named("leaky-relu").name());
  }

  /** A user's activation class, named in reports by its simple name. */
  static final class Swish implements Activation {
    @Override
    public Variable forward(Variable x) {
      return x.mul(x.sigmoid());
    }
  }

  @Test
  void aUsersActivationIsNamedByItsClassAndALambdaOrAnonymousOneCustom() {
    assertEquals("Swish", new Swish().name());
    Activation lambda = x -> x;
    assertEquals("custom", lambda.name());
    Activation anonymous = new Activation() {
      @Override
      public Variable forward(Variable x) {
        return x;
      }
    };
    assertEquals("custom", anonymous.name());
  }

  private static void assertRefused(String message, Executable make) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make, message);
    assertEquals(message, e.getMessage());
  }

  /**
   * A NaN or infinite parameter is refused where the activation is made: the ops would take it
   * and give NaN (leaky ReLU, linear), all-zero or all-one outputs (threshold), or fail only at
   * the first forward pass (ELU).
   */
  @Test
  void nonFiniteParametersAreRefusedWhenTheActivationIsMade() {
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY}) {
      assertRefused("activation leaky-relu: alpha " + bad + " is not finite",
          () -> Activation.leakyRelu(bad));
      assertRefused("activation elu: alpha " + bad + " is not finite",
          () -> Activation.elu(bad));
      assertRefused("activation threshold: threshold " + bad + " is not finite",
          () -> Activation.threshold(bad));
      assertRefused("activation linear: slope " + bad + " is not finite",
          () -> Activation.linear(bad));
      assertRefused("activation softmax: axis " + bad + " is not finite",
          () -> new Activation.BuiltIn(Activation.Kind.SOFTMAX, bad));
      assertRefused("activation sigmoid: parameter " + bad + " is not finite",
          () -> new Activation.BuiltIn(Activation.Kind.SIGMOID, bad));
    }
  }

  @Test
  void rangesForwardWouldRefuseAreRefusedWhenTheActivationIsMade() {
    assertRefused("activation elu: alpha must not be negative, got -1.0",
        () -> Activation.elu(-1));
    assertRefused("activation elu: alpha must not be negative, got -4.9E-324",
        () -> Activation.elu(-Double.MIN_VALUE));
    assertRefused("activation log-softmax: axis 0.5 is not a whole number",
        () -> new Activation.BuiltIn(Activation.Kind.LOG_SOFTMAX, 0.5));
    // The edges stay allowed: α = 0 (ELU is then ReLU), a negative leaky slope as in PyTorch.
    assertEquals(Tensor.vector(-0.0, 2), at(Activation.elu(0), -1, 2), "0·(e⁻¹ − 1) = −0");
    assertEquals(Tensor.vector(1, 2), at(Activation.leakyRelu(-0.5), -2, 2));
    assertEquals(Tensor.vector(0, 1), at(Activation.threshold(-1e308), Double.NEGATIVE_INFINITY,
        -1e308));
  }

  @Test
  void usersActivationsGoWhereTheBuiltInsGo() {
    Activation swish = Activation.of("swish", x -> x.mul(x.sigmoid()));
    Activation lambda = x -> x.mul(2);
    Sequential model = Sequential.of(Dense.of(2, 3, 1L), swish, Dense.of(3, 1, 2L), lambda);
    Tensor x = Tensor.matrix(new double[][] {{1, -1}, {0.5, 2}});
    Tensor h = model.forward(Variable.constant(x)).value();
    Dense first = (Dense) model.layers().get(0);
    Dense second = (Dense) model.layers().get(2);
    Tensor z = x.matmul(first.weight().value(), dev.chainrule.core.Transpose.RIGHT)
        .add(first.bias().value());
    Tensor expected = z.mul(z.sigmoid()).matmul(second.weight().value(),
        dev.chainrule.core.Transpose.RIGHT).add(second.bias().value()).mul(2);
    assertEquals(expected, h, "bit for bit: the model's operations, in the same order");
    assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"),
        List.copyOf(model.namedParameters().keySet()), "every layer takes a position");
    assertEquals("""
        Sequential (
          (0): Dense(2 -> 3)  [9 parameters]
          (1): Activation(swish)
          (2): Dense(3 -> 1)  [4 parameters]
          (3): Activation(custom)
        )
        total: 13 parameters; training mode""", model.toString());
  }

  /**
   * A null input names the activation, as every other layer's does: identity gave the null back
   * (to fail later, far from the mistake) and the others a bare NullPointerException.
   */
  @Test
  void aNullInputNamesTheActivation() {
    for (Activation activation : List.of(Activation.identity(), Activation.relu(),
        Activation.softmax(), Activation.of("swish", x -> x.mul(x.sigmoid())))) {
      String message = assertThrows(NullPointerException.class, () -> activation.forward(null),
          activation.toString()).getMessage();
      assertEquals("activation " + activation.name() + ": input is null", message);
    }
  }
}
