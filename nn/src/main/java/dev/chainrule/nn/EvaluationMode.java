package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Autograd;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Running a model in evaluation mode for a moment, without a graph, and then giving every module
 * back the mode it had: what {@link Module#summary} needs, and in optim the evaluation of a model
 * and the activation probe of its gradient-flow diagnostics.
 */
public final class EvaluationMode {
  private EvaluationMode() {}

  /**
   * Runs {@code body} with {@code model} and all its descendants in evaluation mode and nothing
   * recorded, then gives every module back its own mode, also when {@code body} throws. Restoring
   * the root's alone would be wrong: {@code train()} reaches every child, and would wake a child
   * that was left in evaluation mode on purpose (a frozen batch normalization).
   *
   * @param <T> what {@code body} returns
   * @param model the model to run in evaluation mode
   * @param body the work to do meanwhile
   * @return what {@code body} returned
   * @throws NullPointerException naming EvaluationMode.run when the model or the body is null
   */
  public static <T> T run(Module model, Supplier<T> body) {
    checkNotNull(model, "EvaluationMode.run: model is null");
    checkNotNull(body, "EvaluationMode.run: body is null");
    List<Module> modules = new ArrayList<>();
    preOrder(model, modules);
    boolean[] training = new boolean[modules.size()];
    for (int i = 0; i < training.length; i++) {
      training[i] = modules.get(i).isTraining();
    }
    model.eval();
    try (var scope = Autograd.noGrad()) {
      return body.get();
    } finally {
      // Parents first: setting a module's mode sets its descendants', which come after it. A
      // module shared by two parents appears twice and is set after each.
      for (int i = 0; i < training.length; i++) {
        Module m = modules.get(i);
        if (m.isTraining() != training[i]) {
          if (training[i]) {
            m.train();
          } else {
            m.eval();
          }
        }
      }
    }
  }

  private static void preOrder(Module module, List<Module> into) {
    into.add(module);
    module.children().values().forEach(child -> preOrder(child, into));
  }
}
