package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Tensors;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A non-scalar output given no gradient is refused with the way to pass one in the call that was
 * made: Gradients.of's refusal pointed at backward(gradOutput), a method its caller never used.
 */
class NonScalarSeedMessagesTest {
  private static final Variable X = Variable.parameter(Tensors.ones(2, 3));

  private static String refusal(Executable call) {
    return assertThrows(IllegalArgumentException.class, call).getMessage();
  }

  @Test
  void backwardPointsAtBackwardWithAGradient() {
    assertEquals("backward: the output has shape [2, 3], not a scalar; pass a gradient of that"
        + " shape (backward(gradOutput))", refusal(() -> X.exp().backward()));
  }

  @Test
  void gradientsOfOneOutputPointsAtTheCotangentForm() {
    assertEquals("gradients: the output has shape [2, 3], not a scalar; pass a gradient of that"
        + " shape (Gradients.of(output, inputs, cotangent))",
        refusal(() -> Gradients.of(X.exp(), X)));
  }

  @Test
  void gradientsOfAListPointsAtGradOutputsNamingTheOutput() {
    Variable scalar = X.sum();
    assertEquals("gradients: output 1 has shape [2, 3], not a scalar; pass a gradient of that"
        + " shape in gradOutputs", refusal(() -> Gradients.of(List.of(scalar, X.exp()),
            List.of(X), null, Gradients.Options.defaults())));
    // A null among the gradient outputs stands for a scalar's 1, as a null list does.
    assertEquals("gradients: output 0 has shape [2, 3], not a scalar; pass a gradient of that"
        + " shape in gradOutputs", refusal(() -> Gradients.of(List.of(X.exp()), List.of(X),
            Arrays.asList((Variable) null), Gradients.Options.defaults())));
  }
}
