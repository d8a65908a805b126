package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Layer factories at the limits of their arguments (the last value accepted, the first refused)
 * and the builders' setters all carried into the layer. Found by mutation testing (issue 15).
 */
class LayerArgumentsTest {

  private static void assertRefused(String start, Executable call) {
    String message = assertThrows(IllegalArgumentException.class, call).getMessage();
    assertTrue(message.startsWith(start), message);
  }

  @Test
  void batchNormKeepsItsSettingsAndRefusesOnesOutsideTheirRange() {
    BatchNorm1d norm = BatchNorm1d.of(3, 1e-3, 0.2, false);
    assertEquals(3, norm.features());
    assertEquals(1e-3, norm.eps());
    assertEquals(0.2, norm.momentum());
    assertFalse(norm.affine());
    assertTrue(BatchNorm2d.of(1, Double.MIN_VALUE, 0, true).affine(), "1 feature, momentum 0");
    assertEquals(1.0, BatchNorm1d.of(1, 1e-5, 1, true).momentum());
    assertRefused("BatchNorm1d: features must be positive, got 0", () -> BatchNorm1d.of(0));
    assertRefused("BatchNorm1d: eps must be finite and positive, got -1.0E-9 (a channel of equal"
        + " values has variance 0, and x̂ = 0/√(0 + eps))",
        () -> BatchNorm1d.of(2, -1e-9, 0.1, true));
    assertRefused("BatchNorm1d: eps must be finite and positive, got Infinity (a channel of equal"
        + " values has variance 0, and x̂ = 0/√(0 + eps))",
        () -> BatchNorm1d.of(2, Double.POSITIVE_INFINITY, 0.1, true));
    assertRefused("BatchNorm2d: momentum must lie in [0, 1], got -0.1",
        () -> BatchNorm2d.of(2, 1e-5, -0.1, true));
    assertRefused("BatchNorm2d: momentum must lie in [0, 1], got 1.5",
        () -> BatchNorm2d.of(2, 1e-5, 1.5, true));
  }

  @Test
  void conv2dBuilderCarriesEverySetting() {
    List<int[]> fans = new ArrayList<>();
    Init recording = (shape, fanIn, fanOut, random) -> {
      fans.add(new int[] {fanIn, fanOut});
      return Tensors.full(shape, 0.5);
    };
    Conv2d conv = Conv2d.builder(4, 6, 3, 2).stride(2).padding(1).dilation(1).groups(2)
        .bias(true).init(recording).biasInit(Init.constant(0.25)).random(Tensors.seeded(1))
        .build();
    assertEquals(4, conv.inChannels());
    assertEquals(6, conv.outChannels());
    assertEquals("stride 2, padding 1, dilation 1, groups 2", conv.options().toString());
    assertEquals(Tensors.full(Shape.of(6, 2, 3, 2), 0.5), conv.weight().value());
    assertEquals(Tensors.full(Shape.of(6), 0.25), conv.bias().value());
    // fan-in: 4 / 2 groups · 3·2 taps = 12; fan-out: 6 · 3·2 = 36.
    assertEquals(List.of(12, 36), List.of(fans.get(0)[0], fans.get(0)[1]));
  }

  @Test
  void conv2dRefusesEmptySizesAndAnInitOfTheWrongShape() {
    Conv2d.builder(1, 1, 1).build();
    assertRefused("Conv2d: channels and kernel must be positive, got 0 -> 1, kernel 1×1",
        () -> Conv2d.builder(0, 1, 1));
    assertRefused("Conv2d: channels and kernel must be positive, got 1 -> 0, kernel 1×1",
        () -> Conv2d.builder(1, 0, 1));
    assertRefused("Conv2d: channels and kernel must be positive, got 1 -> 1, kernel 0×1",
        () -> Conv2d.builder(1, 1, 0, 1));
    assertRefused("Conv2d: channels and kernel must be positive, got 1 -> 1, kernel 1×0",
        () -> Conv2d.builder(1, 1, 1, 0));
    assertRefused("Conv2d: weight init", () -> Conv2d.builder(2, 2, 1)
        .init((shape, fanIn, fanOut, random) -> Tensors.zeros(1)).build());
  }

  /** The layer's builder names the layer, as its other refusals do, not the conv2d operation. */
  @Test
  void conv2dBuilderRefusesWindowSettingsInTheLayersName() {
    assertRefused("Conv2d: padding must be at least 0, got (-1, -1)",
        () -> Conv2d.builder(3, 4, 3).padding(-1));
    assertRefused("Conv2d: padding must be at least 0, got (1, -2)",
        () -> Conv2d.builder(3, 4, 3).padding(1, -2));
    assertRefused("Conv2d: stride must be at least 1, got (0, 0)",
        () -> Conv2d.builder(3, 4, 3).stride(0));
    assertRefused("Conv2d: stride must be at least 1, got (2, 0)",
        () -> Conv2d.builder(3, 4, 3).stride(2, 0));
    assertRefused("Conv2d: dilation must be at least 1, got (0, 0)",
        () -> Conv2d.builder(3, 4, 3).dilation(0));
    assertRefused("Conv2d: dilation must be at least 1, got (1, 0)",
        () -> Conv2d.builder(3, 4, 3).dilation(1, 0));
    assertRefused("Conv2d: groups must be at least 1, got 0",
        () -> Conv2d.builder(3, 4, 3).groups(0));
    // The boundaries themselves are taken.
    assertEquals("stride 1, padding 0, dilation 1", Conv2d.builder(3, 4, 3).stride(1).padding(0)
        .dilation(1).groups(1).build().options().toString());
  }

  @Test
  void denseRefusesEmptySizesAndAMismatchedBias() {
    assertEquals(1, Dense.builder(1, 1).build().outFeatures());
    assertRefused("Dense: sizes must be positive, got 0 -> 1", () -> Dense.builder(0, 1));
    assertRefused("Dense: sizes must be positive, got 1 -> 0", () -> Dense.builder(1, 0));
    assertRefused("Dense: weight [0, 3]: sizes must be positive (out 0, in 3)",
        () -> Dense.of(Tensors.zeros(0, 3), null));
    assertRefused("Dense: weight [3, 0]: sizes must be positive (out 3, in 0)",
        () -> Dense.of(Tensors.zeros(3, 0), null));
    assertRefused("Dense: bias is float32, weight is float64",
        () -> Dense.of(Tensors.zeros(1, 1), Tensors.zeros(Shape.of(1), DType.FLOAT32)));
    assertEquals(Tensor.vector(0), Dense.of(Tensors.zeros(1, 1), Tensors.zeros(1)).bias().value());
  }

  @Test
  void conv2dBuilderCarriesStrideAndPaddingPerAxis() {
    Conv2d conv = Conv2d.builder(1, 1, 3).stride(1, 2).padding(0, 1).build();
    assertEquals("stride (1, 2), padding (0, 1), dilation 1", conv.options().toString());
  }

  @Test
  void initialisersAtTheEdgesOfTheirRanges() {
    assertRefused("Init.uniform: need finite low < high, got [1.0, 1.0)",
        () -> Init.uniform(1, 1));
    assertRefused("Init.uniform: need finite low < high, got [2.0, 1.0)",
        () -> Init.uniform(2, 1));
    // σ = 0 is a constant initialiser, as PyTorch's normal_(mean, 0) fills with the mean.
    assertEquals(Tensors.full(Shape.of(2, 3), 3), Dense.builder(3, 2).init(Init.normal(3, 0))
        .build().weight().value());
    assertRefused("Init.normal: need a finite mean and a finite std >= 0, got mean 0.0, std -1.0",
        () -> Init.normal(0, -1));
  }

  @Test
  void sizesOfZeroAreRefusedByTheLayerTheUserBuilt() {
    // [0, 3] has the form [count, dimension]; the refusal names what is wrong, the empty size.
    assertRefused("Embedding: weight [0, 3]: sizes must be positive (count 0, dimension 3)",
        () -> Embedding.of(Tensors.zeros(0, 3)));
    assertRefused("Embedding: weight [2, 0]: sizes must be positive (count 2, dimension 0)",
        () -> Embedding.of(Tensors.zeros(2, 0), 0));
    assertRefused("Embedding: weight [3] should be [count, dimension]",
        () -> Embedding.of(Tensors.zeros(3)));
    assertEquals(1, Embedding.of(Tensors.zeros(1, 1)).count());
    // Not the Dense inside it, a layer the user never built.
    assertRefused("Maxout: sizes must be positive, got 0 -> 2", () -> new Maxout(0, 2, 2, 1L));
    assertRefused("LayerNorm: the normalized shape [4, 0] must have positive sizes",
        () -> LayerNorm.of(4, 0));
    assertRefused("BatchNorm1d: eps must be finite and positive, got 0.0",
        () -> BatchNorm1d.of(2, 0, 0.1, true));
  }

  @Test
  void dropoutTakesEveryProbabilityFromZeroToOne() {
    assertEquals(0.0, Dropout.of(0, 1L).p());
    assertEquals(1.0, Dropout.of(1, 1L).p());
    assertRefused("Dropout: p must lie in [0, 1], got -0.1", () -> Dropout.of(-0.1, 1L));
    assertRefused("Dropout: p must lie in [0, 1], got 1.1", () -> Dropout.of(1.1, 1L));
  }
}
