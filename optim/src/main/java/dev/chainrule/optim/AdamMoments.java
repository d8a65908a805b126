package dev.chainrule.optim;

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
    Tensor m = state.buffer(EXP_AVG).scaleInPlace(beta1).axpyInPlace(1 - beta1, g);
    Tensor v = state.buffer(EXP_AVG_SQ).scaleInPlace(beta2).axpyInPlace(1 - beta2, g.square());
    double correction1 = 1 - Math.pow(beta1, state.step());
    double correction2 = 1 - Math.pow(beta2, state.step());
    // √v̂ = √v / √(1 − β₂ᵗ): one square root per element, as PyTorch computes it.
    Tensor denominator = v.sqrt().div(Math.sqrt(correction2)).add(eps);
    value.axpyInPlace(-learningRate / correction1, m.div(denominator));
  }

  String describe(double learningRate, double weightDecay) {
    return "(lr=" + learningRate + ", betas=(" + beta1 + ", " + beta2 + "), eps=" + eps
        + ", weightDecay=" + weightDecay + ")";
  }
}
