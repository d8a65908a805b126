package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * softmax and logSoftmax of an empty tensor, an empty axis included, as PyTorch gives them: an
 * empty result of the input's shape, and through backward an empty gradient of that shape (their
 * rules' sums over the empty axis are sums of nothing, 0). Before, the forward was refused by
 * logSumExp ("cannot reduce the empty axis").
 */
class EmptySoftmaxGradientTest {

  @Test
  void anEmptyAxisHasAnEmptyValueAndGradient() {
    for (DType dtype : DType.values()) {
      Tensor empty = Tensors.zeros(Shape.of(2, 0), dtype);
      Variable x = Variable.parameter(empty);
      Variable y = x.softmax(1).add(x.logSoftmax(-1));
      assertEquals(empty, y.value(), dtype.toString());
      y.sum().backward();
      assertEquals(empty, x.grad(), dtype.toString());
    }
  }

  @Test
  void anEmptyTensorHasAnEmptyGradientAtSecondOrderToo() {
    // The empty axis itself, and an empty tensor normalised along a full axis.
    for (Shape shape : List.of(Shape.of(2, 0), Shape.of(0, 3))) {
      Variable x = Variable.parameter(Tensors.zeros(shape));
      Variable dx = Gradients.of(List.of(x.softmax(1).mul(x.logSoftmax(1)).sum()), List.of(x),
          null, Gradients.Options.creatingGraph()).get(0);
      assertEquals(Tensors.zeros(shape), dx.value(), shape.toString());
      Variable ddx = Gradients.of(List.of(dx.sum()), List.of(x), null,
          Gradients.Options.defaults()).get(0);
      assertEquals(Tensors.zeros(shape), ddx.value(), shape.toString());
    }
  }
}
