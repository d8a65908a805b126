package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A buffer registered with {@code persistent} false, PyTorch's {@code register_buffer(...,
 * persistent=False)}: listed and converted as any buffer, left out of the state dict. Before it
 * existed, a constant kept as a buffer made a PyTorch file of the same model, which lacks it,
 * fail to load as missing it, and one kept in a plain field was not converted by {@code to}.
 */
class NonPersistentBufferTest {
  /** A dense layer whose outputs a constant mask (one of the module's making) multiplies. */
  static final class MaskedDense extends Module {
    private final Dense dense;

    MaskedDense() {
      dense = registerModule("dense", Dense.of(2, 2, 1L));
      registerBuffer("mask", Tensor.vector(1, 0), false);
      registerBuffer("scale", Tensor.vector(2, 2));
    }

    @Override
    public Variable forward(Variable x) {
      return dense.forward(x).mul(Variable.constant(buffer("mask").mul(buffer("scale"))));
    }
  }

  @Test
  void isListedButNotInTheStateDict() {
    Sequential model = Sequential.of(new MaskedDense());
    assertEquals(List.of("0.mask", "0.scale"), List.copyOf(model.namedBuffers().keySet()));
    assertEquals(List.of("0.scale", "0.dense.weight", "0.dense.bias"),
        List.copyOf(model.stateDict().keySet()), "the module's persistent buffer, then its"
        + " child's parameters; the mask is the module's own making, as in PyTorch's state_dict");
  }

  @Test
  void isConvertedByToAndLoadableByPath() {
    Sequential model = Sequential.of(new MaskedDense());
    model.to(DType.FLOAT32);
    Tensor mask = model.namedBuffers().get("0.mask");
    assertEquals(DType.FLOAT32, mask.dtype());
    model.loadBuffer("0.mask", Tensor.vector(0, 1));
    assertSame(mask, model.namedBuffers().get("0.mask"), "loaded in place");
    assertEquals(List.of(0.0, 1.0), List.of(mask.flatGet(0), mask.flatGet(1)));
  }
}
