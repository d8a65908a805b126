package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DenseActivation;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModuleTest {

  private static Sequential mlp(int... widths) {
    Layer[] layers = new Layer[2 * (widths.length - 1)];
    for (int i = 0; i + 1 < widths.length; i++) {
      layers[2 * i] = Dense.of(widths[i], widths[i + 1], i);
      layers[2 * i + 1] = Activation.sigmoid();
    }
    return Sequential.of(layers);
  }

  @Test
  void onlyTreesOfBuiltInModulesAndActivationsSayTheyKeepNoForwardValues() {
    assertTrue(mlp(4, 4, 3).keepsNoForwardValues());
    assertTrue(Residual.of(Sequential.of(Dense.of(3, 3, 1), Activation.relu()))
        .keepsNoForwardValues());
    Module custom = new Module() {
      @Override
      public Variable forward(Variable input) {
        return input;
      }
    };
    assertFalse(custom.keepsNoForwardValues(), "a module of yours may keep one");
    assertFalse(Sequential.of(Dense.of(3, 3, 1), custom).keepsNoForwardValues());
    Layer lambda = x -> x.mul(2);
    assertFalse(Sequential.of(Dense.of(3, 3, 1), lambda).keepsNoForwardValues(),
        "a layer of yours may keep one");
  }

  @Test
  void theAnswerFollowsChildrenRegisteredAfterItWasGiven() {
    // A module that promises to keep nothing itself and gains its child only later, as a lazily
    // built layer would: the remembered answer must not outlive the tree it was computed for.
    class Growing extends Module {
      @Override
      public Variable forward(Variable input) {
        return input;
      }

      @Override
      protected boolean keepsForwardValues() {
        return false;
      }

      void grow(Module child) {
        registerModule("child", child);
      }
    }
    Growing growing = new Growing();
    Sequential model = Sequential.of(Dense.of(3, 3, 1), growing);
    assertTrue(model.keepsNoForwardValues());
    growing.grow(new Module() {
      @Override
      public Variable forward(Variable input) {
        return input;
      }
    });
    assertFalse(model.keepsNoForwardValues(), "a module of yours, registered later");
  }

  @Test
  void parameterCountsMatchTheNotes() {
    assertEquals(35, mlp(4, 4, 3).parameterCount(), "(4+1)·4 + (4+1)·3");
    assertEquals(21, mlp(2, 3, 3).parameterCount(), "(2+1)·3 + (3+1)·3");
    assertEquals(33, mlp(2, 3, 3, 3).parameterCount(), "(2+1)·3 + (3+1)·3 + (3+1)·3");
  }

  @Test
  void parametersAreNamedAndOrdered() {
    Sequential model = mlp(4, 4, 3);
    assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"),
        List.copyOf(model.namedParameters().keySet()));
    assertEquals("2.weight", model.parameters().get(2).name());
    assertEquals(Shape.of(3, 4), model.parameters().get(2).shape(), "[out, in], as PyTorch");
  }

  @Test
  void toStringShowsTheArchitectureAndCounts() {
    assertEquals("""
        Sequential (
          (0): Dense(4 -> 4)  [20 parameters]
          (1): Activation(sigmoid)
          (2): Dense(4 -> 3)  [15 parameters]
          (3): Activation(sigmoid)
        )
        total: 35 parameters; training mode""", mlp(4, 4, 3).toString());
  }

  @Test
  void trainingFlagReachesEveryChild() {
    Sequential model = mlp(2, 3, 1);
    model.eval();
    assertFalse(model.children().get("0").isTraining());
    model.train();
    assertTrue(model.children().get("1").isTraining());
  }

  @Test
  void denseComputesXwPlusBAndChecksItsInput() {
    Dense dense = Dense.builder(3, 2).init(Init.constant(1)).biasInit(Init.constant(0.5)).build();
    Variable y = dense.forward(Variable.constant(Tensors.ones(4, 3)));
    assertEquals(Tensors.full(Shape.of(4, 2), 3.5), y.value());
    assertEquals(Shape.of(2), dense.forward(Variable.constant(Tensors.ones(3))).shape());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> dense.forward(Variable.constant(Tensors.ones(4, 5))));
    assertEquals("Dense(3 -> 2): input [4, 5] should be [batch, 3] (or [3], or [..., 3])",
        e.getMessage());
    assertNull(Dense.builder(3, 2).bias(false).build().bias());
    assertEquals(6, Dense.builder(3, 2).bias(false).build().parameterCount());
  }

  /**
   * Leading axes are batch axes, as in PyTorch's Linear: a [2, 3, 4] input is six samples, each
   * row's output and gradient those of the same row given as a [6, 4] batch, bit for bit (the
   * reshapes move no number).
   */
  @Test
  void denseTakesAnyLeadingAxesAsBatchAxes() {
    Dense dense = Dense.of(4, 5, 11);
    Tensor x = Tensors.randn(Shape.of(2, 3, 4), 12);
    Variable sequence = Variable.parameter(x);
    Variable y = dense.forward(sequence, DenseActivation.TANH);
    assertEquals(Shape.of(2, 3, 5), y.shape());
    y.sum().backward();
    Tensor weightGradient = dense.weight().grad();

    dense.zeroGrad();
    Variable flat = Variable.parameter(x.reshape(6, 4));
    Variable rows = dense.forward(flat, DenseActivation.TANH);
    rows.sum().backward();
    assertEquals(rows.value().reshape(2, 3, 5), y.value());
    assertEquals(flat.grad().reshape(2, 3, 4), sequence.grad());
    assertEquals(dense.weight().grad(), weightGradient);

    assertEquals(Shape.of(0, 7, 5),
        dense.forward(Variable.constant(Tensors.zeros(0, 7, 4))).shape(), "no samples at all");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> dense.forward(Variable.constant(Tensor.scalar(1))));
    assertEquals("Dense(4 -> 5): input [] should be [batch, 4] (or [4], or [..., 4])",
        e.getMessage());
  }

  @Test
  void initialisationIsReproducibleAndHasTheRightScale() {
    assertEquals(Dense.of(100, 50, 7).weight().value(), Dense.of(100, 50, 7).weight().value());
    double glorot = Math.sqrt(6.0 / 150);
    double max = Dense.of(100, 50, 7).weight().value().abs().max().item();
    assertTrue(max <= glorot && max > 0.95 * glorot, "Glorot uniform fills ±√(6/(in+out))");
    double std = Math.sqrt(Dense.builder(200, 100).init(Init.heNormal()).seed(3).build()
        .weight().value().variance().item());
    // 20,000 draws: the sample std is within 2% of σ = √(2/200) = 0.1 with overwhelming odds.
    assertEquals(0.1, std, 0.002);
    double glorotStd = Math.sqrt(Dense.builder(200, 100).init(Init.glorotNormal()).seed(3).build()
        .weight().value().variance().item());
    assertEquals(Math.sqrt(2.0 / 300), glorotStd, 0.02 * Math.sqrt(2.0 / 300));
    double he = Dense.builder(200, 100).init(Init.heUniform()).seed(4).build().weight().value()
        .abs().max().item();
    assertTrue(he <= Math.sqrt(6.0 / 200) && he > 0.95 * Math.sqrt(6.0 / 200));
    assertEquals(Tensors.zeros(2, 3), Dense.builder(3, 2).init(Init.zeros()).build().weight()
        .value());
    double mean = Dense.builder(100, 100).init(Init.normal(2, 0.5)).seed(5).build().weight()
        .value().mean().item();
    // 10,000 draws: standard error 0.5/100 = 0.005; 0.025 is five of them.
    assertEquals(2, mean, 0.025);
    Variable u = Dense.builder(100, 100).init(Init.uniform(-3, -2)).seed(6).build().weight();
    assertTrue(u.value().min().item() >= -3 && u.value().max().item() < -2);
  }

  @Test
  void customModulesRegisterTheirParts() {
    Module twoLayers = new Module() {
      private final Dense first = registerModule("first", Dense.of(2, 3, 1));
      private final Dense second = registerModule("second", Dense.of(3, 1, 2));

      @Override
      public Variable forward(Variable x) {
        return second.forward(first.forward(x).relu());
      }
    };
    assertEquals(List.of("first.weight", "first.bias", "second.weight", "second.bias"),
        List.copyOf(twoLayers.namedParameters().keySet()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Sequential.of(Dense.of(2, 3, 0), Dense.of(2, 2, 0))
            .forward(Variable.constant(Tensors.ones(1, 2))));
    assertEquals("Dense(2 -> 2): input [1, 3] should be [batch, 2] (or [2], or [..., 2])",
        e.getMessage());
  }
}
