package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.GradientHook;
import dev.chainrule.autograd.Gradients;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.loss.Loss;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The two kinds of hooks together, as a gradient-flow diagnosis uses them: a forward hook on
 * every layer of an MLP registers a gradient hook on the layer's output, which logs the norm of
 * ∂loss/∂output during backward. The logged norms must be those of the gradients {@link
 * Gradients#of} returns for the same outputs of the same graph.
 */
class LayerGradientNormsTest {

  private static double norm(Tensor t) {
    return Math.sqrt(t.square().sum().item());
  }

  @Test
  void loggedNormsAreThoseOfTheGradientsOfEachLayersOutput() {
    for (DType dtype : DType.values()) {
      Sequential mlp = Sequential.of(Dense.of(4, 8, 1L), Activation.tanh(), Dense.of(8, 8, 2L),
          Activation.relu(), Dense.of(8, 3, 3L)).to(dtype);
      Map<String, Variable> outputs = new LinkedHashMap<>();
      mlp.children().forEach((name, layer) -> layer.registerForwardHook(
          ForwardHook.observer((m, in, out) -> outputs.put(name, out))));
      Tensor x = Tensors.randn(Shape.of(10, 4), 3L).to(dtype);
      Tensor classes = Tensor.vector(0, 1, 2, 0, 1, 2, 0, 1, 2, 0);
      Variable loss = Loss.softmaxCrossEntropy().compute(mlp.forward(Variable.constant(x)),
          classes);
      List<String> names = List.copyOf(outputs.keySet());
      List<Variable> expected = Gradients.of(List.of(loss), List.copyOf(outputs.values()), null,
          Gradients.Options.retainingGraph());

      Map<String, Double> logged = new LinkedHashMap<>();
      List<DType> types = new ArrayList<>();
      outputs.forEach((name, out) -> out.registerHook(GradientHook.observer(g -> {
        logged.put(name, norm(g.value()));
        types.add(g.dtype());
      })));
      loss.backward();
      assertEquals(List.of("4", "3", "2", "1", "0"), List.copyOf(logged.keySet()),
          "backward reaches the layers from the last one down, each once");
      assertEquals(List.of(dtype, dtype, dtype, dtype, dtype), types);
      for (int i = 0; i < names.size(); i++) {
        // Exact: the same rules on the same values, in the same order, in both passes.
        assertEquals(norm(expected.get(i).value()), logged.get(names.get(i)),
            dtype + " layer " + names.get(i));
      }
      // Observers change nothing: the weight gradients are those of a model without hooks.
      Sequential plain = Sequential.of(Dense.of(4, 8, 1L), Activation.tanh(), Dense.of(8, 8, 2L),
          Activation.relu(), Dense.of(8, 3, 3L)).to(dtype);
      Loss.softmaxCrossEntropy().compute(plain.forward(Variable.constant(x)), classes)
          .backward();
      for (int p = 0; p < plain.parameters().size(); p++) {
        assertEquals(plain.parameters().get(p).grad(), mlp.parameters().get(p).grad(),
            dtype + " parameter " + p);
      }
    }
  }
}
