package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Gradients#of} by an input that requires no gradient. It was refused as "not used to
 * compute the outputs, or does not require a gradient; pass Options.withAllowUnused() to get
 * zeros for it", and following that advice gave zeros: a WGAN-GP penalty on the interpolated
 * points made with {@code Variable.constant} (PyTorch's forgotten {@code requires_grad}) became
 * the constant 1 and the critic trained without it. PyTorch 1.13 refuses such an input whatever
 * {@code allow_unused} says ("One of the differentiated Tensors does not require grad"); so does
 * chainrule now, saying how to make the input, and keeps the zeros for inputs truly unused.
 */
class GradientsConstantInputTest {
  private final Variable w = Variable.parameter(Tensor.vector(0.5, -2), "w");

  private static Gradients.Options penaltyOptions() {
    return Gradients.Options.creatingGraph().withAllowUnused();
  }

  @Test
  void aConstantInputIsRefusedEvenWithAllowUnused() {
    Variable points = Variable.constant(Tensor.vector(0.3, 0.1));
    Variable critic = points.mul(w).tanh().sum();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Gradients.of(List.of(critic), List.of(points), null, penaltyOptions()));
    assertTrue(e.getMessage().startsWith("gradients: input 0 (constant, shape [2]) requires no"
        + " gradient, so nothing computed from it was recorded: make it with"
        + " Variable.parameter(tensor)"), e.getMessage());
    assertTrue(e.getMessage().contains("Options.withAllowUnused() does not apply"),
        e.getMessage());
    // Refused before the pass: the graph is whole, and the weights' gradient still comes,
    // x·(1 − tanh²(w·x)); 1e-15: the rule's products may round in another order than these.
    Tensor expected = Tensor.vector(0.3, 0.1).mul(Tensor.vector(0.15, -0.2).tanh().square().neg()
        .add(1));
    Tensor byWeights = Gradients.of(critic, w).get(0).value();
    assertTrue(byWeights.allClose(expected, 1e-15, 0), byWeights + " vs " + expected);
    assertNull(w.grad(), "Gradients.of accumulates nothing");
  }

  @Test
  void aDetachedOrUnrecordedInputIsRefusedWithoutAllowUnused() {
    Variable detached = w.mul(2).detach();
    Variable y = detached.mul(w).sum();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Gradients.of(y, detached));
    assertTrue(e.getMessage().contains("requires no gradient"), e.getMessage());
    Variable unrecorded;
    try (var off = Autograd.noGrad()) {
      unrecorded = w.exp();
    }
    Variable z = unrecorded.mul(w).sum();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Gradients.of(List.of(z),
            List.of(w, unrecorded), null, Gradients.Options.defaults().withAllowUnused()))
        .getMessage().startsWith("gradients: input 1 (constant, shape [2]) requires no gradient, so"
        + " nothing computed from it was recorded: make it with"
        + " Variable.parameter(tensor) (from a "));
  }

  /** The way the message gives, from the values the constant held: the true slopes. */
  @Test
  void theInputMadeAParameterGivesTheSlopes() {
    Tensor interpolated = Tensor.vector(0.3, 0.1);
    Variable points = Variable.parameter(interpolated);
    Variable slopes = Gradients.of(List.of(points.mul(w).tanh().sum()), List.of(points), null,
        penaltyOptions()).get(0);
    // d/dx tanh(w·x) = w·(1 − tanh²(w·x)); 1e-15: one tanh and a product of rounding apart.
    Tensor expected = w.value().mul(interpolated.mul(w.value()).tanh().square().neg().add(1));
    assertTrue(slopes.value().allClose(expected, 1e-15, 0), slopes.value() + " vs " + expected);
    assertTrue(slopes.requiresGrad(), "recorded: a penalty on it trains w");
  }

  /** allowUnused still gives zeros for a parameter the outputs do not depend on. */
  @Test
  void anUnusedParameterStillGetsZerosUnderAllowUnused() {
    Variable unused = Variable.parameter(Tensors.ones(3), "unused");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Gradients.of(w.sum(), unused));
    assertEquals("gradients: input 0 ('unused', leaf, shape [3]) is not used to compute the"
        + " outputs; pass Options.withAllowUnused() to get zeros for it", e.getMessage());
    assertEquals(Tensors.zeros(3), Gradients.of(List.of(w.sum()), List.of(unused), null,
        Gradients.Options.defaults().withAllowUnused()).get(0).value());
  }
}
