package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.Optimizer;
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
}
