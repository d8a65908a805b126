package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.FaultInjection;
import dev.chainrule.autograd.Gradients;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.graph.Graphs;
import dev.chainrule.core.DenseActivation;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A Sequential records a Dense layer and the built-in ReLU, tanh or sigmoid after it as one
 * linear node, with the values and gradients the two layers give apart; while a check watches
 * the graph it records them apart, as written.
 */
class SequentialFusionTest {
  private static final Tensor X = Tensors.randn(Shape.of(6, 3), 1L);

  private static Sequential model() {
    return Sequential.of(Dense.of(3, 5, 1), Activation.relu(), Dense.of(5, 4, 2),
        Activation.tanh(), Dense.of(4, 2, 3), Activation.sigmoid(), Activation.softmax());
  }

  private static List<String> ops(Variable output) {
    return Graphs.dataFlowOrder(output).stream().filter(v -> v.opContext().isPresent())
        .map(Variable::opName).toList();
  }

  @Test
  void aDenseLayerAndItsActivationAreOneNode() {
    assertEquals(List.of("linear", "linear", "linear", "softmax"),
        ops(model().forward(Variable.constant(X))));
  }

  @Test
  void whileACheckWatchesEveryLayerRecordsItsOwnOps() {
    List<String> asWritten =
        List.of("linear", "relu", "linear", "tanh", "linear", "sigmoid", "softmax");
    try (var anomaly = Autograd.detectAnomaly()) {
      assertEquals(asWritten, ops(model().forward(Variable.constant(X))));
    }
    try (var none = FaultInjection.injectAt(Integer.MAX_VALUE,
        FaultInjection.Mutation.SIGN_ERROR)) {
      assertEquals(asWritten, ops(model().forward(Variable.constant(X))));
    }
  }

  @Test
  void fusedAndAsWrittenGiveTheSameValuesAndGradients() {
    Sequential model = model();
    Supplier<List<Tensor>> run = () -> {
      Variable output = model.forward(Variable.constant(X));
      List<Variable> parameters = model.parameters();
      List<Tensor> result = new ArrayList<>(List.of(output.value()));
      Gradients.of(output.square().sum(), parameters.toArray(Variable[]::new))
          .forEach(g -> result.add(g.value()));
      return result;
    };
    List<Tensor> fused = run.get();
    List<Tensor> asWritten;
    try (var anomaly = Autograd.detectAnomaly()) {
      asWritten = run.get();
    }
    // The same kernels on the same numbers: bit for bit.
    assertEquals(asWritten, fused);
  }

  @Test
  void aModuleOfYourOwnFusesThroughDense() {
    Dense dense = Dense.of(3, 5, 1);
    Variable fused = dense.forward(Variable.constant(X), DenseActivation.SIGMOID);
    assertEquals("linear", fused.opName());
    assertEquals(dense.forward(Variable.constant(X)).sigmoid().value(), fused.value());
    assertEquals(dense.forward(Variable.constant(X)).value(),
        dense.forward(Variable.constant(X), null).value(), "no activation: forward(x)");
    try (var anomaly = Autograd.detectAnomaly()) {
      Variable asWritten = dense.forward(Variable.constant(X), DenseActivation.SIGMOID);
      assertEquals(List.of("linear", "sigmoid"), ops(asWritten), "watched: the ops as written");
      assertEquals(fused.value(), asWritten.value());
    }
  }

  @Test
  void aRankOneInputKeepsItsShape() {
    Sequential model = Sequential.of(Dense.of(3, 5, 1), Activation.tanh());
    Variable output = model.forward(Variable.constant(Tensor.vector(0.5, -1, 2)));
    assertEquals(Shape.of(5), output.shape());
    assertEquals(Dense.of(3, 5, 1).forward(Variable.constant(Tensor.vector(0.5, -1, 2))).value()
        .tanh(), output.value());
  }
}
