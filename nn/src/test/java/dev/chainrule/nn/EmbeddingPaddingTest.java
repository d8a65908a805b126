package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.autograd.check.GradCheckReport;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Embedding's padding index: the option, its refusals and its name; the padding row's gradient is
 * exactly zero whatever reaches it, and the other rows' gradients are checked against central
 * differences. PyTorchEmbeddingPaddingTest compares values and gradients with PyTorch.
 */
class EmbeddingPaddingTest {
  private static final Tensor INDICES = Tensor.matrix(new double[][] {{4, 0, 4}, {2, 4, 1}});

  private static void assertRefused(String message, Executable call) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  private static Tensor row(Tensor table, int row) {
    return table.slice(0, row, row + 1);
  }

  @Test
  void theBuilderZeroesThePaddingRowAndDrawsTheOthersAsWithout() {
    Embedding plain = Embedding.of(6, 3, 7L);
    Embedding padded = Embedding.builder(6, 3).paddingIndex(-2).seed(7L).build();
    assertEquals(OptionalInt.empty(), plain.paddingIndex());
    assertEquals(OptionalInt.of(4), padded.paddingIndex(), "−2 counts from the end");
    Tensor table = padded.weight().value();
    assertEquals(Tensors.zeros(1, 3), row(table, 4));
    for (int r : new int[] {0, 1, 2, 3, 5}) {
      assertEquals(row(plain.weight().value(), r), row(table, r), "row " + r);
    }
    // The draws of before the builder: N(0, 1) from the seed, row after row.
    assertEquals(Tensors.randn(Shape.of(6, 3), Tensors.seeded(7L)), plain.weight().value(),
        "of(count, dimension, seed) draws as it did");
    assertEquals(DType.FLOAT64, padded.dtype());
  }

  @Test
  void aPaddingIndexOutsideTheTableIsRefusedNamingTheLayerAndTheValue() {
    assertRefused("Embedding(6, 3): padding index must lie in [-6, 6), got 6",
        () -> Embedding.builder(6, 3).paddingIndex(6));
    assertRefused("Embedding(6, 3): padding index must lie in [-6, 6), got -7",
        () -> Embedding.builder(6, 3).paddingIndex(-7));
    assertRefused("Embedding(2, 5): padding index must lie in [-2, 2), got 2",
        () -> Embedding.of(Tensors.zeros(2, 5), 2));
    assertEquals(OptionalInt.of(0), Embedding.of(Tensors.zeros(2, 5), -2).paddingIndex());
    assertEquals(OptionalInt.of(5), Embedding.builder(6, 3).paddingIndex(5).build()
        .paddingIndex());
  }

  /**
   * Row 0, the padding row most vocabularies reserve, is zeroed and named like any other (only
   * a negative row means none); a shared generator draws as a seed's does.
   */
  @Test
  void paddingRowZeroIsZeroedAndNamed() {
    Embedding padded = Embedding.builder(6, 3).paddingIndex(0).random(Tensors.seeded(7L)).build();
    assertEquals(Tensors.zeros(1, 3), row(padded.weight().value(), 0));
    assertEquals(row(Embedding.of(6, 3, Tensors.seeded(7L)).weight().value(), 1),
        row(padded.weight().value(), 1), "row 1 as drawn without padding");
    assertEquals(row(Embedding.of(6, 3, 7L).weight().value(), 1), row(padded.weight().value(), 1),
        "a generator seeded 7 draws as the seed 7");
    assertEquals("Embedding(6, 3, padding index 0)  [18 parameters]",
        padded.toString().lines().findFirst().orElseThrow());
  }

  @Test
  void theNameShowsThePaddingIndexAndTheStateHoldsTheTableOnly() {
    Embedding padded = Embedding.builder(6, 3).paddingIndex(-1).build();
    assertEquals("Embedding(6, 3, padding index 5)  [18 parameters]",
        padded.toString().lines().findFirst().orElseThrow());
    assertEquals("Embedding(6, 3)  [18 parameters]",
        Embedding.of(6, 3, 1L).toString().lines().findFirst().orElseThrow());
    assertEquals(Set.of("weight"), padded.stateDict().keySet(), "an option, not state, as in"
        + " PyTorch's state_dict");
    assertEquals("Embedding(6, 3, padding index 5): indices must lie in [0, 6), got values from"
        + " 6.0 to 6.0",
        assertThrows(IllegalArgumentException.class, () -> padded.forward(
            Variable.constant(Tensor.vector(6))), "the padding index adds no index to the range")
            .getMessage());
  }

  /** Where PyTorch's backward skips padding_idx, an infinite or NaN gradient there leaves 0. */
  @Test
  void thePaddingRowsGradientIsExactlyZeroWhateverReachesIt() {
    Tensor table = Tensors.randn(Shape.of(5, 3), 1L);
    Embedding embedding = Embedding.of(table, 4);
    Variable y = embedding.forward(Variable.constant(INDICES));
    assertEquals(row(table, 4).reshape(3), y.value().slice(0, 0, 1).slice(1, 0, 1).reshape(3),
        "the lookup returns the row as loaded");
    Tensor g = Tensors.randn(Shape.of(2, 3, 3), 2L);
    double[] values = g.toArray();
    values[0] = Double.POSITIVE_INFINITY;  // [0, 0, 0], a padding position
    values[12] = Double.NaN;  // [1, 1, 0], another
    y.backward(Tensor.of(values, 2, 3, 3));
    Tensor grad = embedding.weight().grad();
    assertArrayEquals(new double[3], row(grad, 4).toArray(), 0);
    assertEquals(row(g, 1).slice(1, 0, 1).reshape(1, 3), row(grad, 2));
    assertEquals(0, row(grad, 3).abs().max().item(), "row 3 was not looked up");
    assertTrue(Double.isFinite(grad.abs().max().item()), grad::toString);
  }

  @Test
  void aBatchWithoutThePaddingIndexOrWithoutGradientsIsThePlainLookup() {
    Tensor table = Tensors.randn(Shape.of(5, 3), 1L);
    Embedding padded = Embedding.of(table, 3);
    Embedding plain = Embedding.of(table.copy());
    Tensor g = Tensors.randn(Shape.of(2, 3, 3), 2L);
    padded.forward(Variable.constant(INDICES)).backward(g);
    plain.forward(Variable.constant(INDICES)).backward(g);
    assertEquals(plain.weight().grad(), padded.weight().grad());
    try (var scope = Autograd.noGrad()) {
      Tensor withPadding = Tensor.vector(3, 0, 3);
      assertEquals(plain.forward(Variable.constant(withPadding)).value(),
          padded.forward(Variable.constant(withPadding)).value());
    }
  }

  @Test
  void convertingTheLayerKeepsItsPaddingIndex() {
    Embedding padded = Embedding.builder(5, 2).paddingIndex(1).seed(3L).build();
    padded.to(DType.FLOAT32);
    assertEquals(OptionalInt.of(1), padded.paddingIndex());
    Variable y = padded.forward(Variable.constant(Tensor.vector(1, 0, 1).to(DType.FLOAT32)));
    y.square().sum().backward();
    assertEquals(DType.FLOAT32, padded.weight().grad().dtype());
    assertEquals(0, row(padded.weight().grad(), 1).abs().max().item());
    assertTrue(row(padded.weight().grad(), 0).abs().max().item() > 0);
  }

  /**
   * Central differences see the padding row: moving it moves the lookups that return it, while its
   * gradient is zero by definition (PyTorch's too). So a check of a loss that reads those lookups
   * fails there, and only there: the worst comparison is in the padding row, the engine's value
   * 0. With the padding positions' outputs left out of the loss, the padding row no longer
   * influences it, and the check of the whole table (4 × 3 elements, the full Jacobian) passes:
   * the other rows' gradients, with the padding positions present in the batch, are right.
   */
  @Test
  void centralDifferencesAgreeEverywhereButThePaddingRow() {
    Embedding embedding = Embedding.of(Tensors.randn(Shape.of(4, 3), 5L), -1);
    Tensor indices = Tensor.matrix(new double[][] {{3, 0, 3, 1}, {2, 3, 0, 0}});
    Variable x = Variable.constant(indices);
    GradCheckReport everything = GradCheck.checkParameters(
        () -> embedding.forward(x).tanh().sum(), embedding.parameters());
    assertFalse(everything.passed(), everything::toString);
    assertEquals(Verdict.WRONG_DERIVATIVE, everything.verdict(), everything::toString);
    assertEquals(3, everything.inputIndex()[0], everything::toString);
    assertEquals(0, everything.analytical(), everything::toString);

    // 1 where an index is not the padding row's, for each of the 3 values of the row.
    Tensor kept = indices.ne(3).unsqueeze(2);
    GradCheckReport otherRows = GradCheck.checkParameters(
        () -> embedding.forward(x).tanh().mul(Variable.constant(kept)).sum(),
        embedding.parameters());
    assertTrue(otherRows.passed(), otherRows::toString);
    assertEquals(12, otherRows.comparisons(), otherRows::toString);
  }
}
