package dev.chainrule.autograd.check;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The point a check evaluates at, as {@link GradCheck#check} and {@link GradCheck#gradGradCheck}
 * take it from the caller: float64 copies of the inputs, finite, and the note a report carries
 * when some of them were float32.
 */
final class EvaluationPoint {
  private EvaluationPoint() {}

  /**
   * The inputs in float64, as copies: float32 values widen exactly, and a function that changes
   * its input in place changes the check's copy, never the caller's tensor (it did, and the
   * check then went on from the changed values).
   */
  static List<Tensor> float64(String op, List<Tensor> inputs) {
    List<Tensor> wide = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      Tensor input = checkNotNull(inputs.get(i), "%s: input %s is null", op, i);
      wide.add(input.dtype() == DType.FLOAT64 ? input.copy() : input.to(DType.FLOAT64));
    }
    return wide;
  }

  /**
   * Refuses a point with a NaN or an infinity in it, naming the first. Finite differences step
   * from the point, and x ± h is x itself at ±∞ and NaN at NaN: the check then failed, as not
   * finite or wrong, blaming the function for the caller's input. {@link Localizer} does not come
   * here: a node's recorded input may hold a −∞ mask, a constant its check compares as one.
   *
   * @param op the check, for the message
   * @param what "input" or "parameter"
   * @param index the input's position in the caller's list
   * @param label what the input is ({@code " (0.weight [3, 2])"}), or empty
   */
  static void requireFinite(String op, String what, int index, String label, Tensor value) {
    // NaN counts as outside any range, so this finds the first NaN or infinity in one pass.
    int first = value.indexOutside(-Double.MAX_VALUE, Double.MAX_VALUE);
    if (first < 0) {
      return;
    }
    // The finite values counted, exact past 2^24 where a float32 sum is not.
    int count = value.size() - value.abs().lt(Double.POSITIVE_INFINITY).countNonZero();
    throw new IllegalArgumentException(String.format(Locale.ROOT,
        "%s: %s %d%s is %s at %s%s, and finite"
        + " differences cannot step from a value that is not finite; check at a finite point (a"
        + " −∞ mask belongs inside the function, as Variable.where(mask, x,"
        + " Variable.constant(minusInfinity)))", op, what, index, label, value.flatGet(first),
        Arrays.toString(value.shape().unravel(first)), count == 1 ? ""
            : String.format(Locale.ROOT,
                " (%d of its %d elements are not finite)", count, value.size())));
  }

  /** {@link #requireFinite} of each input, after refusing a null one by its position. */
  static void requireFinite(String op, List<Tensor> inputs) {
    for (int i = 0; i < inputs.size(); i++) {
      requireFinite(op, "input", i, "", checkNotNull(inputs.get(i), "%s: input %s is null", op,
          i));
    }
  }

  /**
   * {@code report}, saying which of {@code inputs} were float32 and were checked in float64: a
   * pass then says nothing of the float32 path, which the caller may have meant to check (a
   * float32 model's parameters), while {@link GradCheck#checkParameters}, which cannot widen what
   * the function reads, refuses them.
   */
  static GradCheckReport noteWidened(List<Tensor> inputs, GradCheckReport report) {
    StringJoiner narrow = new StringJoiner(", ");
    int count = 0;
    for (int i = 0; i < inputs.size(); i++) {
      if (inputs.get(i).dtype() == DType.FLOAT32) {
        narrow.add(Integer.toString(i));
        count++;
      }
    }
    if (count == 0) {
      return report;
    }
    String which = (count == 1 ? "input " : "inputs ") + narrow + (count == 1 ? " was" : " were");
    return report.withNote(which + " float32, checked in float64 (widened exactly): the rule is"
        + " checked, not the float32 path, which OpSpec.checkFloat32 compares with float64");
  }
}
