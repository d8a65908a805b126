package dev.chainrule.optim.train;

import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.graph.Graphs;
import dev.chainrule.nn.Module;
import dev.chainrule.optim.Optimizer;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The check that a model registers what it trains. A layer a custom module keeps in a field
 * without {@code registerModule}, or a {@code Variable.parameter} without {@code
 * registerParameter}, takes part in the forward pass and gets gradients, but the model does not
 * list it: the optimizer never steps it, nothing clears its gradient, and checkpoints leave it
 * out (a reloaded model then answers differently), all without a word. PyTorch registers a
 * module's attributes itself; Java cannot see a class's fields that way, so the trainer looks at
 * what the model's output depends on instead. The output, not the loss: a loss may use another
 * model on purpose (a teacher to distil, a discriminator), which trains nothing here.
 */
final class Registration {
  private Registration() {}

  /**
   * Refuses a model output that depends on a trainable leaf the model does not register and the
   * optimizer does not hold (a parameter the optimizer was given apart from the model is trained
   * and passes).
   *
   * @param output the model's output for a batch, its graph whole
   * @param model the model trained
   * @param optimizer its optimizer
   * @throws IllegalArgumentException naming the leaf's name and shape
   */
  static void requireRegistered(Variable output, Module model, Optimizer optimizer) {
    Set<Variable> known = Collections.newSetFromMap(new IdentityHashMap<>());
    known.addAll(model.parameters());
    known.addAll(optimizer.parameters());
    for (Variable v : Graphs.dataFlowOrder(output)) {
      // Frozen ones too: a frozen parameter the model does not register is never saved.
      if (v.isParameter() && !known.contains(v)) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "Trainer: the model's output depends on"
            + " a parameter%s %s that the model does not register and the optimizer does not"
            + " hold, so it would never be trained, saved or cleared: register it in its module"
            + " (registerModule for a layer kept in a field, registerParameter for a parameter);"
            + " for a part kept frozen on purpose, register it and freeze it"
            + " (requiresGrad(false)), which keeps it in the model's files",
            v.name() == null ? "" : " '" + v.name() + "'", v.shape()));
      }
    }
  }

  /**
   * Refuses an optimizer whose every parameter is frozen ({@code requiresGrad(false)}): no step
   * would change anything, and the run would report epochs of an untrained model. Checked at each
   * fit, as freezing may come after the trainer is built.
   */
  static void requireSomethingToTrain(Optimizer optimizer) {
    if (nothingToTrain(optimizer)) {
      throw new IllegalStateException(String.format(Locale.ROOT, "Trainer: every parameter of"
          + " the optimizer (%d) is frozen (requiresGrad(false)), so no step would train"
          + " anything; unfreeze those to train (requiresGrad(true) on a module or a parameter)",
          optimizer.parameters().size()));
    }
  }

  /**
   * {@link #requireSomethingToTrain} before each batch, for what freezes mid-run (a listener, a
   * hook): backward refused the constant loss in its own words, naming no epoch, no batch and no
   * trainer, and the listeners never heard the run end. A look at the flags, against a batch.
   *
   * @throws Untrainable naming the epoch and batch (from 1)
   */
  static void requireStillSomethingToTrain(Optimizer optimizer, int epoch, int batch,
      int batches) {
    if (nothingToTrain(optimizer)) {
      throw new Untrainable(String.format(Locale.ROOT, "Trainer: epoch %d, batch %d of %d:"
          + " every parameter of the optimizer (%d) is frozen (requiresGrad(false)) since the"
          + " run began (by a listener?), so no step would train anything; unfreeze those to"
          + " train (requiresGrad(true) on a module or a parameter)", epoch + 1, batch + 1,
          batches, optimizer.parameters().size()));
    }
  }

  private static boolean nothingToTrain(Optimizer optimizer) {
    List<Variable> parameters = optimizer.parameters();
    for (int i = 0; i < parameters.size(); i++) { // indexed: once a batch
      if (parameters.get(i).requiresGrad()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Everything frozen mid-run: an {@link IllegalStateException} for the caller, which the run
   * ends on with its listeners told, as a metric's failure ends it.
   */
  static final class Untrainable extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    Untrainable(String message) {
      super(message);
    }
  }
}
