package dev.chainrule.usage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Gradients;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.autograd.check.GradCheckReport;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.Optimizer;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The README's loss made of a network's derivatives by its input, verbatim: a network u(x) trained
 * so that u″ = −u on [0, 2] with u(0) = 0 and u′(0) = 1, whose one solution is sin x. Its loss
 * holds second derivatives, so its gradient by the weights is a third derivative: the engine's is
 * checked against central differences, and the trained network against sin.
 */
class ReadmeDifferentialEquationTest {
  @Test
  void aNetworkTrainedOnItsOwnSecondDerivativeFindsTheSine() {
    Sequential u = Sequential.of(Dense.of(1, 16, 1L), Activation.tanh(),
        Dense.of(16, 16, 2L), Activation.tanh(), Dense.of(16, 1, 3L));
    // Parameters, to be differentiated by; backward adds into their grad() too, unread.
    Variable x = Variable.parameter(Tensors.linspace(0, 2, 33).reshape(33, 1), "x");
    Variable origin = Variable.parameter(Tensors.zeros(1, 1), "origin");
    Supplier<Variable> loss = () -> {
      Variable y = u.forward(x);
      Variable dy = Gradients.of(List.of(y.sum()), List.of(x), null,
          Gradients.Options.creatingGraph()).get(0);  // u′ at each point: rows are independent
      Variable d2y = Gradients.of(List.of(dy.sum()), List.of(x), null,
          Gradients.Options.creatingGraph()).get(0);  // u″
      Variable y0 = u.forward(origin);
      Variable dy0 = Gradients.of(List.of(y0.sum()), List.of(origin), null,
          Gradients.Options.creatingGraph()).get(0);
      return d2y.add(y).square().mean().add(y0.square().sum()).add(dy0.sub(1).square().sum());
    };
    GradCheckReport check = GradCheck.checkParameters(loss, u.parameters());

    Optimizer adam = Adam.builder().learningRate(0.01).build(u);
    for (int step = 0; step < 3000; step++) {
      adam.zeroGrad();
      loss.get().backward();
      adam.step();
    }
    Tensor points = Tensors.linspace(0, 2, 9).reshape(9, 1);
    Tensor error = u.forward(Variable.constant(points)).value().sub(points.sin()).abs();

    // The check's defaults (step 1e-6, atol 1e-6, rtol 1e-5) on a float64 loss of order 1:
    // central differences' error, eps² times a third derivative of order 1, is far below them,
    // and a wrong third-order rule anywhere on the path is off by far more.
    assertTrue(check.passed(), check.toString());
    // Measured 1.4e-3 (the loss 1.5e-5): the bound leaves a factor of three for other
    // platforms' last bits, and a network that had not learned the sine (u = x, say, which
    // meets both conditions at 0 and is off by 2 − sin 2 ≈ 1.09 at 2) fails it by far.
    assertTrue(error.max().item() < 5e-3, error.toString());
    double finalLoss = loss.get().item();
    assertTrue(finalLoss < 1e-4, "the loss (residual and conditions): " + finalLoss);
  }
}
