package dev.chainrule.optim;

import dev.chainrule.core.FusedUpdates;
import dev.chainrule.core.Tensor;
import java.util.List;

/**
 * The bias-corrected moment step that {@link Adam} and {@link AdamW} share (they differ only in
 * how weight decay enters): m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², θ ← θ − η·m̂/(√v̂ + ε).
 */
record AdamMoments(double beta1, double beta2, double eps) {
  static final String EXP_AVG = "exp_avg";
  static final String EXP_AVG_SQ = "exp_avg_sq";
  static final List<String> BUFFERS = List.of(EXP_AVG, EXP_AVG_SQ);

  /** One step of θ = {@code value} with gradient {@code g} (read only) at learning rate η. */
  void step(Tensor value, Tensor g, ParameterState state, double learningRate) {
    double correction1 = 1 - Math.pow(beta1, state.step());
    double correction2 = 1 - Math.pow(beta2, state.step());
    // √v̂ = √v / √(1 − β₂ᵗ): one square root per element, as PyTorch computes it. One fused pass:
    // the same operations as m.scale(β₁).axpy(1 − β₁, g), v.scale(β₂).axpy(1 − β₂, g²),
    // θ.axpy(−η/(1 − β₁ᵗ), m / (√v / √(1 − β₂ᵗ) + ε)), without their five temporaries.
    FusedUpdates.adam(value, state.buffer(EXP_AVG), state.buffer(EXP_AVG_SQ), g, beta1, beta2,
        -learningRate / correction1, Math.sqrt(correction2), eps);
  }

  String describe(double weightDecay) {
    return "betas=(" + beta1 + ", " + beta2 + "), eps=" + eps + ", weightDecay=" + weightDecay;
  }
}
