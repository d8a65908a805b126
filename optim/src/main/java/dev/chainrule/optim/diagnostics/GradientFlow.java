package dev.chainrule.optim.diagnostics;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.train.BatchResult;
import dev.chainrule.optim.train.EpochResult;
import dev.chainrule.optim.train.History;
import dev.chainrule.optim.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link TrainingListener} that watches gradients flow through a network: per layer (each
 * weight of rank 2 or more, a dense layer's matrix or a convolution's kernel, input side first)
 * and epoch, the mean absolute gradient and the
 * gradient-to-weight ratio; and each hidden layer's activations over a probe batch when it is made
 * (before training) and when training ends.
 *
 * <pre>{@code
 * GradientFlow flow = GradientFlow.of(model, train);
 * Trainer.builder(model, loss, optimizer).listener(flow).build().fit(train);
 * flow.layers().get(0).meanAbsoluteGradient();   // layer 1, one value per epoch
 * flow.activationsAtEnd().get(0).saturated();     // hidden 1's share of saturated sigmoids
 * }</pre>
 *
 * <p>Gradients are read after each sampled step, as the optimizer used them (after clipping, if
 * any). To keep the cost small on long epochs, at most {@value #SAMPLES_PER_EPOCH} evenly spaced
 * batches per epoch are measured (every k-th from the first, k the smallest stride that keeps to
 * it); their average estimates the epoch's.
 */
public final class GradientFlow implements TrainingListener {
  /** Batches measured per epoch, at most. */
  public static final int SAMPLES_PER_EPOCH = 32;
  /** Rows of the probe batch used for activation snapshots, at most. */
  public static final int PROBE_ROWS = 512;

  private final Module model;
  private final Tensor probe;
  private final List<String> names = new ArrayList<>();
  private final List<Variable> weights = new ArrayList<>();
  private final List<List<Double>> meanAbsolute = new ArrayList<>();
  private final List<List<Double>> ratio = new ArrayList<>();
  private final List<ActivationSnapshot> atStart;
  private List<ActivationSnapshot> atEnd = List.of();
  private double[] absoluteSums;
  private double[] ratioSums;
  private int[] measured;

  private GradientFlow(Module model, Tensor probe) {
    this.model = model;
    this.probe = probe;
    for (Map.Entry<String, Variable> parameter : model.namedParameters().entrySet()) {
      // Weights, not biases or normalization scales: a convolution's kernel is rank 4, and a
      // CNN's convolutions were left out when only matrices counted.
      if (parameter.getValue().value().rank() >= 2) {
        names.add(parameter.getKey());
        weights.add(parameter.getValue());
        meanAbsolute.add(new ArrayList<>());
        ratio.add(new ArrayList<>());
      }
    }
    absoluteSums = new double[weights.size()];
    ratioSums = new double[weights.size()];
    measured = new int[weights.size()];
    atStart = ActivationProbe.snapshot(model, probe);
  }

  /**
   * A listener for {@code model}, taking the start snapshot of its hidden activations now.
   *
   * @param model the network to watch; its weights (parameters of rank 2 or more) are its layers
   * @param inputs [N, F] inputs to probe the activations with; the first {@value #PROBE_ROWS}
   *     rows are used
   * @return the listener, to add to a {@code Trainer}
   */
  public static GradientFlow of(Module model, Tensor inputs) {
    checkNotNull(model, "gradient flow: the model is null");
    checkNotNull(inputs, "gradient flow: the probe inputs are null");
    checkArgument(inputs.rank() == 2 && inputs.dim(0) > 0,
        "gradient flow: probe inputs must be [N, F] with N at least 1, got %s", inputs.shape());
    // In the model's type, as training feeds it: layers refuse input of another type.
    return new GradientFlow(model, inputs.slice(0, 0, Math.min(PROBE_ROWS, inputs.dim(0)))
        .to(model.dtype()));
  }

  /**
   * As {@link #of(Module, Tensor)}, probing with the first {@value #PROBE_ROWS} samples of {@code
   * data}; only those rows are converted ({@link Dataset#rows}), so a data set held as bytes is
   * never converted whole.
   *
   * @param model the network to watch
   * @param data the samples whose first rows probe the activations; at least one
   * @return the listener, to add to a {@code Trainer}
   */
  public static GradientFlow of(Module model, Dataset data) {
    checkNotNull(data, "gradient flow: the probe data is null");
    checkArgument(data.size() > 0, "gradient flow: the probe data has no samples");
    return of(model, data.rows(0, Math.min(PROBE_ROWS, data.size())));
  }

  @Override
  public boolean readsGradients() {
    return true;
  }

  @Override
  public void onBatchEnd(BatchResult batch) {
    // Rounded up, so that at most SAMPLES_PER_EPOCH batches are measured: rounded down, an
    // epoch of 32 to 63 batches was measured in full (63 where about 32 were promised).
    int stride = Math.max(1, (batch.batches() - 1) / SAMPLES_PER_EPOCH + 1);
    if (batch.batch() % stride != 0) {
      return;
    }
    for (int i = 0; i < weights.size(); i++) {
      Tensor gradient = weights.get(i).borrowGrad();
      if (gradient == null) {
        // The layer took no part in this step's loss: no gradient flowed to it.
        continue;
      }
      Tensor weight = weights.get(i).value();
      absoluteSums[i] += gradient.abs().mean().item();
      ratioSums[i] += gradient.square().sum().sqrt().item()
          / weight.square().sum().sqrt().item();
      measured[i]++;
    }
  }

  @Override
  public void onEpochEnd(EpochResult epoch) {
    for (int i = 0; i < weights.size(); i++) {
      meanAbsolute.get(i).add(measured[i] == 0 ? Double.NaN : absoluteSums[i] / measured[i]);
      ratio.get(i).add(measured[i] == 0 ? Double.NaN : ratioSums[i] / measured[i]);
    }
    absoluteSums = new double[weights.size()];
    ratioSums = new double[weights.size()];
    measured = new int[weights.size()];
  }

  @Override
  public void onTrainingEnd(History history) {
    atEnd = ActivationProbe.snapshot(model, probe);
  }

  /**
   * The gradient statistics of each layer so far, input side first.
   *
   * @return one entry per weight matrix, each with a value per finished epoch
   */
  public List<LayerGradients> layers() {
    List<LayerGradients> layers = new ArrayList<>();
    for (int i = 0; i < weights.size(); i++) {
      layers.add(new LayerGradients("layer " + (i + 1), names.get(i), meanAbsolute.get(i),
          ratio.get(i)));
    }
    return layers;
  }

  /**
   * The hidden activations before training.
   *
   * @return one snapshot per hidden layer, input side first; empty for a model that is not a
   *     {@code Sequential}
   */
  public List<ActivationSnapshot> activationsAtStart() {
    return atStart;
  }

  /**
   * The hidden activations when training ended.
   *
   * @return as {@link #activationsAtStart()}, or empty while training has not ended
   */
  public List<ActivationSnapshot> activationsAtEnd() {
    return atEnd;
  }
}
