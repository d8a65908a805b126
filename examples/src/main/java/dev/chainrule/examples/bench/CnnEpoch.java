package dev.chainrule.examples.bench;

import dev.chainrule.core.DType;
import dev.chainrule.examples.run.Cnn;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.train.Trainer;
import java.util.stream.IntStream;

/**
 * Training the program's CNN ({@code fashion-mnist --model cnn}: conv 16, conv 32, dense 128, in
 * float32 with Adam and batches of 64, its defaults) on images of MNIST's shape, timed on part
 * of an epoch and scaled to a 60,000-image one: an epoch's work is proportional to its images.
 */
final class CnnEpoch {
  /** Images in a Fashion-MNIST training epoch. */
  static final int EPOCH_IMAGES = 60_000;
  private static final int BATCH = 64;

  private CnnEpoch() {}

  /**
   * Seconds per 60,000-image epoch: the median of {@code runs} timed passes over {@code images}
   * rows of {@code data}, after an untimed pass over two batches.
   */
  static double secondsPerEpoch(Dataset data, int images, int runs, long seed) {
    Dataset part = data.subset(IntStream.range(0, Math.min(images,
        data.size())).toArray());
    Dataset typed = new Dataset(part.to(DType.FLOAT32).features(), part.labels());
    Trainer warm = trainer(seed);
    warm.fit(typed.subset(IntStream.range(0, Math.min(2 * BATCH,
        typed.size())).toArray()));
    Trainer trainer = trainer(seed);
    double[] seconds = new double[runs];
    for (int i = 0; i < runs; i++) {
      seconds[i] = Timing.seconds(() -> trainer.fit(typed));
    }
    return Timing.median(seconds) * EPOCH_IMAGES / typed.size();
  }

  private static Trainer trainer(long seed) {
    Sequential model = Cnn.of(28, 128, 10, seed);
    model.to(DType.FLOAT32);
    return Trainer.builder(model, Loss.softmaxCrossEntropy(),
            Adam.builder().learningRate(0.001).build(model))
        .epochs(1).batchSize(BATCH).seed(seed).build();
  }
}
