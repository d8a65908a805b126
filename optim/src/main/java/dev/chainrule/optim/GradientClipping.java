package dev.chainrule.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Gradient clipping between {@code backward()} and {@link Optimizer#step()}. Both methods change
 * the gradients the parameters hold, in place: a variable's gradient tensor is its own (copied on
 * the first accumulation), so scaling it touches nothing else. Parameters without a gradient are
 * skipped.
 */
public final class GradientClipping {
  private GradientClipping() {}

  /**
   * Clips by global norm, as {@code torch.nn.utils.clip_grad_norm_}: with ‖g‖ the Euclidean norm
   * of all the gradients together, scales every gradient by maxNorm/‖g‖ when ‖g‖ &gt; maxNorm, so
   * that their joint norm becomes maxNorm and their direction is kept; below the threshold nothing
   * changes. Unlike PyTorch, which divides by ‖g‖ + 1e-6, the factor is exactly maxNorm/‖g‖.
   * The norm is computed without overflow: gradients [3e200, 4e200] have the norm 5e200 and
   * become [0.6, 0.8] under a maxNorm of 1, where PyTorch's norm overflows to inf and its factor
   * maxNorm/(inf + 1e-6) = 0 zeroes them. There is no {@code norm_type} (always L2) and no {@code
   * error_if_nonfinite} (see below).
   *
   * <p>A NaN or infinite norm is returned and the gradients are left as they are: there is no
   * finite factor that repairs them (scaling an infinity by 0 gives NaN), and the caller can skip
   * the step on seeing it.
   *
   * @return the global norm before clipping
   * @param parameters the parameters to update, in order
   * @param maxNorm the largest global L2 norm the gradients may have, positive (+∞ clips
   *     nothing)
   * @throws IllegalStateException naming a parameter updated in backward, which has no gradient
   */
  public static double clipByNorm(List<Variable> parameters, double maxNorm) {
    checkArgument(maxNorm > 0, "clipByNorm: the maximum norm must be positive, got %s", maxNorm);
    List<Tensor> gradients = gradients("clipByNorm", parameters);
    double norm = norm(gradients);
    if (norm > maxNorm && norm < Double.POSITIVE_INFINITY) {
      double factor = maxNorm / norm;
      gradients.forEach(g -> g.scaleInPlace(factor));
    }
    return norm;
  }

  /**
   * The Euclidean norm of all the parameters' gradients together (0 when none has one).
   *
   * @param parameters the parameters to update, in order
   * @return the L2 norm of all gradients together (parameters without one count as 0)
   * @throws IllegalStateException naming a parameter updated in backward, which has no gradient
   */
  public static double globalNorm(List<Variable> parameters) {
    return norm(gradients("globalNorm", parameters));
  }

  /**
   * Clips by value, as {@code torch.nn.utils.clip_grad_value_}: limits every gradient element to
   * [−limit, limit]. NaN elements stay NaN.
   *
   * @param parameters the parameters to update, in order
   * @param limit the largest absolute value a gradient element may keep, positive (+∞ clips
   *     nothing)
   * @throws IllegalStateException naming a parameter updated in backward, which has no gradient
   */
  public static void clipByValue(List<Variable> parameters, double limit) {
    checkArgument(limit > 0, "clipByValue: the limit must be positive, got %s", limit);
    for (Tensor g : gradients("clipByValue", parameters)) {
      // In place, as PyTorch's clamp_: a clamped copy assigned back took 7–8 times its time.
      g.clampInPlace(-limit, limit);
    }
  }

  private static double norm(List<Tensor> gradients) {
    if (gradients.isEmpty()) {
      return 0;
    }
    double largest = 0;
    for (Tensor g : gradients) {
      // max() lets a NaN win, so a NaN anywhere makes the norm NaN.
      largest = Math.max(largest, g.abs().max().item());
    }
    if (largest == 0 || !(largest < Double.POSITIVE_INFINITY)) {
      return largest;
    }
    // Squares overflow above about 1e154 and vanish below 1e-162. Dividing every element by a
    // power of two near the largest is exact, and so is multiplying the root back: it rescues both
    // ends and, at ordinary magnitudes, gives bit for bit the plain sum-of-squares result.
    double scale = Math.scalb(1.0, Math.getExponent(largest));
    double[] sums = new double[gradients.size()];
    for (int i = 0; i < sums.length; i++) {
      sums[i] = gradients.get(i).div(scale).square().sum().item();
    }
    return Tensor.vector(sums).sum().sqrt().item() * scale;
  }

  private static List<Tensor> gradients(String op, List<Variable> parameters) {
    checkNotNull(parameters, "%s: the parameter list is null", op);
    List<Tensor> gradients = new ArrayList<>();
    // A parameter listed twice counted twice in the norm, and its gradient was scaled twice.
    Set<Variable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (int i = 0; i < parameters.size(); i++) {
      Variable p = checkNotNull(parameters.get(i), "%s: parameter %s is null", op, i);
      checkArgument(seen.add(p), "%s: parameter %s is listed twice (each is clipped once)", op,
          i);
      // Its update ran inside backward, which kept no gradient: 0 and nothing clipped, silently.
      if (p.hasUpdateInBackward()) {
        throw new IllegalStateException(op + ": " + ParameterList.label(i, p) + " " + p.shape()
            + " is updated in backward (Optimizer.updateInBackward()), which keeps no gradient"
            + " to clip or measure and has taken the step already; clip with the update after"
            + " backward (remove the updateInBackward handle first)");
      }
      // An empty gradient adds nothing to the norm, and has no largest element to scale by.
      Tensor gradient = p.borrowGrad();
      if (gradient != null && gradient.size() > 0) {
        gradients.add(gradient);
      }
    }
    return gradients;
  }
}
