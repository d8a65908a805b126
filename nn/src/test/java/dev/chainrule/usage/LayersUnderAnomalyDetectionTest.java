package dev.chainrule.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.AnomalyException;
import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Anomaly detection over the library's layers and losses: healthy networks raise nothing, and ops
 * made inside layers and losses are attributed to the user's line that called them, ops in a
 * user's own module to the module's line. This package stands where user code stands.
 */
class LayersUnderAnomalyDetectionTest {
  private static final String HERE = LayersUnderAnomalyDetectionTest.class.getName();

  private static int line() {
    return StackWalker.getInstance().walk(s -> s.skip(1).findFirst()).orElseThrow()
        .getLineNumber();
  }

  /** A user's module: its own ops are its lines; the Dense inside it is its call of the Dense. */
  static final class Gated extends Module {
    private final Dense gate = registerModule("gate", Dense.of(3, 3, 5L));
    private int gateLine;

    @Override
    public Variable forward(Variable x) {
      Variable g = gate.forward(x).sigmoid();  gateLine = line();
      return x.mul(g).log();
    }
  }

  private final Variable x = Variable.constant(Tensors.randn(Shape.of(4, 3), 11L));

  @Test
  void opsInsideLibraryLayersPointAtTheUsersCall() {
    Sequential model = Sequential.of(Dense.of(3, 5, 1L), Activation.tanh(), Dense.of(5, 2, 2L));
    try (var sites = Autograd.recordCreationSites()) {
      Variable out = model.forward(x);  int line = line();
      Variable loss = Loss.softmaxCrossEntropy().compute(out, Tensor.vector(0, 1, 1, 0));
      int lossLine = line() - 1;
      assertEquals(HERE, out.creationSite().orElseThrow().getClassName());
      assertEquals(line, out.creationSite().orElseThrow().getLineNumber());
      assertEquals(lossLine, loss.creationSite().orElseThrow().getLineNumber());
    }
  }

  @Test
  void opsInAUsersModuleAreItsOwnLines() {
    try (var anomaly = Autograd.detectAnomaly()) {
      Gated gated = new Gated();
      AnomalyException e = assertThrows(AnomalyException.class, () -> gated.forward(x));
      StackTraceElement site = e.creationSite().orElseThrow();
      assertEquals("log", e.opName(), "randn inputs include negatives, so x·σ(·) does too");
      assertEquals(Gated.class.getName(), site.getClassName());
      assertEquals(gated.gateLine + 1, site.getLineNumber());
    }
  }

  @Test
  void healthyNetworksRaiseNothing_everyActivationAndLoss() {
    List<Activation> activations = List.of(Activation.identity(), Activation.sigmoid(),
        Activation.tanh(), Activation.relu(), Activation.leakyRelu(0.1), Activation.elu(1),
        Activation.gelu(), Activation.geluTanh(), Activation.softplus(), Activation.hardLimit(),
        Activation.softmax(), Activation.logSoftmax());
    Tensor classes = Tensor.vector(0, 1, 2, 1);
    Tensor values = Tensors.randn(Shape.of(4, 3), 12L);
    Tensor bits = Tensor.matrix(new double[][] {{0, 1, 1}, {1, 0, 0}, {1, 1, 0}, {0, 0, 1}});
    try (var anomaly = Autograd.detectAnomaly()) {
      for (Activation hidden : activations) {
        Sequential net = Sequential.of(Dense.of(3, 6, 3L), hidden, Dense.of(6, 3, 4L));
        Variable out = net.forward(x);
        Loss.softmaxCrossEntropy().compute(out, classes)
            .add(Loss.meanSquaredError().compute(out, values)).backward();
      }
      Variable out = Sequential.of(Dense.of(3, 3, 5L)).forward(x);
      Loss.binaryCrossEntropy().compute(out.sigmoid(), bits)
          .add(Loss.binaryCrossEntropyWithLogits().compute(out, bits))
          .add(Loss.categoricalCrossEntropy().compute(out.softmax(1), classes))
          .add(Loss.negativeLogLikelihood().compute(out.logSoftmax(1), classes)).backward();
    }
  }
}
