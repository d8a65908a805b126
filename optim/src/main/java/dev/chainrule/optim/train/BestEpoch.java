package dev.chainrule.optim.train;

import static com.google.common.base.Verify.verify;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.optim.Optimizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The best epoch of a run so far by the monitored figure and, when the run is to end
 * with that epoch's weights, a copy of the model's parameters and buffers as the epoch left them,
 * and of the optimizer's state: its moments and step counts belong to those weights, and a run
 * resumed from a checkpoint of the best weights with the last epoch's moments would step from
 * the wrong place.
 *
 * <p>A copy is taken only when an epoch beats the best, so a run that keeps improving pays one
 * copy per epoch and a run past its best pays nothing; never at the last epoch a run can reach,
 * whose weights the model keeps anyway. Copies keep each tensor's type, and putting them back
 * assigns in place, so the optimizer's references stay valid and the values come back bit for
 * bit.
 *
 * <p>Public for loops of their own that stop early as {@link Trainer} does (the Spark trainer's),
 * so that what "best" means and what goes back with the weights is decided in one place.
 */
public final class BestEpoch {
  private final Monitor monitor;
  private final double minDelta;
  private final boolean monitored;
  /** The model whose weights are copied, or null when the run keeps its last weights. */
  private final Module model;
  /** The optimizer whose state is copied with the weights, or null. */
  private final Optimizer optimizer;
  private double best = Double.NaN;
  private int epoch = -1;
  /** Parameters in the order of {@link Module#parameters()}, each once, as {@link #copied} ended. */
  private List<Tensor> parameters;
  private Map<String, Tensor> buffers;
  private Map<String, Tensor> optimizerState;
  private int copied = -1;

  /**
   * A record of no epoch yet.
   *
   * @param monitor the figure that decides the best
   * @param minDelta the least change that counts as an improvement
   * @param monitored whether the monitored figure exists (validation data, or the training
   *     loss); without one every epoch is the best so far
   * @param model the model to copy, or null to copy nothing
   * @param optimizer the optimizer whose state goes back with the weights, or null
   */
  public BestEpoch(Monitor monitor, double minDelta, boolean monitored, Module model,
      Optimizer optimizer) {
    this.monitor = monitor;
    this.minDelta = minDelta;
    this.monitored = monitored;
    this.model = model;
    this.optimizer = optimizer;
  }

  /**
   * Records an epoch that has just ended.
   *
   * @param result the epoch's figures
   * @param lastPossible whether no epoch can follow it (the run's last)
   * @return whether it is the new best
   */
  public boolean offer(EpochResult result, boolean lastPossible) {
    double watched = monitor.of(result);
    if (monitored && !monitor.improves(watched, best, minDelta)) {
      return false;
    }
    best = watched;
    epoch = result.epoch();
    if (model != null && !lastPossible) {
      copy();
    }
    return true;
  }

  /**
   * Epochs since the best one, at {@code epoch}, the one last offered: what early stopping's
   * patience is compared with. While none improved (a validation loss never finite) they count
   * from the run's first epoch: counted from epoch −1, a resumed run would stop at once.
   *
   * @param epoch the epoch last offered
   * @param firstEpoch the run's first epoch (its initial epoch when resumed)
   * @return how many epochs have passed without improvement
   */
  public int epochsWithoutImprovement(int epoch, int firstEpoch) {
    return epoch - (this.epoch >= 0 ? this.epoch : firstEpoch - 1);
  }

  /**
   * The best epoch so far.
   *
   * @return the epoch, or −1 before any epoch improved
   */
  public int epoch() {
    return epoch;
  }

  /**
   * Puts the best epoch's weights back when copies are kept and the run ended after it.
   *
   * @param lastEpoch the epoch the run ended with
   * @return the epoch whose weights the model now holds
   */
  public int restore(int lastEpoch) {
    if (model == null || epoch < 0 || epoch == lastEpoch) {
      return lastEpoch;
    }
    verify(copied == epoch, "trainer: the copy is of epoch %s, not of the best, %s", copied,
        epoch);
    List<Variable> current = model.parameters();
    for (int i = 0; i < current.size(); i++) {
      current.get(i).value().assignInPlace(parameters.get(i));
    }
    // loadBuffer copies the values into the module's own buffers, in place.
    buffers.forEach(model::loadBuffer);
    if (optimizer != null) {
      // The moments go with the weights; the rate stays the one the run reached, as Keras keeps
      // a rate its ReduceLROnPlateau lowered after the best epoch.
      double rate = optimizer.learningRate();
      optimizer.loadState(optimizerState);
      optimizer.setLearningRate(rate);
    }
    parameters = null;
    buffers = null;
    optimizerState = null;
    return epoch;
  }

  private void copy() {
    List<Tensor> values = new ArrayList<>();
    model.parameters().forEach(p -> values.add(p.value().copy()));
    Map<String, Tensor> state = new LinkedHashMap<>();
    model.namedBuffers().forEach((path, t) -> state.put(path, t.copy()));
    parameters = values;
    buffers = state;
    if (optimizer != null) {
      Map<String, Tensor> moments = new LinkedHashMap<>();
      optimizer.state().forEach((name, t) -> moments.put(name, t.copy()));
      optimizerState = moments;
    }
    copied = epoch;
  }
}
