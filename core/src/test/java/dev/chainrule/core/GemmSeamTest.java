package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.gemm.Gemm;
import dev.chainrule.core.gemm.GemmBackend;
import dev.chainrule.core.gemm.MatrixBlockF32;
import dev.chainrule.core.gemm.MatrixBlockF64;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GemmSeamTest {
  private record Call(MatrixBlockF64 a, boolean transposeA, MatrixBlockF64 b, boolean transposeB,
      double alpha, double beta, MatrixBlockF64 c) {}

  private final List<Call> calls = new ArrayList<>();
  private Gemm previous;

  private void spy() {
    Gemm real = GemmBackend.get();
    previous = GemmBackend.set(new Gemm() {
      @Override
      public void gemm(double alpha, MatrixBlockF64 a, boolean ta, MatrixBlockF64 b, boolean tb,
          double beta, MatrixBlockF64 c) {
        calls.add(new Call(a, ta, b, tb, alpha, beta, c));
        real.gemm(alpha, a, ta, b, tb, beta, c);
      }

      @Override
      public void gemm(float alpha, MatrixBlockF32 a, boolean ta, MatrixBlockF32 b, boolean tb,
          float beta, MatrixBlockF32 c) {
        throw new AssertionError("float64 tensors must not reach the float32 product");
      }
    });
  }

  @AfterEach
  void restore() {
    if (previous != null) {
      GemmBackend.set(previous);
    }
  }

  @Test
  void matricesReachTheBackendAsTheTensorsOwnStorageWithTransposeFlags() {
    Tensor a = Tensors.randn(Shape.of(4, 3), 1L);
    Tensor b = Tensors.randn(Shape.of(5, 3), 2L);
    spy();
    Tensor product = a.matmul(b, Transpose.RIGHT);
    assertEquals(1, calls.size());
    Call call = calls.get(0);
    assertSame(a.dataF64(), call.a().data(), "the left operand is wrapped, not copied");
    assertSame(b.dataF64(), call.b().data(), "the right operand is wrapped, not copied");
    assertTrue(!call.transposeA() && call.transposeB(), "A·Bᵀ is asked for, not materialized");
    assertEquals(1.0, call.alpha());
    assertEquals(0.0, call.beta(), "a fresh product overwrites C");
    assertEquals(Shape.of(4, 5), product.shape());
  }

  @Test
  void batchedProductsCallTheBackendOncePerMatrixAtTheRightOffsets() {
    Tensor a = Tensors.randn(Shape.of(3, 2, 4), 1L);
    Tensor b = Tensors.randn(Shape.of(3, 4, 5), 2L);
    spy();
    a.matmul(b);
    assertEquals(3, calls.size());
    for (int i = 0; i < 3; i++) {
      assertEquals(8 * i, calls.get(i).a().offset());
      assertEquals(20 * i, calls.get(i).b().offset());
      assertEquals(10 * i, calls.get(i).c().offset());
    }
  }

  @Test
  void aBatchThroughOneMatrixIsOneCallOfAllItsRows() {
    Tensor a = Tensors.randn(Shape.of(3, 2, 4), 1L);
    Tensor b = Tensors.randn(Shape.of(4, 5), 2L);
    spy();
    Tensor product = a.matmul(b);
    assertEquals(1, calls.size(), "the broadcast right operand folds the batch into rows");
    assertEquals(6, calls.get(0).a().rows());
    assertEquals(6, calls.get(0).c().rows());
    assertEquals(Shape.of(3, 2, 5), product.shape());
  }
}
