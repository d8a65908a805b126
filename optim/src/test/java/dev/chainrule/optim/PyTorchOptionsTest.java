package dev.chainrule.optim;

import static dev.chainrule.optim.Fixtures.setGradient;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.optim.checkpoint.SafeTensors;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The options ported from {@code torch.optim} (SGD's dampening, Adam's and AdamW's amsgrad,
 * RMSprop's centered, Adagrad's lr_decay and initial_accumulator_value) against PyTorch 1.13: 20
 * steps of each on one small problem, θ₀ of shape [2, 3] with the gradient g = c⊙θ + 0.1·θ⊙θ⊙θ −
 * b, in float64 and float32. {@code /torch/optimizer_options.py} (the problem, the configurations
 * and PyTorch's loop) wrote {@code /torch/optimizer_options.json}: θ after every step and the
 * final {@code state_dict()} state of the parameter.
 *
 * <p>Tolerances, relative to the largest |θ| of the trajectory (about 2): 1e-12 in float64, 1e-6
 * in float32. Both sides compute g identically (elementwise, in one order) and the updates with
 * the same operations (the second moments' ((1 − β)·g)·g in PyTorch's addcmul order), except
 * that PyTorch's addcdiv multiplies by the scalar before dividing by the second tensor, where
 * chainrule divides first: an ulp here and there, which this contracting iteration does not amplify over 20 steps (measured at
 * most 1.7e-16 in float64 and 6.3e-8 in float32). Leaving an option out moves θ by 2.6e-4
 * (Adam's amsgrad, the least) to 0.4 (Adagrad's initial accumulator).
 */
class PyTorchOptionsTest {
  private static final double F64_TOLERANCE = 1e-12;
  private static final double F32_TOLERANCE = 1e-6;
  private static JsonNode expected;

  /** The chainrule configuration of each case of the script, with PyTorch's arguments. */
  private static final Map<String, Function<List<Variable>, Optimizer>> CASES = Map.of(
      "sgd_dampening", p -> Sgd.builder(0.05).momentum(0.9).dampening(0.3).weightDecay(0.01)
          .build(p),
      "adam_amsgrad", p -> Adam.builder().learningRate(0.1).amsgrad(true).weightDecay(0.01)
          .build(p),
      "adamw_amsgrad", p -> AdamW.builder().learningRate(0.1).betas(0.8, 0.99).amsgrad(true)
          .weightDecay(0.1).build(p),
      "rmsprop_centered", p -> RmsProp.builder().learningRate(0.01).alpha(0.9).centered(true)
          .build(p),
      "rmsprop_centered_momentum", p -> RmsProp.builder().learningRate(0.01).alpha(0.9)
          .centered(true).momentum(0.5).weightDecay(0.01).build(p),
      "adagrad_options", p -> Adagrad.builder().learningRate(0.5).lrDecay(0.1)
          .initialAccumulatorValue(0.2).weightDecay(0.01).build(p));

  @BeforeAll
  static void read() throws IOException {
    try (InputStream in = PyTorchOptionsTest.class.getResourceAsStream(
        "/torch/optimizer_options.json")) {
      expected = new ObjectMapper().readTree(in);
    }
    assertEquals(CASES.keySet(), toMap(expected.get("cases")).keySet(), "the script's cases");
  }

  static List<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String name : List.of("sgd_dampening", "adam_amsgrad", "adamw_amsgrad",
        "rmsprop_centered", "rmsprop_centered_momentum", "adagrad_options")) {
      out.add(Arguments.of(name, DType.FLOAT64));
      out.add(Arguments.of(name, DType.FLOAT32));
    }
    return out;
  }

  /** A parameter at θ₀ in this type. */
  private static Variable theta(DType type) {
    return Variable.parameter(matrix("theta0").to(type), "theta");
  }

  /** Gives θ the problem's gradient, computed in its type as the script does, and steps. */
  private static void step(Optimizer optimizer, Variable theta) {
    DType type = theta.dtype();
    Tensor t = theta.value();
    Tensor g = matrix("c").to(type).mul(t).add(t.mul(t).mul(t).mul(0.1))
        .sub(matrix("b").to(type));
    setGradient(theta, g);
    optimizer.step();
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("cases")
  void followsPyTorchsTrajectoryAndState(String name, DType type) {
    JsonNode run = expected.get("cases").get(name).get(type == DType.FLOAT64 ? "f64" : "f32");
    double tolerance = type == DType.FLOAT64 ? F64_TOLERANCE : F32_TOLERANCE;
    Variable theta = theta(type);
    Optimizer optimizer = CASES.get(name).apply(List.of(theta));
    JsonNode trajectory = run.get("theta");
    double scale = largest(trajectory);
    for (int s = 0; s < trajectory.size(); s++) {
      step(optimizer, theta);
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
          Math.max(largest(values), 1e-3) * tolerance, name + ": " + buffer);
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
      step(saved, theta);
    }
    byte[] file = SafeTensors.toBytes(saved.state(), Map.of());
    Variable copy = Variable.parameter(theta.value().copy(), "theta");
    Optimizer resumed = CASES.get(name).apply(List.of(copy));
    resumed.loadState(SafeTensors.fromBytes(file).tensors());
    assertEquals(saved.state(), resumed.state(), name + ": loaded");
    Tensor before = theta.value().copy();
    for (int s = 0; s < 10; s++) {
      step(saved, theta);
      step(resumed, copy);
    }
    assertNotEquals(before, theta.value(), "the steps moved θ");
    assertEquals(theta.value(), copy.value(), name + ": θ, bitwise");
    assertEquals(saved.state(), resumed.state(), name + ": state, bitwise");
  }

  private static Tensor matrix(String key) {
    JsonNode rows = expected.get(key);
    double[][] values = new double[rows.size()][];
    for (int i = 0; i < rows.size(); i++) {
      values[i] = doubles(rows.get(i));
    }
    return Tensor.matrix(values);
  }

  private static double[] doubles(JsonNode array) {
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asDouble();
    }
    return values;
  }

  /** The largest magnitude in a (nested) array of numbers. */
  private static double largest(JsonNode node) {
    if (node.isNumber()) {
      return Math.abs(node.asDouble());
    }
    double max = 0;
    for (JsonNode child : node) {
      max = Math.max(max, largest(child));
    }
    return max;
  }

  private static void assertClose(double[] expected, Tensor actual, double tolerance,
      String what) {
    assertTrue(tolerance > 0);
    assertArrayEquals(expected, actual.toArray(), tolerance, what);
  }

  private static Map<String, JsonNode> toMap(JsonNode object) {
    Map<String, JsonNode> map = new LinkedHashMap<>();
    object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue()));
    return map;
  }
}
