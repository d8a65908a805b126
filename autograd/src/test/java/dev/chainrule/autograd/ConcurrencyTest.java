package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.core.gemm.GemmBackend;
import dev.chainrule.core.gemm.GemmSelection;
import dev.chainrule.core.gemm.JavaGemm;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Separate graphs on separate threads must not interfere: results are bitwise those of one. */
class ConcurrencyTest {
  private static final int THREADS = 8;
  private static final int PASSES = 1_000;

  /** The gradient of a small MLP loss for the given pass, from freshly built parameters. */
  private static List<Tensor> gradients(int pass) {
    Variable w1 = Variable.parameter(Tensors.randn(Shape.of(4, 3), pass));
    Variable b1 = Variable.parameter(Tensors.randn(Shape.of(4), pass + 1));
    Variable w2 = Variable.parameter(Tensors.randn(Shape.of(4, 2), pass + 2));
    Variable x = Variable.constant(Tensors.randn(Shape.of(5, 3), pass + 3));
    Variable hidden = Variable.linear(x, w1, b1).tanh();
    Variable loss = hidden.matmul(w2).logSoftmax(1).mean().neg();
    if (pass % 2 == 0) {
      loss.backward();
      return List.of(w1.grad(), b1.grad(), w2.grad());
    }
    try (var scope = Autograd.noGrad()) {
      hidden.sum();  // a no-grad scope on this thread must not leak into the others
    }
    return Gradients.of(loss, w1, b1, w2).stream().map(Variable::value).toList();
  }

  @Test
  void eightThreadsGetExactlyTheSingleThreadResults() throws Exception {
    List<List<Tensor>> expected = new ArrayList<>();
    for (int pass = 0; pass < PASSES; pass++) {
      expected.add(gradients(pass));
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<List<List<Tensor>>>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        futures.add(pool.submit(() -> {
          List<List<Tensor>> results = new ArrayList<>();
          for (int pass = 0; pass < PASSES; pass++) {
            results.add(gradients(pass));
          }
          return results;
        }));
      }
      for (Future<List<List<Tensor>>> future : futures) {
        assertEquals(expected, future.get(), "bitwise equal to the single-thread run");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * An element of a stream: even ones multiply under no-grad, odd ones take a gradient. The
   * products, 128 × 256 × 128, are large enough for the Java kernel to split into tasks.
   */
  private static Object element(int i) {
    Tensor a = Tensors.randn(Shape.of(128, 256), i);
    Tensor b = Tensors.randn(Shape.of(256, 128), i + 1);
    if (i % 2 == 0) {
      try (var scope = Autograd.noGrad()) {
        return Variable.constant(a).matmul(Variable.constant(b)).value();
      }
    }
    Variable w = Variable.parameter(a);
    try {
      w.matmul(Variable.constant(b)).tanh().sum().backward();
      return w.grad();
    } catch (RuntimeException e) {
      return e.getMessage();
    }
  }

  @Test
  void aParallelStreamGetsTheSerialResultsWhileItsElementsWaitForProducts() throws Exception {
    // The Java kernel whatever BLAS the machine has: its products are the ones split into tasks.
    // A parallel stream's worker that waited for them ran other elements inside its own, under
    // its no-grad scope, and their backward failed.
    GemmSelection saved = GemmBackend.selection();
    GemmBackend.set(new JavaGemm());
    ForkJoinPool streams = new ForkJoinPool(4);
    try {
      List<Object> serial = IntStream.range(0, 32).mapToObj(ConcurrencyTest::element).toList();
      List<Object> parallel = streams.submit(() -> IntStream.range(0, 32).parallel()
          .mapToObj(ConcurrencyTest::element).toList()).get();
      List<Integer> differing = IntStream.range(0, 32)
          .filter(i -> !serial.get(i).equals(parallel.get(i))).boxed().toList();
      assertEquals(List.of(), differing, () -> "elements not bitwise equal to the serial run;"
          + " the first gave " + parallel.get(differing.get(0)));
    } finally {
      streams.shutdown();
      GemmBackend.restore(saved);
    }
  }
}
