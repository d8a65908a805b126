package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.Conv2dOptions;
import dev.chainrule.core.Pool2dOptions;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An input with an empty height that padding gives outputs (a 0×3 image, padded by 1, under a
 * 2×2 window: one row of four windows over padding alone) has an empty gradient. The forward
 * took it, and backward then failed inside conv2d's rule, whose convTranspose2d refused "output
 * size 0×3"; average pooling, a convolution here, failed the same way.
 */
class EmptyConvolutionInputTest {
  @Test
  void aConvolutionOfAnEmptyHeightHasAnEmptyInputGradient() {
    Variable x = Variable.parameter(Tensors.zeros(1, 1, 0, 3));
    Variable w = Variable.parameter(Tensors.ones(1, 1, 2, 2));
    Variable b = Variable.parameter(Tensor.vector(0.5));
    Variable y = x.conv2d(w, b, Conv2dOptions.builder().padding(1).build());
    assertEquals(Tensors.full(Shape.of(1, 1, 1, 4), 0.5), y.value(), "padding and the bias");
    y.sum().backward();
    assertEquals(Tensors.zeros(1, 1, 0, 3), x.grad());
    assertEquals(Tensors.zeros(1, 1, 2, 2), w.grad(), "every tap read padding");
    assertEquals(Tensor.vector(4), b.grad(), "four outputs, exact");
  }

  /** The second order too: the weight's recorded gradient, differentiated by the input. */
  @Test
  void theWeightsGradientOfAnEmptyHeightDifferentiatesToAnEmptyGradient() {
    Variable x = Variable.parameter(Tensors.zeros(1, 1, 0, 3));
    Variable w = Variable.parameter(Tensors.ones(1, 1, 2, 2));
    Variable y = x.conv2d(w, null, Conv2dOptions.builder().padding(1).build());
    Variable wGrad = Gradients.of(List.of(y.sum()), List.of(w), null,
        Gradients.Options.creatingGraph()).get(0);
    assertEquals(Tensors.zeros(1, 1, 2, 2), wGrad.value());
    assertEquals(Tensors.zeros(1, 1, 0, 3), Gradients.of(List.of(wGrad.sum()), List.of(x), null,
        Gradients.Options.defaults().withAllowUnused()).get(0).value());
  }

  @Test
  void anAveragePoolingOfAnEmptyWidthHasAnEmptyGradient() {
    Variable x = Variable.parameter(Tensors.zeros(1, 2, 3, 0));
    Variable y = x.avgPool2d(Pool2dOptions.builder(2, 2).stride(1).padding(1, 1).build());
    assertEquals(Tensors.zeros(1, 2, 4, 1), y.value());
    y.sum().backward();
    assertEquals(Tensors.zeros(1, 2, 3, 0), x.grad());
  }
}
