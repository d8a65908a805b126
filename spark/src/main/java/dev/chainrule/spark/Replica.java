package dev.chainrule.spark;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.model.ModelDescription;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The model on an executor: rebuilt from the serializable description, never shipped as an
 * object, with the parameters the driver broadcast.
 */
final class Replica {
  /**
   * The last network each executor thread built, with its description: tasks of later steps on
   * the thread overwrite its parameters instead of allocating a network again (a few
   * milliseconds a step for an MNIST-sized MLP). A thread runs one task at a time, so no two
   * tasks share a network.
   */
  private static final ThreadLocal<Built> LAST = new ThreadLocal<>();

  private record Built(ModelDescription description, Sequential model) {}

  private Replica() {}

  /**
   * The described network in training mode, holding {@code parameters} (in parameter order) and
   * no gradients, with the parameters {@code frozen} marks frozen (none when it is null).
   */
  static Sequential build(ModelDescription description, PackedTensors parameters,
      boolean[] frozen) {
    Built last = LAST.get();
    Sequential model;
    if (last != null && last.description().equals(description)) {
      model = last.model();
      model.zeroGrad();
    } else {
      model = description.toModule();
      LAST.set(new Built(description, model));
    }
    assign(model, parameters);
    // Every task sets every flag: the network is reused, and the driver may freeze or unfreeze
    // between steps.
    List<Variable> variables = model.parameters();
    for (int i = 0; i < variables.size(); i++) {
      variables.get(i).requiresGrad(frozen == null || !frozen[i]);
    }
    model.train();
    return model;
  }

  /**
   * Which of the model's parameters are frozen ({@code requiresGrad(false)}), in parameter
   * order, for the replicas to freeze the same: the description rebuilds every parameter
   * trainable. Null when none is, as almost always.
   */
  static boolean[] frozen(Module model) {
    List<Variable> variables = model.parameters();
    boolean[] frozen = null;
    for (int i = 0; i < variables.size(); i++) {
      if (!variables.get(i).requiresGrad()) {
        frozen = frozen == null ? new boolean[variables.size()] : frozen;
        frozen[i] = true;
      }
    }
    return frozen;
  }

  /** Overwrites the model's parameter values, in {@code Module.parameters()} order. */
  static void assign(Module model, PackedTensors parameters) {
    boolean[] all = new boolean[parameters.count()];
    Arrays.fill(all, true);
    assign(model, parameters, all);
  }

  /** Overwrites the values of the parameters {@code which} marks, in parameter order. */
  static void assign(Module model, PackedTensors parameters, boolean[] which) {
    List<Variable> variables = model.parameters();
    List<Tensor> values = parameters.unpack();
    checkArgument(values.size() == variables.size() && which.length == values.size(),
        "spark: %s parameter tensors for a model with %s parameters", values.size(),
        variables.size());
    for (int i = 0; i < values.size(); i++) {
      if (which[i]) {
        variables.get(i).value().assignInPlace(values.get(i));
      }
    }
  }

  /** The model's parameter values, packed in parameter order. */
  static PackedTensors parameters(Module model) {
    return PackedTensors.pack(model.parameters().stream().map(Variable::value).toList());
  }

  /** The model's gradients, packed in parameter order; zeros where backward did not reach. */
  static PackedTensors gradients(Module model) {
    List<Tensor> grads = new ArrayList<>();
    for (Variable p : model.parameters()) {
      grads.add(p.grad() != null ? p.grad() : Tensors.zeros(p.shape(), p.dtype()));
    }
    return PackedTensors.pack(grads);
  }
}
