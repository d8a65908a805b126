package dev.chainrule.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.AvgPool2d;
import dev.chainrule.nn.BatchNorm1d;
import dev.chainrule.nn.BatchNorm2d;
import dev.chainrule.nn.Conv2d;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Dropout;
import dev.chainrule.nn.Embedding;
import dev.chainrule.nn.Flatten;
import dev.chainrule.nn.LayerNorm;
import dev.chainrule.nn.MaxPool2d;
import dev.chainrule.nn.Maxout;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.RadialBasis;
import dev.chainrule.nn.Residual;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.Unflatten;
import dev.chainrule.nn.loss.Loss;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A float32 model stays float32 through training: every layer's output, parameter gradient and
 * buffer (batch normalization's running statistics), every loss, and every optimizer's parameters
 * and per-parameter state after its steps, whatever type the data were read in.
 */
class Float32TrainingTest {
  private static final DType F32 = DType.FLOAT32;

  /** A network of the layer, its float64 input, for a training step in float32. */
  private record Case(String name, Module model, Tensor input) {}

  private static List<Case> everyLayer() {
    Tensor rows = Tensors.randn(Shape.of(8, 4), 1L);
    Tensor images = Tensors.randn(Shape.of(2, 1, 6, 6), 2L);
    return List.of(
        new Case("dense, batch norm, dropout, layer norm", Sequential.of(Dense.of(4, 6, 3L),
            BatchNorm1d.of(6), Activation.relu(), Dropout.of(0.25, 4L), LayerNorm.of(6),
            Dense.of(6, 2, 5L)), rows),
        new Case("maxout, radial basis, residual", Sequential.of(new Maxout(4, 5, 3, 6L),
            new RadialBasis(5, 3, 1.0, 7L), Residual.of(Dense.of(3, 3, 8L))), rows),
        new Case("embedding", Sequential.of(Embedding.of(10, 3, 9L), Flatten.of(),
            Dense.of(6, 2, 10L)), Tensor.matrix(new double[][] {{1, 4}, {9, 0}, {3, 3}})),
        new Case("convolution, batch norm, pooling", Sequential.of(Conv2d.of(1, 2, 3, 11L),
            BatchNorm2d.of(2), Activation.relu(), MaxPool2d.of(2), Flatten.of(),
            Unflatten.of(1, 2, 2, 2), AvgPool2d.of(2), Flatten.of(), Dense.of(2, 2, 12L)),
            images));
  }

  @Test
  void everyLayerTrainsInFloat32() {
    for (Case c : everyLayer()) {
      Module model = c.model().to(F32);
      model.train();
      Variable output = model.forward(Variable.constant(c.input().to(F32)));
      assertEquals(F32, output.dtype(), c.name() + ": output");
      Variable loss = Loss.meanSquaredError().compute(output, Tensors.zeros(output.shape()));
      assertEquals(F32, loss.dtype(), c.name() + ": loss of float64 targets");
      loss.backward();
      Optimizer optimizer = OptimizerChoice.MOMENTUM.build(model, 0.01);
      optimizer.step();
      model.namedParameters().forEach((name, p) -> {
        assertEquals(F32, p.dtype(), c.name() + ": " + name);
        assertNotNull(p.grad(), c.name() + ": " + name + " has a gradient");
        assertEquals(F32, p.grad().dtype(), c.name() + ": gradient of " + name);
      });
      // Counters (batches tracked) are whole numbers, stored as PyTorch stores them.
      model.namedBuffers().forEach((name, buffer) -> {
        if (!model.counterNames().contains(name)) {
          assertEquals(F32, buffer.dtype(), c.name() + ": buffer " + name);
        }
      });
    }
  }

  @Test
  void everyLossComputesInTheModelsType() {
    Variable scores = Variable.constant(Tensors.randn(Shape.of(4, 3), 13L, F32));
    Variable probabilities = Variable.constant(Tensors.rand(Shape.of(4, 3), 14L, F32));
    Tensor classes = Tensor.vector(0, 2, 1, 2);
    Tensor bits = Tensors.rand(Shape.of(4, 3), 15L).gt(0.5);
    Map<String, Variable> losses = Map.of(
        "sumOfSquares", Loss.sumOfSquares().compute(scores, bits),
        "meanSquaredError", Loss.meanSquaredError().compute(scores, bits),
        "halfMeanSquaredError", Loss.halfMeanSquaredError().compute(scores, bits),
        "binaryCrossEntropy", Loss.binaryCrossEntropy().compute(probabilities, bits),
        "binaryCrossEntropyWithLogits",
        Loss.binaryCrossEntropyWithLogits().compute(scores, bits),
        "categoricalCrossEntropy", Loss.categoricalCrossEntropy().compute(
            Variable.constant(scores.value().softmax(-1)), classes),
        "softmaxCrossEntropy", Loss.softmaxCrossEntropy().compute(scores, classes),
        "negativeLogLikelihood",
        Loss.negativeLogLikelihood().compute(probabilities.log(), classes));
    losses.forEach((name, loss) -> {
      assertEquals(F32, loss.dtype(), name);
      assertTrue(Double.isFinite(loss.item()), name);
    });
  }

  @Test
  void everyOptimizerKeepsItsParametersAndStateInFloat32() {
    Tensor x = Tensors.randn(Shape.of(16, 3), 16L);
    Tensor y = Tensors.randn(Shape.of(16, 1), 17L);
    for (OptimizerChoice choice : OptimizerChoice.values()) {
      Sequential model = Sequential.of(Dense.of(3, 4, 18L), Activation.tanh(),
          Dense.of(4, 1, 19L));
      model.to(F32);
      Optimizer optimizer = choice.build(model, 0.01);
      for (int step = 0; step < 3; step++) {
        optimizer.zeroGrad();
        Loss.meanSquaredError().compute(model.forward(Variable.constant(x.to(F32))), y)
            .backward();
        optimizer.step();
      }
      model.namedParameters().forEach((name, p) -> {
        assertEquals(F32, p.dtype(), choice + ": " + name);
        assertTrue(Double.isFinite(p.value().sum().item()), choice + ": " + name);
      });
      // The counters and the learning rate are scalars of their own; every buffer of a
      // parameter (momentum, moments, sums of squares) is in the parameter's type.
      int buffers = 0;
      for (Map.Entry<String, Tensor> state : optimizer.state().entrySet()) {
        String name = state.getKey();
        if (!name.equals("step") && !name.equals("lr") && !name.equals("initial_lr")
            && !name.equals("param_count") && !name.endsWith(".step")) {
          assertEquals(F32, state.getValue().dtype(), choice + ": state " + name);
          buffers++;
        }
      }
      assertTrue(choice == OptimizerChoice.SGD || buffers >= 4,
          choice + " keeps a buffer per parameter, so the check above saw some: " + buffers);
    }
  }
}
