package dev.chainrule.nn;

import dev.chainrule.autograd.Variable;
import java.util.function.UnaryOperator;

/**
 * The image layers' two input forms: a batch [N, C, H, W], or one image [C, H, W], run as a batch
 * of one, as PyTorch takes it unbatched.
 */
final class Images {
  private Images() {}

  /**
   * Runs {@code op} on a batch or on one image. An input the op refuses (a kernel larger than
   * the image) is refused under the layer's name and the shape given: the op alone named the
   * batch of one it saw, [1, C, H, W], a shape the caller never passed.
   *
   * @param layer the layer, for messages
   * @param x a batch [N, C, H, W] or one image [C, H, W]
   * @param op the layer's computation on a batch
   * @return the result, of the input's form
   */
  static Variable batchOrOne(Module layer, Variable x, UnaryOperator<Variable> op) {
    boolean one = x.rank() == 3;
    if (!one && x.rank() != 4) {
      throw layer.badInput("input %s should be [batch, channels, height, width] (or one image"
          + " [channels, height, width])", x.shape());
    }
    Variable batch = one ? x.unsqueeze(0) : x;
    Variable y;
    try {
      y = op.apply(batch);
    } catch (IllegalArgumentException e) {
      // The op's reason, with the shape it saw put back as the caller gave it, and named once.
      String reason = one ? asGiven(e.getMessage(), batch.shape().toString(), x.shape()
          .toString()) : e.getMessage();
      String input = reason.contains(x.shape().toString()) ? "" : "input " + x.shape() + ": ";
      throw new IllegalArgumentException(layer.describe() + ": " + input + reason, e);
    }
    return one ? y.squeeze(0) : y;
  }

  /**
   * The op's message with the input's shape, the first the op names (as "input [1, C, H, W]"
   * where it says so), as the caller gave it. Only that one: a weight [1, C, kh, kw] of the same
   * text was replaced too, so one image [3, 2, 2] under a 2×2 kernel of one output channel read
   * "input [3, 2, 2] and weight [3, 2, 2]".
   */
  private static String asGiven(String message, String seen, String given) {
    int at = message.indexOf("input " + seen);
    at = at >= 0 ? at + "input ".length() : message.indexOf(seen);
    return at < 0 ? message
        : message.substring(0, at) + given + message.substring(at + seen.length());
  }
}
