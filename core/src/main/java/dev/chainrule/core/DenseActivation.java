package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Locale;

/**
 * An activation that {@link Tensor#dense(Tensor, Transpose, Tensor, DenseActivation)} applies to
 * the product it has just made: the three whose derivative is a function of their output y alone,
 * so that a backward pass needs neither the product z before the activation nor an array to keep
 * it in. A dense layer followed by one of them is then one graph node instead of two, and the
 * product's array is written over (ReLU) or handed back for reuse (tanh, sigmoid).
 */
public enum DenseActivation {
  /**
   * y = max(z, 0); dy/dz = [y &gt; 0], which is [z &gt; 0] (0 at z = 0, as PyTorch's ReLU), and 1
   * where z and so y is NaN, as PyTorch's (its rule zeroes g where y ≤ 0, false for NaN).
   */
  RELU(UnaryOp.RELU),
  /** y = tanh z; dy/dz = 1 − y². */
  TANH(UnaryOp.TANH),
  /** y = σ(z) = 1/(1 + e^−z); dy/dz = y·(1 − y). */
  SIGMOID(UnaryOp.SIGMOID);

  final UnaryOp op;

  DenseActivation(UnaryOp op) {
    this.op = op;
  }

  /** The activation's name in lower case, as ops and graph labels write it: "relu". */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The activation of every element of {@code z}: the values {@link Tensor#dense(Tensor,
   * Transpose, Tensor, DenseActivation)} gives, from a product already made.
   *
   * @param z any tensor
   * @return a new tensor of z's shape and type
   */
  public Tensor apply(Tensor z) {
    checkNotNull(z, "%s: the tensor is null", this);
    return Elementwise.map(z, op);
  }

  /**
   * The gradient with respect to the product z, from the gradient g with respect to the output and
   * the output y alone: g·[y &gt; 0] (g where y is NaN), g·(1 − y²) or g·y·(1 − y).
   *
   * @param outputGradient g, of y's shape
   * @param output y, this activation's output
   * @return a new tensor of y's shape
   * @throws IllegalArgumentException naming the backward op and both shapes when they differ
   */
  public Tensor inputGradient(Tensor outputGradient, Tensor output) {
    checkNotNull(outputGradient, "%s input gradient: the output's gradient is null", this);
    checkNotNull(output, "%s input gradient: the output is null", this);
    return switch (this) {
      case RELU -> outputGradient.gatePositive(output);
      case TANH -> outputGradient.tanhBackward(output);
      case SIGMOID -> outputGradient.sigmoidBackward(output);
    };
  }

  /**
   * The gradients a dense layer's backward pass needs from this activation: with respect to the
   * product z, and with respect to a bias added to each of z's rows (its sum over the rows).
   *
   * @param product G, the gradient with respect to z
   * @param bias Σ over the rows of G
   */
  public record Gradients(Tensor product, Tensor bias) {}

  /**
   * {@link #inputGradient} and its sum over the rows, {@code sum(0, false)}, bit for bit. For ReLU
   * the gate runs in arithmetic, which vectorizes where the exact gate's bit operations do not
   * (about half its time): exact wherever g is finite and y is not NaN. An ∞ or NaN in g can come
   * out of it NaN instead of 0, and a NaN y makes NaN, so either makes a sum that is not finite,
   * as does an ∞ or NaN passing the gate (or a sum that overflows); then the gate is applied again
   * bit by bit and summed again. NaNs compare as NaNs: their sign and payload after a sum are not
   * reproducible even between two runs of the same sum.
   *
   * @param outputGradient g, of y's shape, at least one axis
   * @param output y, this activation's output
   * @return G and its sum over the first axis, new tensors of g's type
   * @throws IllegalArgumentException naming the backward op and both shapes when they differ,
   *     or naming this activation when g is a scalar
   */
  public Gradients gradients(Tensor outputGradient, Tensor output) {
    checkNotNull(outputGradient, "%s input gradient: the output's gradient is null", this);
    checkNotNull(output, "%s input gradient: the output is null", this);
    // A scalar has no rows to sum the bias's gradient over: named here, not as sum's axis 0.
    checkArgument(outputGradient.rank() >= 1, "%s gradients: the output's gradient %s has no"
        + " axis to sum the bias's gradient over (rows along the first)", this,
        outputGradient.shape());
    if (this != RELU) {
      Tensor product = inputGradient(outputGradient, output);
      return new Gradients(product, product.sum(0, false));
    }
    Tensor product = Elementwise.gatePositiveOfFinite(outputGradient, output);
    Tensor bias = product.sum(0, false);
    for (int i = 0; i < bias.size(); i++) {
      if (!Double.isFinite(bias.flatGet(i))) {
        Recycling.recycleUnseen(product.storage().array());
        product = outputGradient.gatePositive(output);
        return new Gradients(product, product.sum(0, false));
      }
    }
    return new Gradients(product, bias);
  }
}
