package dev.chainrule.examples.bench;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.core.DType;
import dev.chainrule.core.Recycling;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.core.Transpose;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.train.Trainer;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * An epoch of an MNIST-sized MLP (F-256-128-K, ReLU, softmax cross-entropy, batches of 128, SGD
 * with learning rate 0.05, as {@code examples/pytorch/bench.py} trains it) through the
 * {@link Trainer} in either type, and the same epoch's matrix products alone: per batch, x·W for
 * each layer, then Xᵀ·G for each layer and G·Wᵀ for all but the first (the data needs no
 * gradient). The difference of the two is the framework's work outside its GEMM backend. The
 * trainer runs with its defaults, under which plain SGD's update goes inside each weight-gradient
 * product ({@link Trainer.Builder#updateInBackward(boolean)}); a second copy of the network
 * steps after backward, PyTorch's loop, as the script's does.
 */
final class MlpEpoch {
  static final int BATCH = 128;
  private static final int[] HIDDEN = {256, 128};

  private final Dataset data;
  private final DType dtype;
  private final int[] widths;
  private final Trainer trainer;
  private final Trainer stepping;
  private final Tensor[] weights;

  MlpEpoch(Dataset data, long seed, DType dtype) {
    checkArgument(data.hasClassIndices(), "bench: MLP labels must be class indices [N], got %s",
        data.labels().shape());
    // Held as a tensor, as PyTorch's script holds its images; bytes convert straight to dtype.
    this.data = new Dataset(data.to(dtype).features(), data.labels());
    this.dtype = dtype;
    this.widths = new int[] {data.featureCount(), HIDDEN[0], HIDDEN[1], data.classCount()};
    this.trainer = trainer(seed).build();
    this.stepping = trainer(seed).updateInBackward(false).build();
    this.weights = new Tensor[3];
    for (int l = 0; l < 3; l++) {
      weights[l] = Tensors.randn(Shape.of(widths[l + 1], widths[l]), Tensors.seeded(seed + l),
          dtype);  // [out, in], as Dense stores it
    }
  }

  private Trainer.Builder trainer(long seed) {
    Sequential model = Sequential.of(Dense.of(widths[0], widths[1], seed), Activation.relu(),
        Dense.of(widths[1], widths[2], seed + 1), Activation.relu(),
        Dense.of(widths[2], widths[3], seed + 2));
    model.to(dtype);
    return Trainer.builder(model, Loss.softmaxCrossEntropy(), Sgd.builder(0.05).build(model))
        .epochs(1).batchSize(BATCH).seed(seed);
  }

  /** MNIST's shape (784 features, 10 classes) filled with uniform features and random classes. */
  static Dataset randomData(int samples, long seed) {
    Tensor features = Tensors.rand(Shape.of(samples, 784), seed);
    SplittableRandom random = new SplittableRandom(seed + 1);
    Tensor labels = Tensor.vector(random.ints(samples, 0, 10).asDoubleStream().toArray());
    return new Dataset(features, labels);
  }

  /**
   * Trains on the first {@code batches} batches of the data and times their products alone,
   * untimed, for at least {@code seconds} and until the process is steady ({@link Warmup}): in the
   * paired rounds against PyTorch, the first two epochs after a single pass over the batches took
   * 1.2–1.7 times as long as the later ones.
   */
  void warmUp(int batches, double seconds) {
    if (batches > 0) {
      int rows = Math.min(data.size(), batches * BATCH);
      MlpEpoch head = new MlpEpoch(data.subset(IntStream.range(0, rows).toArray()), 0, dtype);
      Warmup.run(() -> {
        head.epoch();
        head.epochStepping();
        head.gemmOnly();
      }, seconds);
    }
  }

  /** Seconds for one training epoch (the result), and the seconds of it inside matrix products. */
  TimedGemm.Timed<Double> epoch() {
    return TimedGemm.run(() -> Timing.seconds(() -> trainer.fit(data)));
  }

  /**
   * Seconds for one training epoch of the copy that steps after backward (the result), and the
   * seconds of it inside matrix products.
   */
  TimedGemm.Timed<Double> epochStepping() {
    return TimedGemm.run(() -> Timing.seconds(() -> stepping.fit(data)));
  }

  /**
   * Seconds for the epoch's matrix products alone, through the current GEMM backend. Each
   * result goes back to the scope once made, as the trainer hands back its activations and lent
   * weight gradients: a fresh array per product would add the JVM's zeroing of new memory (a
   * fifth of these products' time on a day the machine's memory ran slow, when they took longer
   * alone than inside the epoch), which is not the products' work.
   */
  double gemmOnly() {
    Tensor[] inputs = new Tensor[3];
    Tensor[] grads = new Tensor[3];
    return Timing.seconds(() -> {
      try (Recycling.Scope scope = Recycling.open()) {
        for (int start = 0; start < data.size(); start += BATCH) {
          int rows = Math.min(BATCH, data.size() - start);
          gemmBatch(rows, inputs, grads, scope);
        }
      }
    });
  }

  private void gemmBatch(int rows, Tensor[] inputs, Tensor[] grads, Recycling.Scope scope) {
    if (inputs[0] == null || inputs[0].dim(0) != rows) {
      for (int l = 0; l < 3; l++) {
        inputs[l] = Tensors.rand(Shape.of(rows, widths[l]), Tensors.seeded(l), dtype);
        grads[l] = Tensors.rand(Shape.of(rows, widths[l + 1]), Tensors.seeded(10 + l), dtype);
      }
    }
    // The products of Dense's forward (x·Wᵀ) and backward (Gᵀ·x for W, G·W for x).
    for (int l = 0; l < 3; l++) {
      scope.recycle(inputs[l].matmul(weights[l], Transpose.RIGHT));
    }
    for (int l = 2; l >= 0; l--) {
      scope.recycle(grads[l].matmul(inputs[l], Transpose.LEFT));
      if (l > 0) {
        scope.recycle(grads[l].matmul(weights[l]));
      }
    }
  }

  int samples() {
    return data.size();
  }
}
