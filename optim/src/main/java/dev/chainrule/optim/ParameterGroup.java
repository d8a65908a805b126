package dev.chainrule.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import dev.chainrule.nn.Module;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Predicate;

/**
 * Settings of their own for some of an optimizer's parameters, PyTorch's parameter groups ({@code
 * torch.optim.SGD([{'params': decay}, {'params': no_decay, 'weight_decay': 0}], lr=0.1,
 * weight_decay=5e-4)}). Given to an optimizer's builder ({@code .group(...)}); the parameters in
 * no group keep the optimizer's own settings, as PyTorch's group that overrides nothing.
 *
 * <p>A group overrides two things, the two that PyTorch scripts set per group: its learning rate,
 * as a factor of the optimizer's ({@link #learningRateScale(double)}: 0.1 trains a pretrained
 * body at a tenth of the head's rate), and its weight decay ({@link #weightDecay(double)}, most
 * often 0 for biases and normalization weights). The rate is a factor, not a rate, because
 * schedules set the optimizer's one rate: a step decay, a warm-up or a one-cycle then scales every
 * group alike, as PyTorch's schedulers scale each group's own {@code initial_lr} by one factor.
 * Where a PyTorch schedule has an absolute floor ({@code CosineAnnealingLR}'s {@code eta_min},
 * {@code ReduceLROnPlateau}'s {@code min_lr}) PyTorch floors every group at that one rate, and
 * here each group's floor is that rate times its scale; with a floor of 0 the two agree.
 *
 * <p>The other hyperparameters (momentum, betas, ε, maximize) are the optimizer's for every
 * parameter: PyTorch lets a group maximize where the others minimize, which one optimizer per
 * objective expresses as well.
 *
 * @param parameters the group's parameters, each once, at least one
 * @param learningRateScale the factor of the optimizer's learning rate, finite and at least 0 (0
 *     freezes the group); 1 unless set
 * @param weightDecay the group's weight decay λ, finite and at least 0; empty for the optimizer's
 */
public record ParameterGroup(List<Variable> parameters, double learningRateScale,
    OptionalDouble weightDecay) {

  /**
   * Checks the group: parameters non-null, each once; the scale and the decay finite and
   * non-negative.
   *
   * @param parameters the group's parameters, each once, at least one
   * @param learningRateScale the factor of the optimizer's learning rate, finite and at least 0
   * @param weightDecay the group's weight decay, finite and at least 0, or empty for the
   *     optimizer's
   * @throws IllegalArgumentException naming the parameter or the value at fault
   */
  public ParameterGroup {
    parameters = ParameterList.checked("ParameterGroup", parameters, false);
    learningRateScale =
        Hyperparameters.nonNegative("ParameterGroup", "the learning-rate scale", learningRateScale);
    checkNotNull(weightDecay, "ParameterGroup: the weight decay is null (empty: the optimizer's)");
    if (weightDecay.isPresent()) {
      weightDecay = OptionalDouble.of(
          Hyperparameters.weightDecay("ParameterGroup", weightDecay.getAsDouble()));
    }
  }

  /**
   * A group of these parameters with the optimizer's settings, to override with {@link
   * #learningRateScale(double)} and {@link #weightDecay(double)}.
   *
   * @param parameters the parameters, each once, at least one
   * @return the group
   */
  public static ParameterGroup of(List<Variable> parameters) {
    return new ParameterGroup(parameters, 1, OptionalDouble.empty());
  }

  /**
   * The module's parameters whose dotted path ({@link Module#namedParameters()}, such as {@code
   * "0.bias"} or {@code "encoder.norm.weight"}) the predicate accepts, in the module's order: how
   * a PyTorch script picks {@code no_decay} out of {@code named_parameters()}.
   *
   * @param module the model whose parameters to choose from
   * @param path accepts the paths of the parameters to include
   * @return the group, with the optimizer's settings
   * @throws IllegalArgumentException listing the module's paths when the predicate accepts none
   *     (a group of nothing is most likely a path misspelt)
   */
  public static ParameterGroup matching(Module module, Predicate<String> path) {
    checkNotNull(module, "ParameterGroup.matching: the module is null");
    checkNotNull(path, "ParameterGroup.matching: the predicate is null");
    List<Variable> chosen = new ArrayList<>();
    Map<String, Variable> named = module.namedParameters();
    named.forEach((name, parameter) -> {
      if (path.test(name)) {
        chosen.add(parameter);
      }
    });
    checkArgument(!chosen.isEmpty(), "ParameterGroup.matching: no parameter's path is accepted;"
        + " the module's parameters are %s", named.keySet());
    return of(chosen);
  }

  /**
   * This group with its learning rate at {@code scale} times the optimizer's.
   *
   * @param scale the factor, finite and at least 0 (0 freezes the group)
   * @return a new group
   */
  public ParameterGroup learningRateScale(double scale) {
    return new ParameterGroup(parameters, scale, weightDecay);
  }

  /**
   * This group with its own weight decay, applied as the optimizer applies its own (added to the
   * gradient by Sgd, Adam, RmsProp and Adagrad, decoupled by AdamW).
   *
   * @param lambda the weight decay λ, finite and at least 0
   * @return a new group
   */
  public ParameterGroup weightDecay(double lambda) {
    return new ParameterGroup(parameters, learningRateScale, OptionalDouble.of(lambda));
  }
}
