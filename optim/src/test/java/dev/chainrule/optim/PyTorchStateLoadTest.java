package dev.chainrule.optim;

import static dev.chainrule.optim.TorchOptionsFixture.CASES;
import static dev.chainrule.optim.TorchOptionsFixture.assertClose;
import static dev.chainrule.optim.TorchOptionsFixture.doubles;
import static dev.chainrule.optim.TorchOptionsFixture.largest;
import static dev.chainrule.optim.TorchOptionsFixture.step;
import static dev.chainrule.optim.TorchOptionsFixture.toMap;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A state PyTorch 1.13 wrote goes on as PyTorch goes on: each case of {@code
 * /torch/optimizer_options.json} ({@link TorchOptionsFixture}) keeps its {@code state_dict()}
 * after step 10, the per-parameter buffers under PyTorch's names and the param_group's settings
 * ({@code maximize} true or false among them). Put under chainrule's names ({@code "0.exp_avg"};
 * PyTorch's SGD keeps no step, so its count is the ten steps taken) into the case's optimizer
 * over θ after step 10, it takes PyTorch's steps 11 to 20. The settings are configuration, not
 * state, in chainrule as in its checkpoints: the test checks that the optimizer it builds
 * maximizes exactly where PyTorch's param_group says so, since a maximizing state loads into a
 * minimizing optimizer as well (the tensors cannot tell) and would then walk the other way.
 *
 * <p>Tolerances as {@link PyTorchOptionsTest}'s, relative to the largest |θ| of the trajectory:
 * 1e-12 in float64, 1e-6 in float32. The loaded buffers are PyTorch's exactly (JSON carries
 * every double and every float32 exactly), so the ten steps differ from PyTorch's by the same
 * ulps of addcdiv's order as a run from the start does.
 */
class PyTorchStateLoadTest {
  private static final double F64_TOLERANCE = 1e-12;
  private static final double F32_TOLERANCE = 1e-6;

  static List<Arguments> cases() {
    return TorchOptionsFixture.arguments();
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("cases")
  void aStateWrittenByPyTorchTakesPyTorchsNextSteps(String name, DType type) {
    JsonNode group = TorchOptionsFixture.of(name).get("param_group");
    JsonNode run = TorchOptionsFixture.run(name, type);
    JsonNode trajectory = run.get("theta");
    int loadedAfter = trajectory.size() / 2;
    Variable theta = Variable.parameter(
        Tensor.of(doubles(trajectory.get(loadedAfter - 1)), 2, 3).to(type), "theta");
    Optimizer optimizer = CASES.get(name).apply(List.of(theta));
    assertEquals(group.get("maximize").asBoolean(), optimizer.settings().contains("maximize"),
        name + ": maximizes as PyTorch's param_group says: " + optimizer);
    assertEquals(group.get("lr").asDouble(), optimizer.learningRate(), name + ": lr");

    Map<String, Tensor> state = new LinkedHashMap<>();
    state.put("step", Tensor.scalar(loadedAfter));
    state.put(Optimizer.LEARNING_RATE_KEY, Tensor.scalar(group.get("lr").asDouble()));
    state.put(Optimizer.PARAMETER_COUNT_KEY, Tensor.scalar(1));
    Map<String, JsonNode> theirs = toMap(run.get("state_halfway"));
    state.put("0.step", Tensor.scalar(theirs.containsKey("step")
        ? theirs.get("step").asDouble() : loadedAfter));
    theirs.forEach((buffer, values) -> {
      if (!buffer.equals("step")) {
        state.put("0." + buffer, Tensor.of(doubles(values), 2, 3).to(type));
      }
    });
    optimizer.loadState(state);

    double scale = largest(trajectory);
    double tolerance = type == DType.FLOAT64 ? F64_TOLERANCE : F32_TOLERANCE;
    for (int s = loadedAfter; s < trajectory.size(); s++) {
      step(name, optimizer, theta);
      assertClose(doubles(trajectory.get(s)), theta.value(), scale * tolerance,
          name + ": θ after step " + (s + 1));
    }
  }
}
