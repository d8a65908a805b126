package dev.chainrule.spark;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.TargetRefusedException;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.model.Layer;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.model.Task;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What {@link SparkTrainer} refuses before it trains: what a single machine's {@code Trainer}
 * refuses too (a softmax before softmaxCrossEntropy, an optimizer over another model's
 * parameters, every parameter frozen), and what only data-parallel training cannot honour
 * (hooks, which the executors' rebuilt copies lack; updates in backward, which would take the
 * summed gradient in the driver optimizer's place). Each would otherwise train without a word,
 * worse or not at all.
 */
final class TrainingRefusals {
  private TrainingRefusals() {}

  /**
   * What {@link SparkTrainer#fit} refuses of its model and validation data before it reads the
   * shards, in this order: hooks, a model with nothing to train, updates in backward, early
   * stopping without validation data, validation data of no rows or of rows the model cannot
   * take, a model that is not the description's.
   */
  static void requireFittable(ModelDescription description, Sequential model, Dataset validation,
      int patience) {
    requireNoHooks(model);
    requireSomethingToTrain(model);
    requireStepping(model, false);
    checkState(patience == 0 || validation != null,
        "spark: early stopping on the validation loss needs validation data");
    // Found by the first validation, after an epoch of training, in the loss's words.
    checkArgument(validation == null || validation.size() > 0,
        "spark: the validation data has no rows; its loss and accuracy would be 0/0 = NaN");
    requireValidationInputs(description, validation);
    List<Layer> layers = ModelDescription.layersOf(model);
    // Shown as a resume's refusal shows them: the records' own text is three times as long.
    checkArgument(layers.equals(description.layers()) && model.dtype() == description.dtype(),
        "spark: the model (%s, %s) is not the description's (%s, %s)",
        DescriptionDifference.layers(layers), model.dtype(),
        DescriptionDifference.layers(description.layers()), description.dtype());
  }

  /**
   * Refuses forward hooks on the model's modules and gradient hooks on its parameters: the
   * executors train copies rebuilt from the description, which carry neither.
   */
  static void requireNoHooks(Sequential model) {
    // Validation on the driver would run them and training on the executors would not.
    List<String> hooked = model.namedModules().entrySet().stream()
        .filter(e -> e.getValue().hasForwardHooks())
        .map(e -> e.getKey().isEmpty() ? "the model" : "'" + e.getKey() + "'").toList();
    checkArgument(hooked.isEmpty(), "spark: forward hooks on %s: the executors train copies"
        + " rebuilt from the model's description, which carry no hooks, so the hooks would"
        + " change or see the driver's validation alone; remove them (HookHandle.remove()) or"
        + " train on one machine with Trainer", String.join(", ", hooked));
    List<String> hookedParameters = model.namedParameters().entrySet().stream()
        .filter(e -> e.getValue().hasHooks()).map(e -> "'" + e.getKey() + "'").toList();
    checkArgument(hookedParameters.isEmpty(), "spark: gradient hooks on %s: the executors"
        + " compute the gradients on copies rebuilt from the model's description, which carry"
        + " no hooks, so the hooks would never run; remove them (HookHandle.remove()) or train"
        + " on one machine with Trainer", String.join(", ", hookedParameters));
  }

  /**
   * Refuses a model whose every parameter is frozen ({@code requiresGrad(false)}), as {@code
   * Trainer} refuses one: no step would change anything (and the executors' backward passes
   * would find no gradient to compute).
   */
  static void requireSomethingToTrain(Sequential model) {
    checkArgument(model.parameters().stream().anyMatch(Variable::requiresGrad), "spark: every"
        + " parameter of the model (%s) is frozen (requiresGrad(false)), so no step would train"
        + " anything; unfreeze those to train (requiresGrad(true) on a module or a parameter)",
        model.parameters().size());
  }

  /**
   * Refuses a classifier whose last layer is a softmax, as {@code Trainer} refuses one before
   * {@code softmaxCrossEntropy}: the loss applies its own softmax, so it would see the softmax
   * of probabilities, and the model trains, worse, without a word. (A log-softmax is the same
   * loss: softmax ignores a row's shift.)
   */
  static void requireLogits(ModelDescription description) {
    List<Layer> layers = description.layers();
    checkArgument(description.task() != Task.CLASSIFICATION
        || !(layers.get(layers.size() - 1) instanceof Layer.ActivationLayer last
            && last.name().equals("softmax")), "spark: the model ends in a softmax, and"
        + " softmaxCrossEntropy, the loss of a classification task, applies its own softmax to"
        + " the logits it takes, so it would see the softmax of probabilities: remove the"
        + " model's last softmax");
  }

  /**
   * Refuses parameters with an update in backward ({@code Optimizer.updateInBackward()}): the
   * driver's synchronous step hands each parameter its summed gradient through backward, where
   * such an update (of whichever optimizer registered it) would move it instead of the driver's
   * optimizer; and an executor's replica, reused by its later tasks, would refuse the second
   * registration.
   */
  static void requireStepping(Sequential model, boolean madeByFactory) {
    List<String> updating = model.namedParameters().entrySet().stream()
        .filter(e -> e.getValue().hasUpdateInBackward()).map(e -> "'" + e.getKey() + "'")
        .toList();
    checkArgument(updating.isEmpty(), "spark: updates in backward on %s: Spark's steps apply"
        + " gradients summed over the executors, which an update in backward would take in the"
        + " driver optimizer's place; %s", String.join(", ", updating), madeByFactory
            ? "the optimizer factory registered them: return an optimizer that steps after"
                + " backward (without updateInBackward())"
            : "remove them (HookHandle.remove()) or train on one machine with Trainer");
  }

  /**
   * Refuses an optimizer that climbs its objective, as {@code Trainer} does: the run minimizes
   * its loss, and its early stopping and best-epoch records take lower as better.
   */
  static void requireDescent(Optimizer built) {
    checkArgument(!built.maximizes(), "spark: the optimizer factory returned %s, which"
        + " maximizes, and the run minimizes its loss (early stopping and the best epoch take"
        + " lower as better); return an optimizer that minimizes", built);
  }

  /**
   * Refuses an optimizer that updates none of the model's parameters, as {@code Trainer} does: a
   * factory returning one built over another model (a captured one, or a copy) stepped without
   * error and the run trained nothing, on the driver and on every replica. Compared by identity:
   * equal values are not the same parameter.
   */
  static void requireOwnParameters(Sequential model, Optimizer built) {
    Set<Variable> own = Collections.newSetFromMap(new IdentityHashMap<>());
    own.addAll(model.parameters());
    checkArgument(built.parameters().stream().anyMatch(own::contains), "spark: the optimizer"
        + " factory returned an optimizer that updates none of the model's %s parameters (its"
        + " %s parameters belong to another model?); build it from the model it is given",
        own.size(), built.parameters().size());
  }

  /**
   * Refuses validation rows whose feature count is not the model's inputs, or whose labels the
   * task's loss refuses (a class index beyond the model's outputs): the first validation found
   * them, after an epoch of training, as a Dense layer's shape error or the loss's refusal.
   */
  static void requireValidationInputs(ModelDescription description, Dataset validation) {
    if (validation == null) {
      return;
    }
    if (validation.featureCount() != description.inputs()) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "spark: the validation data"
          + " has %d features per row, the model takes %d (its first layer's inputs)",
          validation.featureCount(), description.inputs()));
    }
    // The labels checked by the loss itself, against outputs of 0.5: every loss takes them (a
    // probability for binary cross-entropy, a logit or a prediction for the others).
    Tensor outputs = Tensors.full(Shape.of(validation.size(), description.outputs()), 0.5,
        description.dtype());
    try {
      SparkTrainer.lossOf(description.task()).compute(Variable.constant(outputs),
          validation.labels());
    } catch (IllegalArgumentException e) {
      // Scored whole, in order: the target's position is its row, named as Trainer names it.
      String why = e instanceof TargetRefusedException refused
          && refused.position().length > 0
          ? refused.messageAt("row " + refused.position()[0] + " of the validation data")
          : e.getMessage();
      throw new IllegalArgumentException(String.format(Locale.ROOT, "spark: the validation"
          + " labels do not fit the model's %d outputs: %s", description.outputs(), why), e);
    }
  }

  /**
   * Refuses shards, given as first row, end row and features per row, whose rows have another
   * feature count than the model's inputs: the first step found it on an executor, as a Dense
   * layer's shape error naming no shard. Shards of no row are never read.
   */
  static void requireShardInputs(ModelDescription description, List<int[]> shards) {
    int inputs = description.inputs();
    shards.stream().filter(s -> s[1] > s[0] && s[2] != inputs).findFirst().ifPresent(s -> {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "spark: the shard of rows"
          + " %d to %d has %d features per row, the model takes %d (its first layer's inputs)",
          s[0], s[1] - 1, s[2], inputs));
    });
  }
}
