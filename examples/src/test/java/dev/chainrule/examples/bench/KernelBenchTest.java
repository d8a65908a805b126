package dev.chainrule.examples.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Each kernel timed under a name computes what PyTorch's script runs under that name. */
class KernelBenchTest {
  @Test
  void eachNameRunsItsKernel() {
    Tensor x = Tensors.randn(Shape.of(3, 4), Tensors.seeded(1));
    Tensor other = Tensors.randn(Shape.of(3, 4), Tensors.seeded(2));
    Tensor row = Tensors.randn(Shape.of(4), Tensors.seeded(3));
    Map<String, UnaryOperator<Tensor>> kernels = KernelBench.kernels(other, row);
    assertEquals(KernelBench.NAMES, List.copyOf(kernels.keySet()), "the table's order");
    Map<String, Tensor> expected = Map.of("add", x.add(other), "mul", x.mul(other),
        "square", x.mul(x), "add_row", x.add(row), "relu", x.relu(), "sum", x.sum(),
        "exp", x.exp(), "sigmoid", x.sigmoid(), "tanh", x.tanh());
    // Exact: each is the same kernel on the same operands (square as x·x: one rounding each).
    kernels.forEach((name, kernel) -> assertArrayEquals(expected.get(name).toArray(),
        kernel.apply(x).toArray(), 0.0, name));
  }
}
