package dev.chainrule.examples.bench;

import dev.chainrule.autograd.Gradients;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.Optimizer;
import java.util.List;

/**
 * One training step of the README's differential-equation network ("A loss made of derivatives"):
 * u(x), 1-16-16-1 with tanh, float64, learns u″ = −u on 33 points of [0, 2] with u(0) = 0 and
 * u′(0) = 1, Adam at 0.01. Its loss holds u′ and u″, gradients taken with their own graphs
 * recorded, and backward goes through them: a third derivative of the network per step, where the
 * XOR and Iris steps time first derivatives only. The loss is the README's, written the same way,
 * so the figure is what that example's loop costs; {@code examples/pytorch/bench.py}'s {@code
 * pinn_step} times PyTorch's with {@code torch.autograd.grad(create_graph=True)}.
 */
final class DifferentialEquationStep implements Runnable {
  private final Sequential u = Sequential.of(Dense.of(1, 16, 1L), Activation.tanh(),
      Dense.of(16, 16, 2L), Activation.tanh(), Dense.of(16, 1, 3L));
  private final Variable x =
      Variable.parameter(Tensors.linspace(0, 2, 33).reshape(33, 1), "x");
  private final Variable origin = Variable.parameter(Tensors.zeros(1, 1), "origin");
  private final Optimizer adam = Adam.builder().learningRate(0.01).build(u);

  /** mean((u″ + u)²) + u(0)² + (u′(0) − 1)², as the README computes it. */
  Variable loss() {
    Variable y = u.forward(x);
    Variable dy = Gradients.of(List.of(y.sum()), List.of(x), null,
        Gradients.Options.creatingGraph()).get(0);  // u′ at each point: rows are independent
    Variable d2y = Gradients.of(List.of(dy.sum()), List.of(x), null,
        Gradients.Options.creatingGraph()).get(0);  // u″
    Variable y0 = u.forward(origin);
    Variable dy0 = Gradients.of(List.of(y0.sum()), List.of(origin), null,
        Gradients.Options.creatingGraph()).get(0);
    return d2y.add(y).square().mean().add(y0.square().sum()).add(dy0.sub(1).square().sum());
  }

  @Override
  public void run() {
    adam.zeroGrad();
    loss().backward();
    adam.step();
  }
}
