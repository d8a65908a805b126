package dev.chainrule.optim;

import static dev.chainrule.optim.Fixtures.setGradient;
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
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parameter groups against PyTorch 1.13: {@code /torch/param_groups.py} wrote {@code
 * /torch/param_groups.json}, 12 steps of SGD (momentum, weight decay, StepLR), Adam (L2 decay)
 * and AdamW (decoupled decay, CosineAnnealingLR) over three parameters: weight in no group, bias
 * in a group with weight decay 0, body in a group at a tenth of the learning rate. Each parameter
 * after every step and every group's rate before every step are compared, in float64 and float32.
 *
 * <p>Tolerances, relative to the largest |θ| (about 2): 1e-12 in float64, 1e-6 in float32, as in
 * {@link PyTorchOptionsTest}, whose operations these are: the same ulp-level differences (PyTorch
 * scales before dividing where chainrule divides first), here measured at most 1.3e-16 in
 * float64 and 5e-8 in float32. A group's rate is the optimizer's times the scale where PyTorch
 * multiplies its own {@code initial_lr} by the schedule's factor: the same to a few ulps (1e-15
 * relative). Without the groups, every case leaves the trajectory by 0.15 or more (measured 0.16
 * to 0.50), which the test checks, so that a group ignored cannot pass.
 */
class ParameterGroupPyTorchTest {
  private static final double F64_TOLERANCE = 1e-12;
  private static final double F32_TOLERANCE = 1e-6;
  private static final double RATE_TOLERANCE = 1e-15;
  private static final List<String> NAMES = List.of("weight", "bias", "body");
  private static final int STEPS = 12;
  private static JsonNode expected;

  /** A case: the optimizer over [weight, bias, body] with or without groups, and its schedule. */
  private record Case(BiFunction<List<Variable>, Boolean, Optimizer> optimizer,
      LearningRateSchedule schedule) {}

  private static final Map<String, Case> CASES = Map.of(
      "sgd_step_decay", new Case((p, grouped) -> groups(Sgd.builder(0.1).momentum(0.9)
          .weightDecay(0.05), p, grouped), LearningRateSchedule.stepDecay(4, 0.5)),
      "adam", new Case((p, grouped) -> groups(Adam.builder().learningRate(0.05)
          .weightDecay(0.01), p, grouped), LearningRateSchedule.constant()),
      "adamw_cosine", new Case((p, grouped) -> groups(AdamW.builder().learningRate(0.05)
          .weightDecay(0.1), p, grouped), LearningRateSchedule.cosine(STEPS, 0)));

  /** The script's groups: bias without weight decay, body at a tenth of the rate. */
  private static Optimizer groups(Sgd.Builder builder, List<Variable> p, boolean grouped) {
    if (grouped) {
      builder.group(ParameterGroup.of(List.of(p.get(1))).weightDecay(0))
          .group(ParameterGroup.of(List.of(p.get(2))).learningRateScale(0.1));
    }
    return builder.build(p);
  }

  private static <B extends AdamOptions<B, O>, O extends Optimizer> Optimizer groups(
      AdamOptions<B, O> builder, List<Variable> p, boolean grouped) {
    if (grouped) {
      builder.group(ParameterGroup.of(List.of(p.get(1))).weightDecay(0))
          .group(ParameterGroup.of(List.of(p.get(2))).learningRateScale(0.1));
    }
    return builder.build(p);
  }

  @BeforeAll
  static void read() throws IOException {
    try (InputStream in = ParameterGroupPyTorchTest.class.getResourceAsStream(
        "/torch/param_groups.json")) {
      expected = new ObjectMapper().readTree(in);
    }
    List<String> names = new ArrayList<>();
    expected.get("cases").fieldNames().forEachRemaining(names::add);
    assertEquals(CASES.keySet(), java.util.Set.copyOf(names), "the script's cases");
    assertEquals(STEPS, expected.get("steps").asInt());
  }

  static List<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String name : List.of("sgd_step_decay", "adam", "adamw_cosine")) {
      out.add(Arguments.of(name, DType.FLOAT64));
      out.add(Arguments.of(name, DType.FLOAT32));
    }
    return out;
  }

  private static List<Variable> parameters(DType type) {
    return NAMES.stream().map(name -> Variable.parameter(tensor(name, "theta0").to(type), name))
        .toList();
  }

  /** Gives each parameter the problem's gradient, computed in its type as the script does. */
  private static void step(Optimizer optimizer) {
    for (Variable theta : optimizer.parameters()) {
      DType type = theta.dtype();
      Tensor t = theta.value();
      Tensor g = tensor(theta.name(), "c").to(type).mul(t).add(t.mul(t).mul(t).mul(0.1))
          .sub(tensor(theta.name(), "b").to(type));
      setGradient(theta, g);
    }
    optimizer.step();
  }

  /** The largest deviation from PyTorch's trajectory, relative to the largest |θ| there. */
  private static double deviation(String name, DType type, boolean grouped) {
    JsonNode run = expected.get("cases").get(name).get(type == DType.FLOAT64 ? "f64" : "f32");
    Case c = CASES.get(name);
    Optimizer optimizer = c.optimizer().apply(parameters(type), grouped);
    LearningRateScheduler scheduler = LearningRateScheduler.of(optimizer, c.schedule());
    double largest = 0;
    double worst = 0;
    for (int s = 0; s < STEPS; s++) {
      scheduler.apply(s);
      if (grouped) {
        JsonNode rates = run.get("lr").get(s);
        double[] ours = {optimizer.learningRate(), optimizer.learningRate(),
            optimizer.learningRate() * 0.1};
        for (int g = 0; g < 3; g++) {
          double theirs = rates.get(g).asDouble();
          assertEquals(theirs, ours[g], theirs * RATE_TOLERANCE,
              name + ": group " + g + "'s rate at step " + s);
        }
      }
      step(optimizer);
      for (Variable theta : optimizer.parameters()) {
        double[] theirs = doubles(run.get("theta").get(s).get(theta.name()));
        double[] ours = theta.value().toArray();
        for (int i = 0; i < ours.length; i++) {
          largest = Math.max(largest, Math.abs(theirs[i]));
          worst = Math.max(worst, Math.abs(theirs[i] - ours[i]));
        }
      }
    }
    return worst / largest;
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("cases")
  void followsPyTorchsGroups(String name, DType type) {
    double tolerance = type == DType.FLOAT64 ? F64_TOLERANCE : F32_TOLERANCE;
    double grouped = deviation(name, type, true);
    assertTrue(grouped <= tolerance, name + ": relative deviation " + grouped);
    double ungrouped = deviation(name, type, false);
    assertTrue(ungrouped > 0.15, name + ": the groups change the trajectory: " + ungrouped);
  }

  /**
   * Six steps, the state through a safetensors file's bytes into an optimizer with the same
   * groups over copies of the parameters, six more steps on both: bitwise the same values.
   */
  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("cases")
  void aSavedStateWithGroupsContinuesBitForBit(String name, DType type) {
    Case c = CASES.get(name);
    List<Variable> parameters = parameters(type);
    Optimizer saved = c.optimizer().apply(parameters, true);
    for (int s = 0; s < STEPS / 2; s++) {
      step(saved);
    }
    byte[] file = SafeTensors.toBytes(saved.state(), Map.of());
    List<Variable> copies = parameters.stream()
        .map(p -> Variable.parameter(p.value().copy(), p.name())).toList();
    Optimizer resumed = c.optimizer().apply(copies, true);
    resumed.loadState(SafeTensors.fromBytes(file).tensors());
    assertEquals(saved.settings(), resumed.settings());
    Tensor before = parameters.get(2).value().copy();
    for (int s = 0; s < STEPS / 2; s++) {
      step(saved);
      step(resumed);
    }
    assertNotEquals(before, parameters.get(2).value(), "the steps moved the body");
    for (int i = 0; i < parameters.size(); i++) {
      assertEquals(parameters.get(i).value(), copies.get(i).value(), name + ": " + NAMES.get(i));
    }
  }

  private static Tensor tensor(String parameter, String key) {
    JsonNode node = expected.get("parameters").get(parameter).get(key);
    if (!node.get(0).isArray()) {
      return Tensor.vector(doubles(node));
    }
    double[][] rows = new double[node.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = doubles(node.get(i));
    }
    return Tensor.matrix(rows);
  }

  private static double[] doubles(JsonNode array) {
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asDouble();
    }
    return values;
  }
}
