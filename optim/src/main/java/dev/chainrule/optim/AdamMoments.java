package dev.chainrule.optim;

import dev.chainrule.core.FusedUpdates;
import dev.chainrule.core.Tensor;
import java.util.List;

/**
 * The bias-corrected moment step that {@link Adam} and {@link AdamW} share (they differ only in
 * how weight decay enters: Adam's is in the gradient, AdamW's joins the step here):
 * m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², θ ← θ − η·m̂/(√v̂ + ε);
 * with AMSGrad, v̂ is taken from the largest v so far, v_max ← max(v_max, v). With maximize, g
 * is the negated gradient throughout, as PyTorch negates it first: m changes sign, v does not.
 */
final class AdamMoments {
  static final String EXP_AVG = "exp_avg";
  static final String EXP_AVG_SQ = "exp_avg_sq";
  static final String MAX_EXP_AVG_SQ = "max_exp_avg_sq";
  private static final List<String> BUFFERS = List.of(EXP_AVG, EXP_AVG_SQ);
  private static final List<String> AMSGRAD_BUFFERS = List.of(EXP_AVG, EXP_AVG_SQ, MAX_EXP_AVG_SQ);

  private final double beta1;
  private final double beta2;
  private final double eps;
  private final boolean amsgrad;
  /**
   * The step t whose corrections 1 − β₁ᵗ and 1 − β₂ᵗ are held below: every parameter of a step
   * shares its t, and a pair of Math.pow calls took 0.1 µs, a few percent of the Iris
   * network's whole step when made once per parameter. The same calls, so the same bits.
   */
  private long correctedStep = -1;
  private double correction1;
  private double correction2;

  AdamMoments(double beta1, double beta2, double eps, boolean amsgrad) {
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.amsgrad = amsgrad;
  }

  /** The buffers in PyTorch's order: exp_avg, exp_avg_sq and, with AMSGrad, max_exp_avg_sq. */
  List<String> buffers() {
    return amsgrad ? AMSGRAD_BUFFERS : BUFFERS;
  }

  /**
   * One step of θ = {@code value} with gradient {@code g} (read only) at learning rate η, with
   * AdamW's decoupled decay λ (0 for Adam): θ ← θ + (−ηλθ − η·m̂/(√v̂ + ε)), the decay folded into
   * the step's addend (see {@link FusedUpdates#adamW}) so that float32 keeps its share.
   */
  void step(Tensor value, Tensor g, ParameterState state, double learningRate,
      double decoupledDecay) {
    if (state.step() != correctedStep) {
      correction1 = 1 - Math.pow(beta1, state.step());
      correction2 = 1 - Math.pow(beta2, state.step());
      correctedStep = state.step();
    }
    double decayStep = -learningRate * decoupledDecay;
    if (amsgrad) {
      amsgradStep(value, g, state, -learningRate / correction1, decayStep,
          Math.sqrt(correction2));
      return;
    }
    // √v̂ = √v / √(1 − β₂ᵗ): one square root per element, as PyTorch computes it. One fused pass:
    // the same operations as m.scale(β₁).axpy(1 − β₁, g), v.scale(β₂).add(((1 − β₂)·g)·g),
    // θ.axpy(−η/(1 − β₁ᵗ), m / (√v / √(1 − β₂ᵗ) + ε)), without their five temporaries; with
    // decay, θ.add(θ·(−ηλ) + that step) instead of the last.
    if (decayStep == 0) {
      FusedUpdates.adam(value, state.buffer(EXP_AVG), state.buffer(EXP_AVG_SQ), g, beta1, beta2,
          -learningRate / correction1, Math.sqrt(correction2), eps);
    } else {
      FusedUpdates.adamW(value, state.buffer(EXP_AVG), state.buffer(EXP_AVG_SQ), g, beta1, beta2,
          -learningRate / correction1, decayStep, Math.sqrt(correction2), eps);
    }
  }

  /**
   * The fused step's operations, in its order, with the running maximum between v's update and
   * the denominator (PyTorch 1.13's {@code torch.maximum(max_exp_avg_sq, exp_avg_sq, out=...)}).
   * Composed from tensor operations rather than fused: AMSGrad is the rare setting, and this way
   * its m, v and θ are bitwise those of the fused kernel.
   */
  private void amsgradStep(Tensor value, Tensor g, ParameterState state, double step,
      double decayStep, double correction2Sqrt) {
    Tensor m = state.buffer(EXP_AVG).scaleInPlace(beta1).axpyInPlace(1 - beta1, g);
    // ((1 − β₂)·g)·g, weighted before squared as the fused kernel and PyTorch's addcmul_ do.
    Tensor v = state.buffer(EXP_AVG_SQ).scaleInPlace(beta2).addInPlace(g.mul(1 - beta2).mul(g));
    Tensor max = state.buffer(MAX_EXP_AVG_SQ);
    max.assignInPlace(max.maximum(v));
    Tensor quotient = m.div(max.sqrt().div(correction2Sqrt).add(eps));
    if (decayStep == 0) {
      value.axpyInPlace(step, quotient);
    } else {
      // (−ηλ)·θ + step·quotient, each product rounded, then their sum, then θ plus it: the
      // fused kernel's order.
      value.addInPlace(value.mul(decayStep).axpyInPlace(step, quotient));
    }
  }

  String describe(double weightDecay, boolean maximize) {
    // AMSGrad and maximize are named only when on, so a default Adam's recorded settings are
    // those it had before the options existed, and its old checkpoints still load.
    return "betas=(" + beta1 + ", " + beta2 + "), eps=" + eps + ", weightDecay=" + weightDecay
        + (amsgrad ? ", amsgrad" : "") + (maximize ? ", maximize" : "");
  }
}
