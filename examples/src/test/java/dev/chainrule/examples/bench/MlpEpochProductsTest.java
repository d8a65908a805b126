package dev.chainrule.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.core.gemm.Gemm;
import dev.chainrule.core.gemm.GemmBackend;
import dev.chainrule.core.gemm.GemmSelection;
import dev.chainrule.core.gemm.MatrixBlockF32;
import dev.chainrule.core.gemm.MatrixBlockF64;
import dev.chainrule.optim.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The MLP's "products alone" are products its epoch runs: a training step's, batch by batch, the
 * last batch's smaller sizes included. No timing here: the products are recorded, not timed.
 */
class MlpEpochProductsTest {
  /** Each product's m×n×k, after the backend it passes them to computes them. */
  private static final class Recording implements Gemm {
    final Gemm inner;
    final List<String> products = new ArrayList<>();

    Recording(Gemm inner) {
      this.inner = inner;
    }

    @Override
    public void gemm(double alpha, MatrixBlockF64 a, boolean transposeA, MatrixBlockF64 b,
        boolean transposeB, double beta, MatrixBlockF64 c) {
      products.add(c.rows() + "×" + c.cols() + "×" + (transposeA ? a.rows() : a.cols()));
      inner.gemm(alpha, a, transposeA, b, transposeB, beta, c);
    }

    @Override
    public void gemm(float alpha, MatrixBlockF32 a, boolean transposeA, MatrixBlockF32 b,
        boolean transposeB, float beta, MatrixBlockF32 c) {
      products.add(c.rows() + "×" + c.cols() + "×" + (transposeA ? a.rows() : a.cols()));
      inner.gemm(alpha, a, transposeA, b, transposeB, beta, c);
    }
  }

  private static List<String> sorted(List<String> products) {
    List<String> copy = new ArrayList<>(products);
    copy.sort(null);
    return copy;
  }

  @Test
  void theProductsAloneAreTheEpochsProducts() {
    // 300 rows: two batches of 128 and a last one of 44, so the last batch's sizes count too.
    Tensor features = Tensors.rand(Shape.of(300, 20), 1L);
    Tensor labels = Tensors.rand(Shape.of(300), 2L).mul(4).map(Math::floor);
    for (DType dtype : DType.values()) {
      MlpEpoch mlp = new MlpEpoch(new Dataset(features, labels), 42, dtype);
      GemmSelection before = GemmBackend.selection();
      Recording epoch = new Recording(GemmBackend.get());
      Recording alone = new Recording(GemmBackend.get());
      try {
        GemmBackend.set(epoch);
        mlp.epoch();
        GemmBackend.set(alone);
        double seconds = mlp.gemmOnly();
        assertTrue(seconds >= 0, dtype + ": " + seconds);
      } finally {
        GemmBackend.restore(before);
      }
      // Per batch of b rows: forward b×256×20, b×128×256, b×4×128; weight gradients 256×20×b,
      // 128×256×b, 4×128×b; input gradients of the two upper layers b×256×128, b×128×4.
      assertEquals(24, alone.products.size(), dtype + ": " + alone.products);
      // Each product alone is one the epoch runs, as often or less. The epoch runs more (51
      // here, 1.7 times the operations): each fit first measures the untrained loss for its
      // divergence check, forward passes over up to 1,024 rows (all 300 here; some 1 % of a
      // 60,000-row epoch's work), which the products alone leave out.
      List<String> unmatched = new ArrayList<>(sorted(alone.products));
      epoch.products.forEach(unmatched::remove);
      assertEquals(List.of(), unmatched, dtype + ": epoch " + sorted(epoch.products));
    }
  }

  @Test
  void refusesLabelsThatAreNotClassIndices() {
    Tensor oneHot = Tensors.zeros(Shape.of(4, 3));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new MlpEpoch(new Dataset(Tensors.zeros(Shape.of(4, 2)), oneHot), 42,
            DType.FLOAT64));
    assertEquals("bench: MLP labels must be class indices [N], got [4, 3]", e.getMessage());
  }
}
