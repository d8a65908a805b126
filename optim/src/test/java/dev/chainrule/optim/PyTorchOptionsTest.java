package dev.chainrule.optim;

import static dev.chainrule.optim.TorchOptionsFixture.CASES;
import static dev.chainrule.optim.TorchOptionsFixture.assertClose;
import static dev.chainrule.optim.TorchOptionsFixture.doubles;
import static dev.chainrule.optim.TorchOptionsFixture.largest;
import static dev.chainrule.optim.TorchOptionsFixture.step;
import static dev.chainrule.optim.TorchOptionsFixture.theta;
import static dev.chainrule.optim.TorchOptionsFixture.toMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.optim.checkpoint.SafeTensors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The options ported from {@code torch.optim} (SGD's dampening, Adam's and AdamW's amsgrad,
 * RMSprop's centered, Adagrad's lr_decay and initial_accumulator_value, and maximize on all five)
 * against PyTorch 1.13: 20 steps of each on one small problem, θ₀ of shape [2, 3] with the
 * gradient g = c⊙θ + 0.1·θ⊙θ⊙θ − b, in float64 and float32 ({@link TorchOptionsFixture}).
 * {@code /torch/optimizer_options.py} (the problem, the configurations and PyTorch's loop) wrote
 * {@code /torch/optimizer_options.json}: θ after every step and the final {@code state_dict()}
 * state of the parameter.
 *
 * <p>A case that maximizes is given −g, the gradient of the concave −f it climbs, and its PyTorch
 * trajectory is then that of minimizing with g (negation is exact); what it checks is that
 * chainrule negates where PyTorch does, before the weight decay (which every such case has) and
 * the momentum: ignoring maximize climbs f itself, and negating after the decay or negating the
 * step instead of the gradient pushes the weights away from 0 instead of towards it. {@code
 * sgd_maximize} without momentum is the update that goes into a dense layer's product in
 * backward ({@link MaximizeTest} holds that path to this one); {@code sgd_maximize_clipped}
 * clips the gradient by value (at 0.5, which binds on most elements at the first steps) before
 * each step, as a training loop does, and PyTorch negates the clipped gradient.
 *
 * <p>Tolerances, relative to the largest |θ| of the trajectory (about 2): 1e-12 in float64, 1e-6
 * in float32. Both sides compute g identically (elementwise, in one order) and the updates with
 * the same operations (the second moments' ((1 − β)·g)·g in PyTorch's addcmul order), except
 * that PyTorch's addcdiv multiplies by the scalar before dividing by the second tensor, where
 * chainrule divides first: an ulp here and there, which this contracting iteration does not
 * amplify over 20 steps (measured at most 1.7e-16 in float64 and 6.5e-8 in float32). Leaving an
 * option out moves θ by 2.6e-4 (Adam's amsgrad, the least) to 0.4 (Adagrad's initial
 * accumulator).
 */
class PyTorchOptionsTest {
  private static final double F64_TOLERANCE = 1e-12;
  private static final double F32_TOLERANCE = 1e-6;

  static List<Arguments> cases() {
    return TorchOptionsFixture.arguments();
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("cases")
  void followsPyTorchsTrajectoryAndState(String name, DType type) {
    // AdamW's float32 decay departs from PyTorch's float32 rounding toward the formula (see
    // AdamW's Javadoc): its float32 runs are held to PyTorch's float64 run, at float32's
    // tolerance. Its operations are no longer PyTorch's float32 ones in PyTorch's order, so θ
    // differs from either run by an ulp (2.4e-7 near 2) at some steps, which the gradient (of
    // slope up to 2.2 here) carries into m: the buffers are held at θ's scale, not their own
    // (m was 1.7e-7 from PyTorch's float64 m, 1.1e-6 of its largest element, 0.159).
    boolean decoupled = type == DType.FLOAT32 && name.startsWith("adamw");
    JsonNode run = TorchOptionsFixture.run(name, decoupled ? DType.FLOAT64 : type);
    double tolerance = type == DType.FLOAT64 ? F64_TOLERANCE : F32_TOLERANCE;
    Variable theta = theta(type);
    Optimizer optimizer = CASES.get(name).apply(List.of(theta));
    JsonNode trajectory = run.get("theta");
    double scale = largest(trajectory);
    for (int s = 0; s < trajectory.size(); s++) {
      step(name, optimizer, theta);
      assertClose(doubles(trajectory.get(s)), theta.value(), scale * tolerance,
          name + ": θ after step " + (s + 1));
    }

    // PyTorch's per-parameter state, buffer for buffer under the same names, in the same order;
    // PyTorch's SGD keeps no step, ours does.
    Map<String, Tensor> state = optimizer.state();
    Map<String, JsonNode> theirs = toMap(run.get("state"));
    List<String> ours = new ArrayList<>();
    state.forEach((key, value) -> {
      if (key.startsWith("0.") && !key.equals("0.step")) {
        ours.add(key.substring(2));
        assertEquals(type, value.dtype(), name + ": " + key + " is kept in the parameter's type");
      }
    });
    List<String> buffers = new ArrayList<>(theirs.keySet());
    buffers.remove("step");
    assertEquals(buffers, ours, name + ": buffer names");
    for (String buffer : buffers) {
      JsonNode values = theirs.get(buffer);
      assertClose(doubles(values), state.get("0." + buffer),
          Math.max(largest(values), decoupled ? scale : 1e-3) * tolerance, name + ": " + buffer);
    }
    assertEquals(trajectory.size(), state.get("0.step").item());
    if (theirs.containsKey("step")) {
      assertEquals(theirs.get("step").asDouble(), state.get("0.step").item(), name + ": step");
    }
  }

  /**
   * Ten steps, a state through a safetensors file's bytes (each tensor in its own type) into a
   * fresh optimizer over a copy of θ, then ten more steps on both: bitwise the same θ and state.
   */
  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("cases")
  void aSavedStateContinuesBitForBit(String name, DType type) {
    Variable theta = theta(type);
    Optimizer saved = CASES.get(name).apply(List.of(theta));
    for (int s = 0; s < 10; s++) {
      step(name, saved, theta);
    }
    byte[] file = SafeTensors.toBytes(saved.state(), Map.of());
    Variable copy = Variable.parameter(theta.value().copy(), "theta");
    Optimizer resumed = CASES.get(name).apply(List.of(copy));
    resumed.loadState(SafeTensors.fromBytes(file).tensors());
    assertEquals(saved.state(), resumed.state(), name + ": loaded");
    Tensor before = theta.value().copy();
    for (int s = 0; s < 10; s++) {
      step(name, saved, theta);
      step(name, resumed, copy);
    }
    assertNotEquals(before, theta.value(), "the steps moved θ");
    assertEquals(theta.value(), copy.value(), name + ": θ, bitwise");
    assertEquals(saved.state(), resumed.state(), name + ": state, bitwise");
  }
}
