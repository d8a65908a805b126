package dev.chainrule.examples.bench;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * How long each benchmark runs. Every figure is the median of {@code samples} timed runs after a
 * warm-up, so the just-in-time compiler has compiled the hot paths and one slow run (another
 * process, a garbage collection) does not move the result.
 *
 * <p>The networks warm up for a time, not a number of steps: a training step calls a few
 * hundred methods, and the compiler needs about a second to reach the code it keeps (a warm-up of
 * 30,000 XOR steps, a tenth of a second, measured 9.5 µs per step where the settled figure is 3.5).
 * Past that time they warm on until the process is steady ({@link Warmup}).
 *
 * @param samples timed runs per figure (the median is reported)
 * @param warmupSeconds the least untimed training before the first timed run of XOR, of Iris, of
 *     the differential-equation step and of the MLP in each type
 * @param xorStepsPerSample XOR steps in one timed run
 * @param irisStepsPerSample Iris steps in one timed run
 * @param pinnStepsPerSample differential-equation steps ({@link DifferentialEquationStep}) in one
 *     timed run
 * @param mlpSamples samples in one epoch of the random MLP data (60,000 is MNIST's training set)
 * @param mlpWarmupBatches the MLP batches trained, again and again, in its warm-up
 * @param mlpEpochs timed epochs, each followed by a timed GEMM-only epoch
 * @param gemmSize m = n = k of the throughput product
 * @param kernelCalls calls of each elementwise kernel in one timed run
 * @param cnnSamples images in one timed run of the CNN (as many runs as {@code mlpEpochs}), whose
 *     time is scaled to a 60,000-image epoch
 */
public record BenchSettings(int samples, double warmupSeconds, int xorStepsPerSample,
    int irisStepsPerSample, int pinnStepsPerSample, int mlpSamples, int mlpWarmupBatches,
    int mlpEpochs, int gemmSize, int kernelCalls, int cnnSamples) {

  /**
   * Validates that every count is positive.
   *
   * @param gemmSize m = n = k of the throughput product
   * @param irisStepsPerSample Iris steps in one timed run
   * @param pinnStepsPerSample differential-equation steps in one timed run
   * @param kernelCalls calls of each elementwise kernel in one timed run
   * @param mlpEpochs timed epochs, each followed by a timed GEMM-only epoch
   * @param mlpSamples samples in one epoch of the MLP data
   * @param mlpWarmupBatches the MLP batches trained, again and again, in its warm-up
   * @param samples timed runs per figure (the median is reported)
   * @param warmupSeconds the least untimed training before the first timed run
   * @param xorStepsPerSample XOR steps in one timed run
   * @param cnnSamples images in one timed run of the CNN
   */
  public BenchSettings {
    checkArgument(samples > 0 && warmupSeconds >= 0 && xorStepsPerSample > 0
        && irisStepsPerSample > 0 && pinnStepsPerSample > 0 && mlpSamples > 0
        && mlpWarmupBatches >= 0 && mlpEpochs > 0 && gemmSize > 0 && kernelCalls > 0
        && cnnSamples > 0,
        // Not this: a compact constructor assigns the fields after its body, so the record's
        // text here read all zeros whatever was given.
        "bench: counts must be positive (warm-ups may be 0): BenchSettings[samples=%s,"
            + " warmupSeconds=%s, xorStepsPerSample=%s, irisStepsPerSample=%s,"
            + " pinnStepsPerSample=%s, mlpSamples=%s, mlpWarmupBatches=%s, mlpEpochs=%s,"
            + " gemmSize=%s, kernelCalls=%s, cnnSamples=%s]", samples, warmupSeconds,
        xorStepsPerSample, irisStepsPerSample, pinnStepsPerSample, mlpSamples, mlpWarmupBatches,
        mlpEpochs, gemmSize, kernelCalls, cnnSamples);
  }

  /**
   * The settings behind published figures: three or four minutes on a small machine.
   *
   * @return the settings
   */
  public static BenchSettings full() {
    return new BenchSettings(9, 2.0, 5_000, 500, 200, 60_000, 60, 3, 512, 300, 12_000);
  }

  /**
   * A run of seconds that exercises every benchmark, for tests; its figures are noise.
   *
   * @return the settings
   */
  public static BenchSettings quick() {
    return new BenchSettings(3, 0.02, 50, 10, 5, 512, 1, 1, 64, 2, 32);
  }
}
