package dev.chainrule.optim.train;

import dev.chainrule.autograd.Reduction;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Layer;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.CrossEntropyLoss;
import dev.chainrule.nn.loss.CrossEntropyOptions;
import dev.chainrule.nn.loss.Loss;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The check that a model's last layer does not do its loss's work: a softmax before {@code
 * softmaxCrossEntropy}, or a sigmoid before {@code binaryCrossEntropyWithLogits}, squashes the
 * logits the loss squashes again. Such a model trains, worse (a probe's loss levelled off at 0.56
 * where 0.015 was reachable), and nothing says why; PyTorch is as silent. A log-softmax before
 * the softmax cross-entropy is the same loss (softmax ignores a row's shift) and passes.
 */
final class LossPairing {
  private LossPairing() {}

  static void requireLogitsForLogitLoss(Module model, Loss loss) {
    // Class weights and label smoothing leave the softmax the loss applies: the same check.
    Loss.Kind kind = kind(loss);
    Activation.BuiltIn activation = lastActivation(model);
    if (kind == null || activation == null) {
      return;
    }
    boolean softmaxTwice = kind == Loss.Kind.SOFTMAX_CROSS_ENTROPY
        && activation.kind() == Activation.Kind.SOFTMAX;
    boolean sigmoidTwice = kind == Loss.Kind.BINARY_CROSS_ENTROPY_WITH_LOGITS
        && activation.kind() == Activation.Kind.SIGMOID;
    if (softmaxTwice || sigmoidTwice) {
      String function = softmaxTwice ? "softmax" : "sigmoid";
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "trainer: the model ends in a %s, and"
          + " %s applies its own %s to the logits it takes, so it would see the %s of"
          + " probabilities: remove the model's last %s (%s)", function,
          softmaxTwice ? "softmaxCrossEntropy" : "binaryCrossEntropyWithLogits", function,
          function, function, softmaxTwice ? probabilityLoss(loss)
              : "or use binaryCrossEntropy, which takes probabilities"));
    }
  }

  /**
   * The other way out of a softmax before {@code softmaxCrossEntropy}, in parentheses' words: a
   * loss of probabilities in the same reduction. categoricalCrossEntropy has no options, so for a
   * loss with class weights, label smoothing or an ignore index it would drop them without a
   * word; a log-softmax with negativeLogLikelihood of the same options is the same loss.
   *
   * @param loss the softmax cross-entropy the model's softmax precedes
   * @return the words, after "remove the model's last softmax"
   */
  static String probabilityLoss(Loss loss) {
    Reduction reduction = loss instanceof CrossEntropyLoss weighted ? weighted.reduction()
        : loss instanceof Loss.BuiltIn builtIn ? builtIn.reduction() : Reduction.MEAN;
    // Named, or the advised loss would average what this one sums.
    String reduced = reduction == Reduction.MEAN ? ""
        : ".withReduction(Reduction." + reduction + ")";
    if (!(loss instanceof CrossEntropyLoss weighted) || weighted.options().isNone()) {
      return "or use categoricalCrossEntropy" + (reduced.isEmpty() ? "" : "()" + reduced)
          + ", which takes probabilities";
    }
    CrossEntropyOptions options = weighted.options();
    List<String> given = new ArrayList<>();
    if (options.classWeights() != null) {
      given.add("class weights");
    }
    if (options.labelSmoothing() > 0) {
      given.add("label smoothing");
    }
    if (options.ignoreIndex().isPresent()) {
      given.add("ignore index");
    }
    String dropped = given.size() == 1 ? given.get(0)
        : String.join(", ", given.subList(0, given.size() - 1)) + " and " + given.get(
            given.size() - 1);
    return "or end it in Activation.logSoftmax() instead, with the same options given to"
        + " Loss.negativeLogLikelihood(options)" + reduced + ", which takes log-probabilities:"
        + " the same loss; categoricalCrossEntropy takes no options, and would drop the "
        + dropped;
  }

  /** The kind of a built-in loss, weighted or smoothed or not; null for a user's own. */
  static Loss.Kind kind(Loss loss) {
    return loss instanceof Loss.BuiltIn builtIn ? builtIn.kind()
        : loss instanceof CrossEntropyLoss weighted ? weighted.kind() : null;
  }

  /**
   * The built-in activation a Sequential model ends in (inside nested ones), or null: a module
   * of the user's own cannot be looked into.
   */
  static Activation.BuiltIn lastActivation(Module model) {
    return model instanceof Sequential sequential
        && last(sequential) instanceof Activation.BuiltIn activation ? activation : null;
  }

  /** The last layer of a Sequential, inside nested ones. */
  private static Layer last(Sequential sequential) {
    List<Layer> layers = sequential.layers();
    if (layers.isEmpty()) {
      return null;
    }
    Layer last = layers.get(layers.size() - 1);
    return last instanceof Sequential inner ? last(inner) : last;
  }
}
