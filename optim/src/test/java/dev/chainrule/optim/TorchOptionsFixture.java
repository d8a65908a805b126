package dev.chainrule.optim;

import static dev.chainrule.optim.Fixtures.setGradient;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.params.provider.Arguments;

/**
 * {@code /torch/optimizer_options.json}, which {@code /torch/optimizer_options.py} wrote from
 * PyTorch 1.13, and the chainrule configuration of each of its cases: the problem (θ₀ of shape
 * [2, 3], g = c⊙θ + 0.1·θ⊙θ⊙θ − b, negated for a case that maximizes, clipped by value for a case
 * that clips), θ after each of 20 steps, and the parameter's state after step 10 and at the end.
 */
final class TorchOptionsFixture {
  /** The JSON, read once. */
  static final JsonNode EXPECTED = read();

  /** The chainrule configuration of each case of the script, with PyTorch's arguments. */
  static final Map<String, Function<List<Variable>, Optimizer>> CASES = cases();

  private TorchOptionsFixture() {}

  private static Map<String, Function<List<Variable>, Optimizer>> cases() {
    Map<String, Function<List<Variable>, Optimizer>> cases = new LinkedHashMap<>();
    cases.put("sgd_dampening", p -> Sgd.builder(0.05).momentum(0.9).dampening(0.3)
        .weightDecay(0.01).build(p));
    cases.put("adam_amsgrad", p -> Adam.builder().learningRate(0.1).amsgrad(true)
        .weightDecay(0.01).build(p));
    cases.put("adamw_amsgrad", p -> AdamW.builder().learningRate(0.1).betas(0.8, 0.99)
        .amsgrad(true).weightDecay(0.1).build(p));
    cases.put("rmsprop_centered", p -> RmsProp.builder().learningRate(0.01).alpha(0.9)
        .centered(true).build(p));
    cases.put("rmsprop_centered_momentum", p -> RmsProp.builder().learningRate(0.01).alpha(0.9)
        .centered(true).momentum(0.5).weightDecay(0.01).build(p));
    cases.put("adagrad_options", p -> Adagrad.builder().learningRate(0.5).lrDecay(0.1)
        .initialAccumulatorValue(0.2).weightDecay(0.01).build(p));
    cases.put("sgd_maximize", p -> Sgd.builder(0.05).weightDecay(0.01).maximize(true).build(p));
    cases.put("sgd_maximize_dampening", p -> Sgd.builder(0.05).momentum(0.9).dampening(0.3)
        .weightDecay(0.01).maximize(true).build(p));
    cases.put("sgd_maximize_nesterov", p -> Sgd.builder(0.05).momentum(0.9).nesterov(true)
        .weightDecay(0.01).maximize(true).build(p));
    cases.put("sgd_maximize_clipped", p -> Sgd.builder(0.05).momentum(0.9).weightDecay(0.01)
        .maximize(true).build(p));
    cases.put("adam_maximize", p -> Adam.builder().learningRate(0.1).weightDecay(0.01)
        .maximize(true).build(p));
    cases.put("adam_maximize_amsgrad", p -> Adam.builder().learningRate(0.1).amsgrad(true)
        .weightDecay(0.01).maximize(true).build(p));
    cases.put("adamw_maximize", p -> AdamW.builder().learningRate(0.1).betas(0.8, 0.99)
        .weightDecay(0.1).maximize(true).build(p));
    cases.put("adamw_maximize_amsgrad", p -> AdamW.builder().learningRate(0.1).betas(0.8, 0.99)
        .amsgrad(true).weightDecay(0.1).maximize(true).build(p));
    cases.put("rmsprop_maximize", p -> RmsProp.builder().learningRate(0.01).alpha(0.9)
        .weightDecay(0.01).maximize(true).build(p));
    cases.put("rmsprop_maximize_centered_momentum", p -> RmsProp.builder().learningRate(0.01)
        .alpha(0.9).centered(true).momentum(0.5).weightDecay(0.01).maximize(true).build(p));
    cases.put("adagrad_maximize", p -> Adagrad.builder().learningRate(0.5).lrDecay(0.1)
        .initialAccumulatorValue(0.2).weightDecay(0.01).maximize(true).build(p));
    return cases;
  }

  private static JsonNode read() {
    try (InputStream in = TorchOptionsFixture.class.getResourceAsStream(
        "/torch/optimizer_options.json")) {
      JsonNode json = new ObjectMapper().readTree(in);
      assertEquals(List.copyOf(cases().keySet()), List.copyOf(toMap(json.get("cases")).keySet()),
          "the script's cases, in its order");
      return json;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every case in float64 and in float32. */
  static List<Arguments> arguments() {
    List<Arguments> out = new ArrayList<>();
    for (String name : CASES.keySet()) {
      out.add(Arguments.of(name, DType.FLOAT64));
      out.add(Arguments.of(name, DType.FLOAT32));
    }
    return out;
  }

  /** The case's settings and results in PyTorch's file. */
  static JsonNode of(String name) {
    return EXPECTED.get("cases").get(name);
  }

  /** The case's run in this type. */
  static JsonNode run(String name, DType type) {
    return of(name).get(type == DType.FLOAT64 ? "f64" : "f32");
  }

  /** A parameter at θ₀ in this type. */
  static Variable theta(DType type) {
    return Variable.parameter(matrix("theta0").to(type), "theta");
  }

  /**
   * Gives θ the case's gradient, computed in its type as the script does (negated for a case
   * that maximizes, then clipped by value for a case that clips, as PyTorch's clip_grad_value_
   * clips the gradient the optimizer then negates), and steps.
   */
  static void step(String name, Optimizer optimizer, Variable theta) {
    DType type = theta.dtype();
    Tensor t = theta.value();
    Tensor g = matrix("c").to(type).mul(t).add(t.mul(t).mul(t).mul(0.1))
        .sub(matrix("b").to(type));
    setGradient(theta, of(name).get("gradient_sign").asInt() < 0 ? g.neg() : g);
    JsonNode clip = of(name).get("clip_value");
    if (!clip.isNull()) {
      GradientClipping.clipByValue(List.of(theta), clip.asDouble());
    }
    optimizer.step();
  }

  static Tensor matrix(String key) {
    JsonNode rows = EXPECTED.get(key);
    double[][] values = new double[rows.size()][];
    for (int i = 0; i < rows.size(); i++) {
      values[i] = doubles(rows.get(i));
    }
    return Tensor.matrix(values);
  }

  static double[] doubles(JsonNode array) {
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asDouble();
    }
    return values;
  }

  /** The largest magnitude in a (nested) array of numbers. */
  static double largest(JsonNode node) {
    if (node.isNumber()) {
      return Math.abs(node.asDouble());
    }
    double max = 0;
    for (JsonNode child : node) {
      max = Math.max(max, largest(child));
    }
    return max;
  }

  static void assertClose(double[] expected, Tensor actual, double tolerance, String what) {
    assertTrue(tolerance > 0);
    assertArrayEquals(expected, actual.toArray(), tolerance, what);
  }

  static Map<String, JsonNode> toMap(JsonNode object) {
    Map<String, JsonNode> map = new LinkedHashMap<>();
    object.properties().forEach(e -> map.put(e.getKey(), e.getValue()));
    return map;
  }
}
