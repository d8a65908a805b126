package dev.chainrule.optim;

import static dev.chainrule.optim.Fixtures.assertMessage;
import static dev.chainrule.optim.Fixtures.step;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A loaded optimizer state whose moments are not finite, or do not fit float32: each loaded
 * without a word and then made its parameter infinite or NaN at the next step, or froze it (an
 * infinite exp_avg_sq makes m/√v 0 at every later step), as weights that are not finite would;
 * a float64 buffer beyond float32's range became an infinity in a float32 optimizer.
 */
class NonFiniteOptimizerStateTest {
  private static List<Variable> parameters(DType dtype) {
    return List.of(Variable.parameter(Tensor.vector(1, -2).to(dtype), "w"));
  }

  /** The state of {@code make}'s optimizer after one step, with {@code key} replaced. */
  private static Map<String, Tensor> damaged(Supplier<Optimizer> make, String key, Tensor value) {
    Optimizer saved = make.get();
    step(saved, Tensor.vector(0.5, 1).to(saved.parameters().get(0).dtype()));
    Map<String, Tensor> state = new LinkedHashMap<>(saved.state());
    state.put(key, value);
    return state;
  }

  private static void assertRefused(Supplier<Optimizer> make, String key, Tensor value,
      String message) {
    Map<String, Tensor> state = damaged(make, key, value);
    Optimizer fresh = make.get();
    Map<String, Tensor> before = fresh.state();
    assertMessage(message, () -> fresh.loadState(state));
    assertEquals(before, fresh.state(), "a refused state changes nothing");
  }

  @Test
  void momentsThatAreNotFiniteAreRefusedByKeyAndElement() {
    String tail = ": its parameter would become NaN or infinite, or stop moving, at the next step"
        + " (was the state saved from a run that diverged?)";
    assertRefused(() -> Adam.builder().build(parameters(DType.FLOAT64)), "0.exp_avg_sq",
        Tensor.vector(1, Double.POSITIVE_INFINITY),
        "Adam.loadState: \"0.exp_avg_sq\" must be finite, got Infinity at element 1" + tail);
    assertRefused(() -> Adam.builder().build(parameters(DType.FLOAT64)), "0.exp_avg",
        Tensor.vector(Double.NEGATIVE_INFINITY, 0),
        "Adam.loadState: \"0.exp_avg\" must be finite, got -Infinity at element 0" + tail);
    assertRefused(() -> Sgd.builder(0.1).momentum(0.9).build(parameters(DType.FLOAT64)),
        "0.momentum_buffer", Tensor.vector(0, Double.NaN),
        "Sgd.loadState: \"0.momentum_buffer\" must be finite, got NaN at element 1" + tail);
    assertRefused(() -> RmsProp.builder().centered(true).build(parameters(DType.FLOAT64)),
        "0.grad_avg", Tensor.vector(Double.POSITIVE_INFINITY, 0),
        "RmsProp.loadState: \"0.grad_avg\" must be finite, got Infinity at element 0" + tail);
    assertRefused(() -> Adagrad.builder().build(parameters(DType.FLOAT64)), "0.sum",
        Tensor.vector(1, Double.POSITIVE_INFINITY),
        "Adagrad.loadState: \"0.sum\" must be finite, got Infinity at element 1" + tail);
  }

  @Test
  void aFloat64MomentBeyondFloat32IsRefusedWhereItWouldBecomeInfinite() {
    assertRefused(() -> Adam.builder().build(parameters(DType.FLOAT32)), "0.exp_avg_sq",
        Tensor.vector(1, 1e300), "Adam.loadState: \"0.exp_avg_sq\" holds 1.0E300 at element 1,"
            + " beyond float32's largest value 3.4028235E38: it would load as an infinity, not a"
            + " rounded value");
    // The first element is looked at too.
    assertRefused(() -> Adam.builder().build(parameters(DType.FLOAT32)), "0.exp_avg",
        Tensor.vector(-1e300, 1), "Adam.loadState: \"0.exp_avg\" holds -1.0E300 at element 0,"
            + " beyond float32's largest value 3.4028235E38: it would load as an infinity, not a"
            + " rounded value");
    // Within float32's range a value is rounded, as before.
    Map<String, Tensor> state = damaged(() -> Adam.builder().build(parameters(DType.FLOAT32)),
        "0.exp_avg_sq", Tensor.vector(1, 1e30));
    Adam fresh = Adam.builder().build(parameters(DType.FLOAT32));
    fresh.loadState(state);
    assertEquals((double) (float) 1e30, fresh.state().get("0.exp_avg_sq").flatGet(1));
  }
}
