package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Gradients;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Functions that differentiate inside (a gradient penalty, an inner optimization step) check as
 * any other: GradCheck evaluates them with a graph, their inputs requiring gradients, as PyTorch's
 * gradcheck does. Under {@code noGrad} with constant inputs their own {@code Gradients.of} was
 * refused, with a message that blamed the caller for a noGrad it never wrote.
 */
class GradCheckInnerGradientTest {
  /** ‖∇ₓ Σ tanh(x·w)‖², the penalty of a WGAN-GP critic in miniature. */
  private static Variable penalty(Variable x, Variable w) {
    Variable critic = x.mul(w).tanh().sum();
    Variable grad = Gradients.of(List.of(critic), List.of(x), null,
        Gradients.Options.creatingGraph()).get(0);
    return grad.square().sum();
  }

  @Test
  void aGradientPenaltyChecksAgainstItsInputs() {
    GradCheckReport report = GradCheck.check(in -> penalty(in.get(0), in.get(1)),
        List.of(Tensor.vector(0.3, -0.7, 1.1), Tensor.vector(0.5, 0.9, -0.4)));
    assertTrue(report.passed(), report::toString);
  }

  @Test
  void aGradientPenaltyChecksAgainstParameters() {
    Variable w = Variable.parameter(Tensor.vector(0.5, 0.9, -0.4), "w");
    Tensor x = Tensor.vector(0.3, -0.7, 1.1);
    GradCheckReport report = GradCheck.checkParameters(
        () -> penalty(Variable.parameter(x), w), List.of(w));
    assertTrue(report.passed(), report::toString);
  }

  @Test
  void theCheckWorksInsideTheCallersNoGrad() {
    // The caller's scope belongs to the caller; the check's evaluations record all the same.
    try (var scope = Autograd.noGrad()) {
      GradCheckReport report = GradCheck.check(in -> penalty(in.get(0), in.get(1)),
          List.of(Tensor.vector(0.3, -0.7), Tensor.vector(0.5, 0.9)));
      assertTrue(report.passed(), report::toString);
    }
  }

  @Test
  void aParameterListedTwiceIsRefusedNotReportedWrong() {
    // A tied weight under both of its paths: the second copy's value overwrote the first's step,
    // and a right rule read WRONG_DERIVATIVE against a numerical 0.
    Variable p = Variable.parameter(Tensor.vector(0.3, -0.2), "p");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GradCheck.checkParameters(() -> p.mul(p).tanh().sum(), List.of(p, p)));
    assertEquals("gradCheck: parameter 1 (p [2]) is listed twice (first as parameter 0); list each"
        + " once, as Module.parameters() does", e.getMessage());
  }
}
