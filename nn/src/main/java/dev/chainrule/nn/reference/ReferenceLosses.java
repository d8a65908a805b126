package dev.chainrule.nn.reference;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.nn.loss.Losses;
import java.util.Locale;

/**
 * Loss values J(a, y) and derivatives ∂J/∂a written out by hand, and the fused output deltas δᴸ =
 * ∂J/∂zᴸ where activation and loss cancel into p − y, scaled by the reduction (p the sigmoid's or
 * softmax's probabilities: for log-softmax with NLL, p = e^{aᴸ}). The reference does not model the
 * library's log clamp: outputs where the clamp acts are refused ({@link
 * #requireUnclampedLogarithms}). What the engine's losses refuse, {@link LossDomains} refuses.
 */
final class ReferenceLosses {
  private ReferenceLosses() {}

  /**
   * The target in the output's shape and type, as the engine's loss makes it: class indices
   * become one-hot rows for class losses, and a float64 target meets a float32 output in float32
   * (the reference computed such a loss in float64, the engine in float32). What the engine
   * refuses on the way is refused here first, in its order: a class loss over one output unit,
   * then mismatched shapes and class indices, then a target float32 cannot hold.
   */
  static Tensor target(Loss.BuiltIn loss, Tensor output, Tensor target) {
    if (loss.isClassification() && output.rank() == 2 && output.dim(1) < 2) {
      // One unit's "class" has probability 1 whatever the model says: the engine refuses the
      // loss (its value 0, its gradients 0), where the reference answered with both.
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "delta rule: output %s holds %s, which %s"
          + " refuses in the engine: a classifier needs K ≥ 2 output units (for one yes/no"
          + " output use binaryCrossEntropy)", output.shape(), output.dim(1) == 0 ? "no classes"
          : "a single class per sample, whose probability is always 1 and loss always 0", loss));
    }
    return inOutputType(loss, output, inOutputShape(loss, output, target));
  }

  private static Tensor inOutputShape(Loss.BuiltIn loss, Tensor output, Tensor target) {
    if (loss.isClassification() && output.rank() == 2 && target.rank() == 1) {
      // One index per row: fewer broadcast (one index for five rows gave the loss of all five
      // at that class) or failed in a product that named neither the rule nor the target.
      if (target.dim(0) != output.dim(0)) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "delta rule: output %s and class"
            + " indices %s do not match: one index per row", output.shape(), target.shape()));
      }
      LossDomains.requireClassIndices(loss, target, output.dim(1));
      return Tensors.oneHot(target, output.dim(1), output.dtype());
    }
    if (!target.shape().equals(output.shape())) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, 
          "delta rule: output %s and target %s do not match", output.shape(), target.shape()));
    }
    return target;
  }

  private static Tensor inOutputType(Loss.BuiltIn loss, Tensor output, Tensor y) {
    if (y.dtype() == output.dtype()) {
      return y;
    }
    int beyond = output.dtype() == DType.FLOAT32 ? y.indexBeyondFloat32() : -1;
    if (beyond >= 0) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "delta rule: target %s holds %s at"
          + " element %s, beyond float32's largest value %s, the output's type, which %s refuses"
          + " in the engine: it would be an infinity there", y.shape(), y.flatGet(beyond),
          beyond, Float.MAX_VALUE, loss));
    }
    return y.to(output.dtype());
  }

  /**
   * Refuses outputs where binary or categorical cross-entropy takes a logarithm the engine
   * clamps, after {@link LossDomains} has refused what the engine refuses: an argument (p, and
   * for binary cross-entropy 1 − p, computed as the engine does) below {@link
   * Losses#smallestExactProbability} that the target weighs (y, or 1 − y, not 0), where the
   * engine's logarithm is −100 with gradient 0 (in float32 its gradient is 0 from float32's
   * smallest normal number down) and the reference's the exact log and −y/p; and an argument of
   * 0 (an output of exactly 0, or 1 under binary cross-entropy) whatever the weight, where the
   * formulas here give 0·∞ = NaN or an ∞ gradient. A saturated sigmoid, a softmax's vanishing
   * class or a ReLU's zeros get there. An output of 1 under categorical cross-entropy is no such
   * case: log 1 = 0 is not clamped. A NaN output is let through, as the engine lets it: both
   * losses are NaN.
   */
  static void requireUnclampedLogarithms(Loss.BuiltIn loss, Tensor output, Tensor y) {
    boolean binary = loss.kind() == Loss.Kind.BINARY_CROSS_ENTROPY;
    if (!binary && loss.kind() != Loss.Kind.CATEGORICAL_CROSS_ENTROPY) {
      return;
    }
    double smallest = Losses.smallestExactProbability(output.dtype());
    Tensor complement = output.neg().add(1);
    for (int i = 0; i < output.size(); i++) {
      double p = output.flatGet(i);
      if (clamped(p, y.flatGet(i), smallest)) {
        throw clamped(loss, output, i, ",", y.flatGet(i), smallest);
      }
      if (binary && clamped(complement.flatGet(i), 1 - y.flatGet(i), smallest)) {
        throw clamped(loss, output, i, ", and 1 − p = " + complement.flatGet(i) + " is",
            y.flatGet(i), smallest);
      }
    }
  }

  /**
   * Whether the engine's clamp changes log(argument)·weight: below the threshold where the weight
   * is not 0, and at 0 or below (reached after a NaN, which the engine's check stops at) where
   * the reference's 0·log 0 would be NaN. NaN is not below anything, and passes.
   */
  private static boolean clamped(double argument, double weight, double smallest) {
    return argument < smallest && (weight != 0 || argument <= 0);
  }

  private static IllegalArgumentException clamped(Loss.BuiltIn loss, Tensor output, int at,
      String complement, double target, double smallest) {
    int columns = output.rank() < 2 ? 1 : output.dim(-1);
    String where = output.rank() < 2 ? "element " + at
        : "row " + at / columns + ", column " + at % columns;
    String clamp = output.dtype() == DType.FLOAT32
        ? "float32's smallest normal number, " + smallest + ", where " + loss + " takes its"
            + " logarithm against target " + target + ": the engine's logarithm has gradient 0"
            + " there (1/p would overflow float32; its value is −100 from e^−100 down)"
        : "e^−100 = " + smallest + ", where " + loss + " takes its logarithm against target "
            + target + ": the engine clamps that logarithm there (value −100, gradient 0)";
    return new IllegalArgumentException("delta rule: output at " + where + " is "
        + output.flatGet(at) + complement + " below " + clamp + ", and the hand-derived"
        + " reference, which does not clamp, would answer otherwise");
  }

  /** 1/N for MEAN, 1 for SUM; NONE is no J, refused by DeltaRule.backprop before this. */
  private static double scale(Loss.BuiltIn loss, Tensor a) {
    int n = a.rank() == 0 ? 1 : a.dim(0);
    return switch (loss.reduction()) {
      case MEAN -> 1.0 / n;
      case SUM -> 1.0;
      case NONE -> throw new IllegalStateException("delta rule: " + loss + " is per sample");
    };
  }

  private static int classes(Tensor a) {
    return a.rank() < 2 ? 1 : a.dim(1);
  }

  static double value(Loss.BuiltIn loss, Tensor a, Tensor y) {
    double s = scale(loss, a);
    double k = classes(a);
    return switch (loss.kind()) {
      case SUM_OF_SQUARES -> s * a.sub(y).square().sum().item();
      case MEAN_SQUARED_ERROR -> s / k * a.sub(y).square().sum().item();
      case HALF_MEAN_SQUARED_ERROR -> s * 0.5 * a.sub(y).square().sum().item();
      case BINARY_CROSS_ENTROPY -> -s / k * y.mul(a.log())
          .add(y.neg().add(1).mul(a.neg().add(1).log())).sum().item();
      case BINARY_CROSS_ENTROPY_WITH_LOGITS -> s / k * a.softplus().sub(a.mul(y)).sum().item();
      case CATEGORICAL_CROSS_ENTROPY -> -s * y.mul(a.log()).sum().item();
      case SOFTMAX_CROSS_ENTROPY -> s * a.logSumExp(-1, true).mul(y.sum(-1, true))
          .sub(a.mul(y).sum(-1, true)).sum().item();
      case NEGATIVE_LOG_LIKELIHOOD -> -s * y.mul(a).sum().item();
    };
  }

  /** ∂J/∂a. */
  static Tensor gradient(Loss.BuiltIn loss, Tensor a, Tensor y) {
    double s = scale(loss, a);
    double k = classes(a);
    return switch (loss.kind()) {
      case SUM_OF_SQUARES -> a.sub(y).mul(2 * s);
      case MEAN_SQUARED_ERROR -> a.sub(y).mul(2 * s / k);
      case HALF_MEAN_SQUARED_ERROR -> a.sub(y).mul(s);
      case BINARY_CROSS_ENTROPY ->
          y.neg().div(a).add(y.neg().add(1).div(a.neg().add(1))).mul(s / k);
      case BINARY_CROSS_ENTROPY_WITH_LOGITS -> a.sigmoid().sub(y).mul(s / k);
      case CATEGORICAL_CROSS_ENTROPY -> y.div(a).mul(-s);
      case SOFTMAX_CROSS_ENTROPY ->
          a.sub(a.logSumExp(-1, true)).exp().mul(y.sum(-1, true)).sub(y).mul(s);
      case NEGATIVE_LOG_LIKELIHOOD -> y.mul(-s);
    };
  }

  /**
   * δᴸ = ∂J/∂zᴸ directly where the output activation and the loss cancel (ŷ − y, scaled), or
   * {@code null} where the general rule δᴸ = f′ᵀ(∂J/∂aᴸ) must be used.
   */
  static Tensor fusedDelta(Activation.BuiltIn f, Loss.BuiltIn loss, Tensor a, Tensor y) {
    double s = scale(loss, a);
    return switch (loss.kind()) {
      case BINARY_CROSS_ENTROPY ->
          f.kind() == Activation.Kind.SIGMOID ? a.sub(y).mul(s / classes(a)) : null;
      case CATEGORICAL_CROSS_ENTROPY ->
          f.kind() == Activation.Kind.SOFTMAX ? a.mul(y.sum(-1, true)).sub(y).mul(s) : null;
      case NEGATIVE_LOG_LIKELIHOOD -> f.kind() == Activation.Kind.LOG_SOFTMAX
          ? a.exp().mul(y.sum(-1, true)).sub(y).mul(s) : null;
      default -> null;
    };
  }
}
