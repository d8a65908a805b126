package dev.chainrule.optim;

import static dev.chainrule.optim.Fixtures.assertMessage;
import static dev.chainrule.optim.Fixtures.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The per-step schedules against PyTorch 1.13's schedulers stepped once per optimizer step, as
 * {@code src/test/resources/torch/step_schedules.py} wrote them to {@code step_schedules.json}
 * ({@code /usr/bin/python3 step_schedules.py > step_schedules.json}): each case's rate before
 * every optimizer step, here read from the optimizer a {@link PerStepScheduler} drives.
 *
 * <p>Tolerance: 1e-15 of the case's largest rate, absolute (7 ulps of a peak of 0.1). Both sides
 * compute the same doubles in the same order, except the cosine, where Java's {@code Math.cos}
 * may differ from C's {@code cos} by an ulp, and PyTorch's recursive {@code LinearLR}, which
 * multiplies the previous rate where ours scales η₀ (0.09999999999999995 against 0.1 after ten
 * steps). An ulp of the cosine is scaled by the span of the rates, not by the rate, so near a
 * one-cycle's end, 10⁵ times below its peak, a relative tolerance would have to be 10⁵ times
 * looser than this absolute one. Measured when written: the one-cycles and the restarts bit for
 * bit but for one rate, off by a quarter of an ulp of the peak (the cosine); the warm-ups 4 ulps
 * of the peak (the recursion). A phase boundary or a restart one step off moves some rate by a
 * percent of the peak or more.
 */
class StepSchedulesTest {
  private static final double TOLERANCE = 1e-15;
  private static JsonNode torch;

  @BeforeAll
  static void read() throws IOException {
    try (InputStream in = StepSchedulesTest.class.getResourceAsStream(
        "/torch/step_schedules.json")) {
      torch = new ObjectMapper().readTree(in);
    }
    assertTrue(torch.get("torch").asText().startsWith("1.13"), "PyTorch 1.13's figures");
  }

  private static Sgd sgd(double rate) {
    return Sgd.builder(rate).momentum(0.9).build(List.of(Variable.parameter(Tensor.vector(1, 2))));
  }

  /**
   * The optimizer's rate before each of {@code steps} optimizer steps, then after the last: as
   * the scheduler's construction sets it, then each {@code step()} after an optimizer step.
   */
  private static List<Double> rates(PerStepScheduler scheduler, int steps) {
    Optimizer optimizer = scheduler.optimizer();
    List<Double> out = new ArrayList<>(List.of(optimizer.learningRate()));
    for (int s = 0; s < steps; s++) {
      step(optimizer, Tensor.vector(1, -1));
      assertEquals(scheduler.step(), optimizer.learningRate());
      out.add(optimizer.learningRate());
    }
    return out;
  }

  private static List<Double> rates(double baseRate, LearningRateSchedule schedule, int steps) {
    return rates(PerStepScheduler.of(sgd(baseRate), schedule), steps);
  }

  private static void assertRates(JsonNode expected, List<Double> ours, int count, String name) {
    double peak = 0;
    for (JsonNode rate : expected) {
      peak = Math.max(peak, Math.abs(rate.asDouble()));
    }
    for (int s = 0; s < count; s++) {
      assertEquals(expected.get(s).asDouble(), ours.get(s), TOLERANCE * peak,
          name + " at step " + s);
    }
  }

  @Test
  void oneCycleFollowsPyTorch() {
    for (JsonNode c : torch.get("one_cycle")) {
      int total = c.get("total_steps").asInt();
      OneCycle schedule = LearningRateSchedule.oneCycle(total)
          .withPctStart(c.get("pct_start").asDouble())
          .withDivFactor(c.get("div_factor").asDouble())
          .withFinalDivFactor(c.get("final_div_factor").asDouble())
          .withAnnealing(c.get("anneal_strategy").asText().equals("cos")
              ? OneCycle.Annealing.COS : OneCycle.Annealing.LINEAR)
          .withThreePhase(c.get("three_phase").asBoolean());
      // OneCycleLR's max_lr is the peak; ours is the optimizer's rate.
      PerStepScheduler scheduler = PerStepScheduler.of(sgd(c.get("max_lr").asDouble()), schedule);
      List<Double> ours = rates(scheduler, total);
      JsonNode expected = c.get("rates");
      assertEquals(total + 1, expected.size());
      assertRates(expected, ours, total, schedule.toString());

      // After the last step PyTorch goes past the curve's end (up a cosine, below 0 on a line);
      // no step of the cycle runs at that rate, and ours holds the minimum, max_lr/div/final_div.
      double min = c.get("max_lr").asDouble() / c.get("div_factor").asDouble()
          / c.get("final_div_factor").asDouble();
      assertEquals(min, ours.get(total), schedule + " after its last step");
      assertTrue(expected.get(total).asDouble() > min || expected.get(total).asDouble() < 0,
          "PyTorch went past its minimum " + expected.get(total));
      // One step more is refused, as PyTorch refuses it ("Tried to step 102 times ...").
      assertTrue(c.get("raises").asText().startsWith("Tried to step " + (total + 2) + " times"));
      step(scheduler.optimizer(), Tensor.vector(1, -1));
      assertMessage("oneCycle: step " + (total + 1) + " is past the " + total + " steps the"
          + " cycle was built for (PyTorch's OneCycleLR raises there too); build it for the run's"
          + " steps", scheduler::step);
    }
  }

  @Test
  void warmRestartsFollowPyTorchsStepByStepCount() {
    for (JsonNode c : torch.get("warm_restarts")) {
      CosineWarmRestarts schedule = LearningRateSchedule.cosineWarmRestarts(c.get("T_0").asInt(),
          c.get("T_mult").asInt(), c.get("eta_min").asDouble());
      JsonNode expected = c.get("rates");
      List<Double> ours = rates(c.get("base_lr").asDouble(), schedule, expected.size() - 1);
      assertRates(expected, ours, expected.size(), schedule.toString());
    }
    // T₀ = 1, m = 3: cycles start at 0, 1, 4, 13, 40 and 121, where PyTorch's step(121) finds
    // ⌊log₃ 243⌋ = 4 in floating point and gives the last cycle's end; its step() restarts.
    CosineWarmRestarts sgdr = LearningRateSchedule.cosineWarmRestarts(1, 3, 0.001);
    assertEquals(1.0, sgdr.rate(1.0, 121));
    assertEquals(0.001 + 0.999 * (1 + Math.cos(Math.PI * 80 / 81)) / 2, sgdr.rate(1.0, 120));
  }

  @Test
  void linearWarmUpCountedInStepsFollowsPyTorch() {
    for (JsonNode c : torch.get("warm_up")) {
      int warmUp = c.get("warmup").asInt();
      int cosine = c.get("cosine_steps").asInt();
      // LinearLR alone, or SequentialLR([LinearLR, CosineAnnealingLR], milestones=[w]).
      LearningRateSchedule schedule = LearningRateSchedule.warmUp(warmUp,
          c.get("start_factor").asDouble(), cosine == 0 ? LearningRateSchedule.constant()
              : LearningRateSchedule.cosine(cosine, c.get("eta_min").asDouble()));
      JsonNode expected = c.get("rates");
      List<Double> ours = rates(c.get("base_lr").asDouble(), schedule, expected.size() - 1);
      assertRates(expected, ours, expected.size(), schedule.toString());
    }
  }
}
