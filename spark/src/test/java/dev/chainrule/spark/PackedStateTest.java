package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.ParameterState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How replicas' optimizer states are averaged. */
class PackedStateTest {
  /** Adam over one parameter after {@code steps} steps with gradient {@code g}. */
  private static Map<String, Tensor> adamAfter(int steps, double g) {
    Variable p = Variable.parameter(Tensor.vector(1, 2));
    Optimizer adam = Adam.builder().learningRate(0.1).build(List.of(p));
    for (int i = 0; i < steps; i++) {
      adam.zeroGrad();
      p.backward(Tensor.vector(g, -g));
      adam.step();
    }
    return adam.state();
  }

  @Test
  void buffersAreWeightedSumsAndCountersTheLargest() {
    Map<String, Tensor> three = adamAfter(3, 1);
    Map<String, Tensor> two = adamAfter(2, 4);
    // Replica weights 30 and 10 samples, divided by the total as the driver does.
    Map<String, Tensor> average = PackedState.of(three).scaled(30)
        .plus(PackedState.of(two).scaled(10)).scaled(1.0 / 40).unpack();

    assertEquals(3.0, average.get("step").item());
    assertEquals(3.0, average.get("0.step").item());
    assertEquals(0.1, average.get("lr").item());
    for (String buffer : List.of("0.exp_avg", "0.exp_avg_sq")) {
      Tensor expected = three.get(buffer).mul(0.75).add(two.get(buffer).mul(0.25));
      // Scaling by 30 and by 1/40 rounds twice where 0.75 rounds once: a few ulps.
      assertEquals(true, average.get(buffer).allClose(expected, 1e-15, 0), buffer);
    }
    // The average is a state Adam takes back.
    Optimizer fresh = Adam.builder().learningRate(0.1)
        .build(List.of(Variable.parameter(Tensor.vector(0, 0))));
    fresh.loadState(average);
    assertEquals(3, fresh.stepCount());
  }

  /**
   * An optimizer of one's own keeps buffers of other shapes than its parameter's ({@code
   * Optimizer.bufferShape}): a scalar and a row for a [2, 3] weight cross and average in their
   * shapes, and the average loads back into it.
   */
  @Test
  void buffersOfTheirOwnShapesAverageInThoseShapes() {
    Variable weight = Variable.parameter(Tensor.matrix(new double[][] {{1, 2, 3}, {4, 5, 6}}));
    Map<String, Tensor> one = state(Tensor.scalar(2), Tensor.vector(1, 2, 3));
    Map<String, Tensor> other = state(Tensor.scalar(4), Tensor.vector(3, 2, 1));
    Map<String, Tensor> average = PackedState.of(one).scaled(1)
        .plus(PackedState.of(other).scaled(1)).scaled(0.5).unpack();
    // Halves of sums of small whole numbers: exact.
    assertEquals(Tensor.scalar(3), average.get("0.scale"));
    assertEquals(Tensor.vector(2, 2, 2), average.get("0.columns"));
    Optimizer own = new Optimizer(List.of(weight), 0.1) {
      @Override
      protected List<String> bufferNames() {
        return List.of("scale", "columns");
      }

      @Override
      protected Shape bufferShape(String buffer, Shape parameter) {
        return buffer.equals("scale") ? Shape.of() : Shape.of(parameter.dim(1));
      }

      @Override
      protected void update(Tensor value, Tensor gradient, ParameterState state) {}
    };
    own.loadState(average);
    assertEquals(Tensor.vector(2, 2, 2), own.state().get("0.columns"));
  }

  private static Map<String, Tensor> state(Tensor scale, Tensor columns) {
    Map<String, Tensor> state = new LinkedHashMap<>();
    state.put("step", Tensor.scalar(1));
    state.put("lr", Tensor.scalar(0.1));
    state.put("param_count", Tensor.scalar(1));
    state.put("0.step", Tensor.scalar(1));
    state.put("0.scale", scale);
    state.put("0.columns", columns);
    return state;
  }
}
