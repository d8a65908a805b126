package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Embedding with a padding index (2, and −1 for the last of 6 rows) against PyTorch 1.13, in
 * float64 and float32: a table whose padding row is not zero (loaded as PyTorch's {@code
 * from_pretrained(weight, freeze=False, padding_idx=k)} loads it), indices [3, 4] holding the
 * padding index three or four times, L = Σ G·y + ½ Σ y², its backward pass and one SGD step with
 * weight decay (p ← p − lr·(∂p + λ·p), lr 0.1, λ 0.5, torch.optim.SGD's rule without momentum,
 * written out here because nn does not depend on optim). The lookup returns the padding row as
 * loaded, its gradient is exactly zero, and the step shrinks it by lr·λ all the same. The numbers
 * come from {@code src/test/resources/torch/embedding_padding.py} (its docstring has the command).
 *
 * <p>Tolerances, each within the stated fraction of the tensor's largest magnitude (or of 1):
 * float64 1e-12, float32 1e-6. The lookups are copies and the table's gradient sums at most 4
 * terms per element, which PyTorch's scatter may add in another order (a few ulps); as measured,
 * the outputs and gradients are bit for bit PyTorch's in both types, and only the SGD step
 * differs, by 4.1e-17 in float64 and 4.4e-8 in float32 (the rounding of p − lr·(∂p + λ·p)
 * computed in another order: an ulp or so). The margins leave room for a summation order that
 * changes; a padding row that took its gradient would be off by more than 1 in either type.
 */
class PyTorchEmbeddingPaddingTest {
  private static final double LEARNING_RATE = 0.1;
  private static final double WEIGHT_DECAY = 0.5;
  private static final Map<String, Tensor> TORCH =
      TorchFixtures.read("/torch/embedding_padding.txt");

  @ParameterizedTest
  @CsvSource({"pad2_float64, 2, FLOAT64, 1e-12", "pad2_float32, 2, FLOAT32, 1e-6",
      "pad_minus1_float64, -1, FLOAT64, 1e-12", "pad_minus1_float32, -1, FLOAT32, 1e-6"})
  void lookupGradientAndSgdStepArePyTorchs(String name, int paddingIndex, DType dtype,
      double tolerance) {
    String key = name + "/";
    Embedding embedding = Embedding.of(torch(key + "weight").to(dtype), paddingIndex);
    int row = embedding.paddingIndex().orElseThrow();
    assertEquals(paddingIndex < 0 ? 6 + paddingIndex : paddingIndex, row);

    Variable y = embedding.forward(Variable.constant(torch(key + "indices").to(dtype)));
    assertEquals(dtype, y.dtype());
    y.mul(Variable.constant(torch(key + "g").to(dtype))).sum().add(y.square().sum().mul(0.5))
        .backward();
    TorchFixtures.assertClose(TORCH, key + "y", y.value(), tolerance);
    Tensor grad = embedding.weight().grad();
    TorchFixtures.assertClose(TORCH, key + "weight_grad", grad, tolerance);
    // Exactly zero, not within a tolerance: nothing is scattered into the padding row.
    assertEquals(0, grad.slice(0, row, row + 1).abs().max().item(), "padding row's gradient");

    Tensor w = embedding.weight().value();
    w.assignInPlace(w.sub(grad.add(w.mul(WEIGHT_DECAY)).mul(LEARNING_RATE)));
    TorchFixtures.assertClose(TORCH, key + "weight_after_sgd", w, tolerance);
  }

  @Test
  void aDrawnTablesPaddingRowIsZerosAsPyTorchsIs() {
    Embedding embedding = Embedding.builder(6, 3).paddingIndex(-2).seed(1L).build();
    Tensor row = embedding.weight().value().slice(0, 4, 5).reshape(3);
    TorchFixtures.assertClose(TORCH, "fresh_pad_minus2/padding_row", row, 0);
  }

  private static Tensor torch(String key) {
    return TorchFixtures.get(TORCH, key);
  }
}
