package dev.chainrule.nn.reference;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Reduction;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Transpose;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.CrossEntropyLoss;
import dev.chainrule.nn.loss.Loss;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Backpropagation for Dense networks by the delta rule, on plain tensors with no autograd: the
 * hand-derived reference the engine is checked against, and a way to teach the algorithm.
 *
 * <p>With rows as samples and weights stored as PyTorch stores them ([out, in]), zˡ = aˡ⁻¹Wˡᵀ + bˡ
 * and aˡ = fˡ(zˡ). The sensitivities are δᴸ = ∂J/∂aᴸ ⊙ f′(zᴸ) (or the fused p − y, times 1/n for a
 * mean over n rows (1/(nK) for binary cross-entropy's mean over every element), where p is the
 * probabilities: aᴸ for sigmoid with binary cross-entropy and softmax with categorical
 * cross-entropy, e^{aᴸ} for log-softmax with NLL, whose output aᴸ is log p), δˡ = (δˡ⁺¹ Wˡ⁺¹) ⊙
 * f′(zˡ), and the gradients ∂J/∂Wˡ = δˡᵀ aˡ⁻¹ and ∂J/∂bˡ = Σ over rows of δˡ. The product ⊙ f′(z)
 * holds for elementwise activations; a softmax or log-softmax layer, whose outputs each depend on
 * the whole row, takes the Jacobian-transpose product instead (for softmax, δⱼ = aⱼ(uⱼ − Σᵢ uᵢaᵢ)
 * of the upstream gradient u). The loss's reduction (mean or sum over the batch) is carried by
 * ∂J/∂aᴸ, so every later step sums over rows.
 *
 * <p>The reference knows the built-in activations and losses, each derivative written out by hand
 * in its own table ({@code ReferenceActivations}, {@code ReferenceLosses}); a user's activation
 * or loss is refused by name.
 */
public final class DeltaRule {
  private DeltaRule() {}

  /**
   * One Dense layer and the built-in activation applied to its output.
   *
   * @param weight [out, in], as {@code Dense} stores it
   * @param bias [out], or {@code null} for none
   * @param activation the function applied to x·Wᵀ + b
   */
  public record Layer(Tensor weight, Tensor bias, Activation.BuiltIn activation) {
    /**
     * Checks the shapes.
     *
     * @param weight [out, in]
     * @param bias [out], or {@code null}
     * @param activation the function applied to x·Wᵀ + b
     */
    public Layer {
      checkNotNull(weight, "delta rule: weight is null");
      checkNotNull(activation, "delta rule: activation is null");
      checkArgument(weight.rank() == 2, "delta rule: weight %s is not a matrix", weight.shape());
      checkArgument(bias == null || (bias.rank() == 1 && bias.dim(0) == weight.dim(0)),
          "delta rule: bias %s does not match weight %s", bias == null ? null : bias.shape(),
          weight.shape());
    }
  }

  /**
   * The loss and its gradients.
   *
   * @param loss J for the batch
   * @param output the last layer's activations aᴸ
   * @param weightGradients ∂J/∂Wˡ per layer, [out, in] like the weights
   * @param biasGradients ∂J/∂bˡ per layer ({@code null} where a layer has no bias)
   * @param deltas δˡ = ∂J/∂zˡ per layer
   */
  public record Result(double loss, Tensor output, List<Tensor> weightGradients,
      List<Tensor> biasGradients, List<Tensor> deltas) {}

  /**
   * The layers of a {@link Sequential} made of Dense layers, each optionally followed by one
   * built-in {@link Activation} (identity where none follows), or of a single Dense layer. A
   * Sequential inside it counts as its layers in their place (blocks of a Dense layer and its
   * activation), and errors name a layer inside one by its dotted path ({@code 1.0}).
   *
   * @param model the network
   * @return its layers, input side first, with their current values
   * @throws IllegalArgumentException when the model has another kind of layer or activation
   */
  public static List<Layer> layersOf(Module model) {
    checkNotNull(model, "delta rule: model is null");
    List<dev.chainrule.nn.Layer> modules = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    flatten(model, "", modules, paths);
    List<Layer> layers = new ArrayList<>();
    for (int i = 0; i < modules.size(); i++) {
      if (!(modules.get(i) instanceof Dense dense)) {
        throw new IllegalArgumentException("delta rule: layer " + paths.get(i) + " is "
            + describe(modules.get(i)) + "; expected Dense, optionally followed by a built-in"
            + " activation");
      }
      Activation.BuiltIn f = Activation.identity();
      if (i + 1 < modules.size() && modules.get(i + 1) instanceof Activation next) {
        f = builtIn(next, paths.get(i + 1));
        i++;
      }
      layers.add(new Layer(dense.weight().value(),
          dense.bias() == null ? null : dense.bias().value(), f));
    }
    return layers;
  }

  /**
   * The Dense layers of a model, in the order of {@link #layersOf}'s layers and of a
   * {@link Result}'s gradients: a nested {@link Sequential}'s in its place. Matching gradients to
   * parameters by any other walk (a Sequential's own layers only) paired them with the wrong
   * layers, or with none.
   *
   * @param model the network
   * @return its Dense layers, input side first; a layer appears once per use when it or its
   *     weight is shared, as its gradients do in a {@link Result}
   */
  public static List<Dense> denseLayersOf(Module model) {
    checkNotNull(model, "delta rule: model is null");
    List<dev.chainrule.nn.Layer> modules = new ArrayList<>();
    flatten(model, "", modules, new ArrayList<>());
    List<Dense> denses = new ArrayList<>();
    for (dev.chainrule.nn.Layer layer : modules) {
      if (layer instanceof Dense dense) {
        denses.add(dense);
      }
    }
    return denses;
  }

  /**
   * Whether the reference covers a model and loss: Dense layers each optionally followed by a
   * built-in activation (in a {@link Sequential}, or a single Dense layer), and a built-in loss
   * that reduces (MEAN or SUM, not NONE's per-sample losses), over at least two output units for a
   * class loss (the engine refuses one unit's "class", whose probability is always 1). The answer
   * is the model's and the loss's: {@link #backprop} still refuses, as the engine's loss does,
   * outputs and targets outside the loss's domain, which depend on the values (a sigmoid's outputs
   * under categorical cross-entropy are refused unless each row happens to sum to 1).
   *
   * @param model the network
   * @param loss its loss
   * @return whether {@link #layersOf} and {@link #backprop} take them
   */
  public static boolean supports(Module model, Loss loss) {
    // Per-sample losses (NONE) are no J: the rule derives the gradient of one number.
    if (plain(loss) == null || loss.reduction() == Reduction.NONE) {
      return false;
    }
    List<dev.chainrule.nn.Layer> modules = new ArrayList<>();
    flatten(model, "", modules, new ArrayList<>());
    int outputs = 0;
    for (int i = 0; i < modules.size(); i++) {
      if (!(modules.get(i) instanceof Dense dense)) {
        return false;
      }
      outputs = dense.outFeatures();
      if (i + 1 < modules.size() && modules.get(i + 1) instanceof Activation next) {
        // The threshold unit has no usable derivative: backprop refuses it, so it is no layer
        // the rule takes.
        if (!(next instanceof Activation.BuiltIn builtIn) || !overRows(builtIn)
            || builtIn.kind() == Activation.Kind.THRESHOLD) {
          return false;
        }
        i++;
      }
    }
    return !plain(loss).isClassification() || outputs >= 2;
  }

  /**
   * Forward and backward through the layers for a batch x [n, in] and its targets, with a
   * built-in loss.
   *
   * @param layers the network, input side first
   * @param lossFunction the loss J, a built-in one
   * @param x [n, in] the inputs
   * @param target the targets, as the loss takes them
   * @return the loss, the output and every layer's gradients
   * @throws IllegalArgumentException for a loss or layers the reference does not know, shapes that
   *     do not match, what the engine's loss refuses, in its order, so the first refusal names
   *     the engine's first offender (targets that are no probabilities or classes, cross-entropy
   *     outputs outside [0, 1], categorical cross-entropy's output rows that are no
   *     distributions, negative log-likelihood's outputs above 0; a NaN output passes, as in
   *     the engine), and then probabilities whose logarithm the engine clamps (each named, with
   *     the offending value and position)
   */
  public static Result backprop(List<Layer> layers, Loss lossFunction, Tensor x, Tensor target) {
    checkNotNull(layers, "delta rule: layers are null");
    checkArgument(!layers.isEmpty(), "delta rule: no layers");
    checkNotNull(lossFunction, "delta rule: loss is null");
    if (lossFunction instanceof CrossEntropyLoss weighted && !weighted.options().isNone()) {
      throw new IllegalArgumentException("delta rule: the loss is " + weighted + "; the"
          + " hand-derived reference knows the derivatives of the built-in losses without class"
          + " weights, label smoothing or an ignore index only");
    }
    Loss.BuiltIn loss = plain(lossFunction);
    if (loss == null) {
      throw new IllegalArgumentException("delta rule: the loss is one of your own ("
          + lossFunction.getClass().getName().replaceAll("\\$\\$Lambda.*", " lambda")
          + "), not a built-in loss; the hand-derived reference knows the derivatives of the"
          + " built-in losses only");
    }
    checkArgument(loss.reduction() != Reduction.NONE, "delta rule: the loss %s gives per-sample"
        + " losses (Reduction.NONE); the reference derives the gradient of one number J: use"
        + " MEAN or SUM (or weight the samples' losses yourself with the engine)", loss);
    checkNotNull(x, "delta rule: input is null");
    checkNotNull(target, "delta rule: target is null");
    checkArgument(x.rank() == 2, "delta rule: input %s should be [batch, features]", x.shape());
    // 1/n of no samples made the loss and every gradient NaN, where the loss itself refuses the
    // batch ("holds no values to average"); a sum over none is 0, as the loss gives.
    checkArgument(x.dim(0) > 0 || loss.reduction() != Reduction.MEAN, "delta rule: input %s"
        + " holds no samples: the mean loss over none is undefined", x.shape());
    // Named here, where a matmul deep in the walk would say only "inner dimensions differ".
    int width = x.dim(1);
    for (int l = 0; l < layers.size(); l++) {
      Tensor weight = checkNotNull(layers.get(l), "delta rule: layer %s is null", l).weight();
      checkArgument(weight.dim(1) == width, "delta rule: layer %s's weight %s takes %s inputs,"
          + " but %s gives %s", l, weight.shape(), weight.dim(1),
          l == 0 ? "the input " + x.shape() : "layer " + (l - 1), width);
      width = weight.dim(0);
    }
    List<Tensor> activations = new ArrayList<>(List.of(x));
    List<Tensor> preActivations = new ArrayList<>();
    for (Layer layer : layers) {
      Tensor z = activations.get(activations.size() - 1).matmul(layer.weight(), Transpose.RIGHT);
      z = layer.bias() == null ? z : z.add(layer.bias());
      preActivations.add(z);
      activations.add(ReferenceActivations.value(layer.activation(), z));
    }
    int last = layers.size() - 1;
    Tensor output = activations.get(last + 1);
    Tensor y = ReferenceLosses.target(loss, output, target);
    // What the engine refuses first, in its order per loss, so the first refusal is its; then
    // what the engine computes but the reference cannot (a clamped logarithm).
    LossDomains.require(loss, output, y);
    ReferenceLosses.requireUnclampedLogarithms(loss, output, y);
    Tensor delta = ReferenceLosses.fusedDelta(layers.get(last).activation(), loss, output, y);
    if (delta == null) {
      delta = ReferenceActivations.backward(layers.get(last).activation(),
          preActivations.get(last), output, ReferenceLosses.gradient(loss, output, y));
    }
    List<Tensor> weightGrads = new ArrayList<>();
    List<Tensor> biasGrads = new ArrayList<>();
    List<Tensor> deltas = new ArrayList<>();
    for (int l = last; l >= 0; l--) {
      deltas.add(delta);
      weightGrads.add(delta.matmul(activations.get(l), Transpose.LEFT));
      biasGrads.add(layers.get(l).bias() == null ? null : delta.sum(0, false));
      if (l > 0) {
        Tensor upstream = delta.matmul(layers.get(l).weight());
        delta = ReferenceActivations.backward(layers.get(l - 1).activation(),
            preActivations.get(l - 1), activations.get(l), upstream);
      }
    }
    Collections.reverse(weightGrads);
    Collections.reverse(biasGrads);
    Collections.reverse(deltas);
    return new Result(ReferenceLosses.value(loss, output, y), output, weightGrads, biasGrads,
        deltas);
  }

  /**
   * The layers of {@code layer} in order, with their dotted paths: a Sequential's own, a nested
   * Sequential's in its place, anything else itself.
   */
  private static void flatten(dev.chainrule.nn.Layer layer, String path,
      List<dev.chainrule.nn.Layer> into, List<String> paths) {
    if (layer instanceof Sequential sequential) {
      List<dev.chainrule.nn.Layer> inner = sequential.layers();
      for (int i = 0; i < inner.size(); i++) {
        flatten(inner.get(i), path.isEmpty() ? Integer.toString(i) : path + "." + i, into, paths);
      }
    } else {
      into.add(layer);
      paths.add(path.isEmpty() ? "0" : path);
    }
  }

  /**
   * The built-in loss a loss is, or {@code null}: a cross-entropy made with {@link
   * dev.chainrule.nn.loss.CrossEntropyOptions#none()} computes exactly the built-in one (it
   * delegates to it), and was refused as if it had class weights.
   */
  private static Loss.BuiltIn plain(Loss loss) {
    if (loss instanceof Loss.BuiltIn builtIn) {
      return builtIn;
    }
    return loss instanceof CrossEntropyLoss crossEntropy && crossEntropy.options().isNone()
        ? new Loss.BuiltIn(crossEntropy.kind(), crossEntropy.reduction()) : null;
  }

  private static Activation.BuiltIn builtIn(Activation f, String position) {
    if (f instanceof Activation.BuiltIn builtIn
        && builtIn.kind() == Activation.Kind.THRESHOLD) {
      throw new IllegalArgumentException("delta rule: layer " + position + " is the threshold"
          + " unit, whose derivative is zero wherever it exists; the delta rule cannot pass a"
          + " gradient through it (train such a unit with the perceptron rule)");
    }
    if (f instanceof Activation.BuiltIn builtIn) {
      if (!overRows(builtIn)) {
        throw new IllegalArgumentException("delta rule: layer " + position + " is " + f.name()
            + " over axis " + (int) builtIn.parameter() + "; the hand-derived reference"
            + " normalizes each row of [batch, units] (axis -1), and would differ from the"
            + " engine without being wrong");
      }
      return builtIn;
    }
    throw new IllegalArgumentException("delta rule: layer " + position + " is the activation '"
        + f.name() + "', not a built-in one; the hand-derived reference knows the derivatives of"
        + " the built-in activations only");
  }

  /**
   * Whether the activation acts on each row of [batch, units] as the reference's formulas do: a
   * softmax or log-softmax over axis 0 normalizes the batch instead, and the reference, which
   * ignored the axis, reported a correct engine as wrong.
   */
  private static boolean overRows(Activation.BuiltIn f) {
    boolean normalizes = f.kind() == Activation.Kind.SOFTMAX
        || f.kind() == Activation.Kind.LOG_SOFTMAX;
    return !normalizes || f.parameter() == -1 || f.parameter() == 1;
  }

  private static String describe(dev.chainrule.nn.Layer layer) {
    return layer instanceof Activation f ? "the activation '" + f.name() + "'"
        : layer.getClass().getSimpleName();
  }
}
