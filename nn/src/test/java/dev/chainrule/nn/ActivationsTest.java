package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

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
    assertTrue(p.allClose(Tensor.vector(0.0351, 0.7054, 0.2595), 0, 5e-5), p::toString);
    assertEquals(1, p.argmax());
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
    assertTrue(h.allClose(expected, 1e-15, 1e-15), h + " vs " + expected);
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
}
