package dev.chainrule.nn.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reference makes its target as the engine's loss does, and refuses what the engine refuses
 * on the way: it answered loss −0 and zero gradients for a class loss over one output unit, and
 * loss 1e78 in float64 for a float32 model's target of 1e39, both of which the engine refuses;
 * and it computed a float32 model's loss in float64 when the labels were float64.
 */
class ReferenceTargetLikeEngineTest {
  private static final Tensor X = Tensors.uniform(Shape.of(4, 3), -1, 1, 1L);

  @Test
  void aClassLossOverOneOutputUnitIsRefusedAsTheEngineRefusesIt() {
    List<List<Object>> cases = List.of(
        List.of(Activation.softmax(), Loss.categoricalCrossEntropy()),
        List.of(Activation.identity(), Loss.softmaxCrossEntropy()),
        List.of(Activation.logSoftmax(), Loss.negativeLogLikelihood()));
    for (List<Object> c : cases) {
      Module model = Sequential.of(Dense.of(3, 1, 1L), (Activation) c.get(0));
      Loss loss = (Loss) c.get(1);
      assertFalse(DeltaRule.supports(model, loss), loss + " over one unit");
      for (Tensor target : List.of(Tensors.ones(4, 1), Tensors.zeros(4))) {
        assertThrows(IllegalArgumentException.class,
            () -> loss.compute(model.forward(Variable.constant(X)), target), "the engine");
        String message = assertThrows(IllegalArgumentException.class,
            () -> DeltaRule.backprop(DeltaRule.layersOf(model), loss, X, target)).getMessage();
        assertEquals("delta rule: output [4, 1] holds a single class per sample, whose"
            + " probability is always 1 and loss always 0, which " + loss + " refuses in the"
            + " engine: a classifier needs K ≥ 2 output units (for one yes/no output use"
            + " binaryCrossEntropy)", message);
      }
    }
    // Two units are a classifier again.
    assertTrue(DeltaRule.supports(Sequential.of(Dense.of(3, 2, 1L), Activation.softmax()),
        Loss.categoricalCrossEntropy()));
  }

  @Test
  void aFloat32ModelsTargetBeyondFloat32IsRefusedAsTheEngineRefusesIt() {
    Module model = Dense.of(3, 1, 1L).to(DType.FLOAT32);
    Tensor x = X.to(DType.FLOAT32);
    Tensor target = Tensors.full(Shape.of(4, 1), 1e39);
    Loss loss = Loss.meanSquaredError();
    String engine = assertThrows(IllegalArgumentException.class,
        () -> loss.compute(model.forward(Variable.constant(x)), target)).getMessage();
    assertTrue(engine.contains("largest value 3.4028235E38"), engine);
    String message = assertThrows(IllegalArgumentException.class,
        () -> DeltaRule.backprop(DeltaRule.layersOf(model), loss, x, target)).getMessage();
    assertEquals("delta rule: target [4, 1] holds 1.0E39 at element 0, beyond float32's largest"
        + " value 3.4028235E38, the output's type, which mean-squared-error (mean) refuses in the"
        + " engine: it would be an infinity there", message);
  }

  @Test
  void aFloat32ModelsLossIsComputedInFloat32WhateverTheLabelsType() {
    Module model = Sequential.of(Dense.of(3, 5, 2L), Activation.tanh(), Dense.of(5, 3, 3L),
        Activation.softmax()).to(DType.FLOAT32);
    Tensor x = X.to(DType.FLOAT32);
    Tensor classes = Tensor.vector(0, 2, 1, 2);  // float64 labels, as data are often read
    Loss loss = Loss.categoricalCrossEntropy();
    DeltaRule.Result result = DeltaRule.backprop(DeltaRule.layersOf(model), loss, x, classes);
    for (Tensor gradient : result.weightGradients()) {
      assertEquals(DType.FLOAT32, gradient.dtype(), "promoted to float64 by the labels before");
    }
    double engine = loss.compute(model.forward(Variable.constant(x)), classes).value().item();
    // Both sum four float32 logarithms of about 1: a few float32 ulps (1.2e-7 each) apart.
    assertEquals(engine, result.loss(), 1e-6);
  }
}
