package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dense is PyTorch's Linear: weight [out, in], y = x·Wᵀ + b, checked when it is built. */
class DenseTest {
  private static final Tensor WEIGHT = Tensor.matrix(new double[][] {{1, 0}, {1, 1}, {0, 2}});

  @Test
  void fromGivenTensorsComputesXTimesWeightTransposedPlusBias() {
    Dense dense = Dense.of(WEIGHT, Tensor.vector(10, 20, 30));
    assertEquals(2, dense.inFeatures());
    assertEquals(3, dense.outFeatures());
    Tensor x = Tensor.matrix(new double[][] {{1, 2}, {3, 4}});
    // Row (1, 2): 1·1 + 2·0 + 10, 1 + 2 + 20, 0 + 4 + 30.
    assertEquals(Tensor.matrix(new double[][] {{11, 23, 34}, {13, 27, 38}}),
        dense.forward(Variable.constant(x)).value());
    assertEquals(Tensor.vector(1, 3, 4), Dense.of(WEIGHT, null)
        .forward(Variable.constant(Tensor.vector(1, 2))).value());
  }

  @Test
  void wrongShapesAreRefusedWhenTheLayerIsBuilt() {
    assertMessage("Dense: weight [3] should be [out, in]",
        () -> Dense.of(Tensor.vector(1, 2, 3), null));
    assertMessage("Dense: bias [2] does not match weight [3, 2] (expected [3], one per output)",
        () -> Dense.of(WEIGHT, Tensor.vector(1, 2)));
    Init transposed = (shape, in, out, random) -> Tensors.zeros(Shape.of(out, in));
    assertMessage("Dense(2 -> 3): weight init " + transposed + " returned [3, 2], expected [2, 3]",
        () -> Dense.builder(2, 3).init(transposed).build());
    assertMessage("Dense(2 -> 3): bias init constant(0.0) returned [], expected [3]",
        () -> Dense.builder(2, 3).biasInit(Init.named("constant(0.0)",
            (shape, in, out, random) -> Tensor.scalar(0))).build());
  }

  @Test
  void initialisersFillTheInByOutMatrixWhichIsStoredTransposed() {
    Init rows = (shape, in, out, random) -> {
      assertEquals(Shape.of(2, 3), shape, "[in, out]: one row per input");
      assertEquals(2, in);
      assertEquals(3, out);
      return Tensor.matrix(new double[][] {{1, 2, 3}, {4, 5, 6}});
    };
    assertEquals(Tensor.matrix(new double[][] {{1, 4}, {2, 5}, {3, 6}}),
        Dense.builder(2, 3).init(rows).build().weight().value());
  }

  /** A float32 weight init beside the default bias gave a float32 weight and a float64 bias. */
  @Test
  void theDefaultBiasTakesTheWeightInitsTypeAndAnotherTypeIsRefused() {
    Init float32 = (shape, in, out, random) -> Tensors.uniform(shape, -1, 1, random,
        DType.FLOAT32);
    Dense layer = Dense.builder(3, 2).init(float32).build();
    assertEquals(DType.FLOAT32, layer.bias().dtype());
    assertEquals(DType.FLOAT32, layer.forward(Variable.constant(
        Tensors.ones(Shape.of(1, 3), DType.FLOAT32))).dtype());
    Init float64 = (shape, in, out, random) -> Tensors.zeros(shape);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Dense.builder(3, 2).init(float32).biasInit(float64).build());
    assertEquals(true, e.getMessage().endsWith("gives float64: a layer computes in one type"),
        e.getMessage());
  }

  /** A float32 layer given float64 data computed in float64 without a word; PyTorch refuses. */
  @Test
  void inputOfAnotherTypeIsRefusedAndASharedWeightIsCheckedAsAGivenOne() {
    Dense layer = Dense.of(3, 2, 1L);
    layer.to(DType.FLOAT32);
    assertMessage("Dense(3 -> 2): input is float64 and the parameters float32: convert the input"
        + " (x.to(DType.FLOAT32)) or the model (model.to(DType.FLOAT64)); if the input was made"
        + " inside a forward (a mask, a constant), make it with Tensors.fullLike, onesLike or"
        + " zerosLike of a value of the model's type",
        () -> layer.forward(Variable.constant(Tensors.ones(1, 3))));
    assertMessage("Dense: bias [3] does not match weight [2, 3] (expected [2], one per output)",
        () -> Dense.sharing(layer.weight(), Tensors.zeros(3)));
  }

  /**
   * An op of one's own whose forward made float64 from float32 (a {@code Tensors.ones} beside
   * its input) went on unnoticed until the next layer; the refusal names the op that made it.
   */
  @Test
  void anInputAnOpComputedInAnotherTypeIsRefusedNamingTheOp() {
    Op widen = Op.unary("widen", (ctx, x) -> x.add(Tensors.ones(x.shape())), (ctx, g) -> g);
    Sequential model =
        Sequential.of(Dense.of(2, 3, 1L), Activation.of("widen", widen::apply), Dense.of(3, 2, 2L));
    model.to(DType.FLOAT32);
    assertMessage("Dense(3 -> 2): input is float64 (the output of 'widen') and the parameters"
        + " float32: convert the input (x.to(DType.FLOAT32)) or the model (model.to("
        + "DType.FLOAT64)); if the input was made inside a forward (a mask, a constant), make it"
        + " with Tensors.fullLike, onesLike or zerosLike of a value of the model's type",
        () -> model.forward(Variable.constant(Tensors.ones(1, 2).to(DType.FLOAT32))));
  }

  /**
   * Every layer with parameters checks the input's type itself, so the message names the layer
   * the user built (Maxout's inner Dense would name a layer the user never wrote).
   */
  @Test
  void everyLayerWithParametersRefusesAnInputOfAnotherTypeByItsOwnName() {
    Map<Module, Tensor> inputs = new LinkedHashMap<>();
    inputs.put(BatchNorm1d.of(3), Tensors.ones(2, 3));
    inputs.put(LayerNorm.of(3), Tensors.ones(2, 3));
    inputs.put(Conv2d.builder(1, 2, 1).build(), Tensors.ones(1, 1, 2, 2));
    inputs.put(new Maxout(3, 2, 2, 1L), Tensors.ones(2, 3));
    inputs.put(new RadialBasis(3, 2, 1, 1L), Tensors.ones(2, 3));
    inputs.forEach((layer, x) -> {
      String name = layer.getClass().getSimpleName();
      layer.to(DType.FLOAT32);
      String message = assertThrows(IllegalArgumentException.class,
          () -> layer.forward(Variable.constant(x))).getMessage();
      assertTrue(message.startsWith(name) && message.contains(": input is float64 and the"
          + " parameters float32: convert the input (x.to(DType.FLOAT32))"), message);
      assertEquals(DType.FLOAT32, layer.forward(Variable.constant(x.to(DType.FLOAT32))).dtype(),
          name);
    });
  }

  private static void assertMessage(String expected, Runnable action) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, action::run)
        .getMessage());
  }
}
