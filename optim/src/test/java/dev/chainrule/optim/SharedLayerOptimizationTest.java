package dev.chainrule.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A model that uses one layer twice: optimizers and clipping see its parameters once. */
class SharedLayerOptimizationTest {
  private final Dense shared = Dense.of(3, 3, 1);
  private final Sequential model = Sequential.of(shared, Activation.tanh(), shared);

  private void backward() {
    model.zeroGrad();
    Loss.meanSquaredError().compute(
        model.forward(Variable.constant(Tensors.randn(Shape.of(4, 3), new SplittableRandom(7)))),
        Tensors.zeros(4, 3)).backward();
  }

  @Test
  void everyOptimizerTakesTheSharedParametersOnce() {
    List<Variable> once = shared.parameters();
    assertEquals(once, Sgd.builder(0.1).build(model).parameters());
    assertEquals(once, Adam.builder().build(model).parameters());
    assertEquals(once, Adagrad.builder().build(model).parameters());
    assertEquals(once, RmsProp.builder().build(model).parameters());
  }

  @Test
  void sgdMovesASharedWeightOnceByItsSummedGradient() {
    Sgd sgd = Sgd.builder(0.1).build(model);
    backward();
    List<Tensor> expected = shared.parameters().stream()
        // the gradient already sums both uses (the engine's job); one step applies it once
        .map(p -> p.value().copy().axpyInPlace(-0.1, p.grad()))
        .toList();
    sgd.step();
    assertEquals(expected, shared.parameters().stream().map(Variable::value).toList(), "bitwise");
  }

  @Test
  void theGlobalNormCountsASharedGradientOnce() {
    backward();
    assertEquals(GradientClipping.globalNorm(shared.parameters()),
        GradientClipping.globalNorm(model.parameters()));
  }
}
