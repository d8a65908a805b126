package dev.chainrule.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.HookHandle;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.train.Trainer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SGD's weight decay on a float32 parameter updated in backward is the decay of a step. Fused
 * into the weight's gradient product, θ ← (1 − ηλ)·θ − η·Gᵀx rounded 1 − ηλ to float32, whose
 * values near 1 are 2⁻²⁴ apart: the same error every step, which at η = 1e-4, λ = 2e-4 (ηλ =
 * 2e-8, below half that spacing) took the decay away entirely.
 */
class Float32WeightDecayInBackwardTest {
  private static final double RATE = 1e-4;
  private static final double DECAY = 2e-4;
  private static final int STEPS = 2000;

  /** ‖W‖ of a linear regression after {@link #STEPS} full-batch steps of SGD. */
  private static double[] train(DType type, double decay, boolean inBackward) {
    Tensor x = Tensors.randn(Shape.of(16, 8), 1L).to(type);
    Tensor y = Tensors.randn(Shape.of(16, 4), 2L).to(type);
    Variable w = Variable.parameter(Tensors.randn(Shape.of(4, 8), 3L).to(type));
    Sgd sgd = Sgd.builder(RATE).weightDecay(decay).build(List.of(w));
    try (HookHandle updates = inBackward ? sgd.updateInBackward() : null) {
      for (int t = 0; t < STEPS; t++) {
        sgd.zeroGrad();
        Variable.linear(Variable.constant(x), w, null).sub(Variable.constant(y)).square().mean()
            .backward();
        sgd.step();
      }
    }
    return w.value().toArray();
  }

  private static double norm(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v * v;
    }
    return Math.sqrt(sum);
  }

  @Test
  void inBackwardAFloat32WeightDecaysAsAStepDecaysIt() {
    double[] stepped = train(DType.FLOAT32, DECAY, false);
    double[] updated = train(DType.FLOAT32, DECAY, true);
    // Bit for bit: with decay, a float32 weight's update in backward is the step's own update
    // (Sgd.update on the same summed gradient), not a product. Before, the runs differed by
    // the whole decay (‖W‖ 1.9e-4 apart here, a relative 4e-5).
    assertArrayEquals(stepped, updated);

    // The decay is there: against the same run without decay, float32's ‖W‖ moves as float64's
    // does. 2000 steps of ηλ = 2e-8 shrink ‖W‖ by 4e-5 of itself; float32's own rounding over
    // the run moves it by some 3e-7 of itself (the no-decay runs of either type differ that
    // much), under 1 % of the decay's effect: 5 % is a tolerance well above the rounding and far
    // below the effect lost before (all of it).
    double decayed32 = norm(train(DType.FLOAT32, 0, true)) - norm(updated);
    double decayed64 = norm(train(DType.FLOAT64, 0, false)) - norm(train(DType.FLOAT64, DECAY,
        false));
    assertTrue(decayed64 > 0, "float64 decays: " + decayed64);
    assertEquals(decayed64, decayed32, 0.05 * decayed64);
  }

  @Test
  void float64KeepsItsDecayInTheProduct() {
    // Near 1, float64's values are 1.1e-16 apart: 1 − ηλ rounds at a relative 1e-8 of ηλ, so the
    // product keeps the decay (and its speed) and ends within rounding of the step: the runs'
    // last bits differ (the product rounds once, the step twice) by well under 1e-12 of weights
    // of order 1.
    double[] stepped = train(DType.FLOAT64, DECAY, false);
    double[] updated = train(DType.FLOAT64, DECAY, true);
    assertArrayEquals(stepped, updated, 1e-12);
    Sequential model = Sequential.of(Dense.of(2, 2, 1L));
    assertTrue(Sgd.builder(RATE).weightDecay(DECAY).build(model).updatesLinearly());
  }

  @Test
  void onlyFloat32WeightDecayKeepsTheUpdateOutOfTheProduct() {
    Sequential model = Sequential.of(Dense.of(2, 2, 1L));
    model.to(DType.FLOAT32);
    assertFalse(Sgd.builder(RATE).weightDecay(DECAY).build(model).updatesLinearly(),
        "1 − ηλ would be rounded to float32");
    assertTrue(Sgd.builder(RATE).build(model).updatesLinearly(), "β = 1 is exact in float32");
  }

  @Test
  void aTrainerLeftToChooseStepsAFloat32RunWithDecayAfterBackward() {
    Dataset data = new Dataset(Tensors.randn(Shape.of(64, 8), 1L).to(DType.FLOAT32),
        Tensors.randn(Shape.of(64, 4), 2L).to(DType.FLOAT32));
    double[][] weights = new double[2][];
    for (int run = 0; run < 2; run++) {
      Sequential model = Sequential.of(Dense.of(8, 4, 3L));
      model.to(DType.FLOAT32);
      Trainer.Builder builder = Trainer.builder(model, Loss.meanSquaredError(),
          Sgd.builder(RATE).weightDecay(DECAY).build(model)).epochs(200).batchSize(64);
      if (run == 1) {
        builder.updateInBackward(false);
      }
      builder.build().fit(data);
      weights[run] = model.parameters().get(0).value().toArray();
    }
    // Left to choose, the trainer steps after backward (the decay has no exact product form in
    // float32), so it ends where a run told to step after backward ends: to the bit.
    assertArrayEquals(weights[1], weights[0]);
  }
}
