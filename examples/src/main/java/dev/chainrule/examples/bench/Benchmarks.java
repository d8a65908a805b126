package dev.chainrule.examples.bench;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.core.gemm.GemmBackend;
import dev.chainrule.optim.data.Dataset;

/**
 * The training-speed benchmarks behind the {@code bench} command. Each method warms up, then
 * reports the median of several timed runs ({@link BenchSettings}); everything runs on the calling
 * thread through the GEMM backend installed at the time.
 *
 * <pre>{@code
 * BenchFigures figures = Benchmarks.run(BenchSettings.full());
 * System.out.println(figures);
 * }</pre>
 */
public final class Benchmarks {
  private static final long SEED = 42;

  private Benchmarks() {}

  /**
   * Every benchmark, with the MLP on random data of MNIST's shape.
   *
   * @param settings how long and how often to measure
   * @return the figures
   */
  public static BenchFigures run(BenchSettings settings) {
    return run(settings, randomMlpData(settings));
  }

  /**
   * The MLP's data when no Fashion-MNIST is at hand: {@code settings.mlpSamples()} rows of MNIST's
   * shape (784 uniform features, 10 random classes), the same rows every run.
   *
   * @param settings how many samples
   * @return features [N, 784] and class indices [N]
   */
  public static Dataset randomMlpData(BenchSettings settings) {
    return MlpEpoch.randomData(settings.mlpSamples(), SEED);
  }

  /**
   * Every benchmark, with the MLP on {@code mlpData}: features [N, F], class indices [N].
   *
   * <p>Iris runs first. The JIT sizes a loop's unrolling (and so whether it vectorizes) by the
   * trip counts it has seen when it compiles it, and every benchmark shares the same kernels:
   * after XOR's tensors of two to eight elements the Iris step measured 38 to 44 µs against 37
   * to 38 µs on its own, while XOR after Iris costs 0.1 to 0.2 µs more than XOR alone. This order
   * keeps each figure close to what a program training that one network would see. The
   * differential-equation step ({@link #pinnMicrosPerStep}) comes after both, so that their
   * figures stay those of the order above; how much its own figure moves for running after them
   * has not been measured.
   *
   * <p>The Iris step with anomaly detection on runs last: until then no op has taken the
   * detection branch, so the other figures are those of a program that never turns it on, and
   * the Iris figure is the one to hold against the step before detection existed (the cost of
   * "off", one flag test per op, should not show). The cost of {@code GradCheck.localize} on
   * the Fashion-MNIST MLP comes after it, for the same reason.
   *
   * @param settings how long and how often to measure
   * @param mlpData the MLP's training data
   * @return the figures
   */
  public static BenchFigures run(BenchSettings settings, Dataset mlpData) {
    double iris = irisMicrosPerStep(settings);
    double xor = xorMicrosPerStep(settings);
    double pinn = pinnMicrosPerStep(settings);
    MlpFigures mlp64 = mlp(settings, mlpData, DType.FLOAT64);
    MlpFigures mlp32 = mlp(settings, mlpData, DType.FLOAT32);
    double cnn = cnnSecondsPerEpoch(settings, mlpData);
    return new BenchFigures(xor, iris, pinn, mlp64, mlp32, gemmGflops(settings, DType.FLOAT64),
        gemmGflops(settings, DType.FLOAT32), settings.gemmSize(), GemmBackend.get().toString(),
        KernelBench.measure(DType.FLOAT64, settings.samples(), settings.kernelCalls(),
            settings.warmupSeconds()),
        KernelBench.measure(DType.FLOAT32, settings.samples(), settings.kernelCalls(),
            settings.warmupSeconds()),
        cnn, irisAnomaly(settings), LocalizeCost.measure(settings, SEED));
  }

  /**
   * The Iris training step with anomaly detection on (every op's output and every gradient
   * checked, each recorded op's creation site found), and how many times the step with it off
   * that is. Blocks of each alternate on two fresh networks, so that the machine's changes of
   * speed (its small steps switch between two modes) move both alike: the Iris figure of {@link
   * #run}, timed minutes earlier, can be in the other mode. Run last, so no other figure is
   * measured after the JIT has seen detection at work.
   *
   * @param settings how long and how often to measure
   * @return the time per step with detection on, and its ratio to the time with it off
   */
  public static AnomalyCost irisAnomaly(BenchSettings settings) {
    Dataset data = SmallNetworks.irisShaped(SEED);
    int steps = settings.irisStepsPerSample();
    // The process warmed on networks of their own, detection's branches included.
    TrainingStep warmOn = SmallNetworks.iris(data, SEED);
    TrainingStep warmOff = SmallNetworks.iris(data, SEED);
    Warmup.run(() -> {
      detecting(() -> warmOn.repeat(steps));
      warmOff.repeat(steps);
    }, settings.warmupSeconds());
    TrainingStep on = SmallNetworks.iris(data, SEED);
    TrainingStep off = SmallNetworks.iris(data, SEED);
    detecting(() -> on.repeat(steps));
    off.repeat(steps);
    double[] onSeconds = new double[settings.samples()];
    double[] ratios = new double[settings.samples()];
    for (int s = 0; s < ratios.length; s++) {
      onSeconds[s] = Timing.seconds(() -> detecting(() -> on.repeat(steps)));
      ratios[s] = onSeconds[s] / Timing.seconds(() -> off.repeat(steps));
    }
    return new AnomalyCost(Timing.median(onSeconds) / steps * 1e6, Timing.median(ratios));
  }

  private static void detecting(Runnable work) {
    try (Autograd.Scope anomaly = Autograd.detectAnomaly()) {
      work.run();
    }
  }

  /**
   * What anomaly detection costs on the Iris step.
   *
   * @param microsPerStep the median time of a step with detection on
   * @param slowdown the median, over pairs of runs timed one after the other, of the time with
   *     detection on over the time with it off
   */
  public record AnomalyCost(double microsPerStep, double slowdown) {}

  /**
   * Microseconds per XOR training step (2-2-1 MLP, batch 4, SGD).
   *
   * @param settings how long and how often to measure
   * @return the median time per step
   */
  public static double xorMicrosPerStep(BenchSettings settings) {
    return TrainingStep.microsPerStep(() -> SmallNetworks.xor(SEED), settings.warmupSeconds(),
        settings.samples(), settings.xorStepsPerSample());
  }

  /**
   * Microseconds per training step of the README's differential-equation network ({@link
   * DifferentialEquationStep}: 1-16-16-1 tanh, 33 points, float64, Adam), whose loss holds the
   * network's second derivative by its input, so that backward takes a third. Timed as the Iris
   * step is: a fresh network after the process warmed on another.
   *
   * @param settings how long and how often to measure
   * @return the median time per step
   */
  public static double pinnMicrosPerStep(BenchSettings settings) {
    return TrainingStep.microsPerStep(DifferentialEquationStep::new, settings.warmupSeconds(),
        settings.samples(), settings.pinnStepsPerSample());
  }

  /**
   * Microseconds per Iris training step (4-16-3 MLP, batch 150, Adam) on Iris-shaped data.
   *
   * @param settings how long and how often to measure
   * @return the median time per step
   */
  public static double irisMicrosPerStep(BenchSettings settings) {
    return irisMicrosPerStep(settings, SmallNetworks.irisShaped(SEED));
  }

  /**
   * Microseconds per training step of the Iris network on {@code data}, one full batch.
   *
   * @param settings how long and how often to measure
   * @param data features and labels
   * @return the median time per step
   */
  public static double irisMicrosPerStep(BenchSettings settings, Dataset data) {
    checkNotNull(data, "bench: data is null");
    return TrainingStep.microsPerStep(() -> SmallNetworks.iris(data, SEED),
        settings.warmupSeconds(), settings.samples(), settings.irisStepsPerSample());
  }

  /**
   * The MLP's seconds per epoch, the seconds of the epoch spent inside matrix products, and the
   * seconds of the same products run alone (median of each, runs interleaved). The two shares
   * outside the products are two estimates of the framework's own work, and neither bounds the
   * other: the epoch's products run on operands its other work just wrote (some in fresh arrays,
   * some evicted from cache by that work), the products alone on the same few operands batch after
   * batch, in a pass of their own after the epoch. Recorded runs have had the products take longer
   * in the epoch than alone and shorter (float64 0.842 s in the epoch, 0.886 s alone: 25 % outside
   * them one way, 21 % the other), so quote both: they differ by a few points either way.
   *
   * @param secondsPerEpoch a training epoch
   * @param gemmSecondsPerEpoch the epoch's products run alone, back to back
   * @param gemmInEpochSecondsPerEpoch the time the epoch spent inside its products
   * @param samplesPerSecond samples trained per second
   * @param steppingSecondsPerEpoch the same epoch stepping after backward ({@link
   *     dev.chainrule.optim.train.Trainer.Builder#updateInBackward(boolean)} false: PyTorch's
   *     loop, where the trainer's defaults update in backward), timed alongside
   * @param steppingGemmInEpochSecondsPerEpoch the time that epoch spent inside its products
   */
  public record MlpFigures(double secondsPerEpoch, double gemmSecondsPerEpoch,
      double gemmInEpochSecondsPerEpoch, double samplesPerSecond,
      double steppingSecondsPerEpoch, double steppingGemmInEpochSecondsPerEpoch) {
    /**
     * The part of the epoch not covered by its products run alone, as a share of the epoch.
     *
     * @return one minus the products alone over the epoch, at least 0
     */
    public double outsideGemmShare() {
      return Math.max(0, 1 - gemmSecondsPerEpoch / secondsPerEpoch);
    }

    /**
     * The part of the epoch spent outside its products, timed as they ran in it.
     *
     * @return one minus the time inside the products over the epoch, at least 0
     */
    public double outsideGemmShareInEpoch() {
      return Math.max(0, 1 - gemmInEpochSecondsPerEpoch / secondsPerEpoch);
    }

    /**
     * The part of the stepping epoch spent outside its products, timed as they ran in it.
     *
     * @return one minus the time inside the products over that epoch, at least 0
     */
    public double steppingOutsideGemmShareInEpoch() {
      return Math.max(0, 1 - steppingGemmInEpochSecondsPerEpoch / steppingSecondsPerEpoch);
    }
  }

  /**
   * An epoch of the F-256-128-K MLP in {@code dtype} on {@code data} and the same epoch's matrix
   * products alone. The two are timed alternately, so a change in the machine's load affects both
   * alike.
   *
   * @param settings how long and how often to measure
   * @param data features and labels
   * @param dtype the element type to compute in
   * @return the median times
   */
  public static MlpFigures mlp(BenchSettings settings, Dataset data, DType dtype) {
    MlpEpoch mlp = new MlpEpoch(checkNotNull(data, "bench: data is null"), SEED, dtype);
    mlp.warmUp(settings.mlpWarmupBatches(), settings.warmupSeconds());
    double[] epochs = new double[settings.mlpEpochs()];
    double[] inEpoch = new double[settings.mlpEpochs()];
    double[] gemms = new double[settings.mlpEpochs()];
    double[] stepping = new double[settings.mlpEpochs()];
    double[] steppingInEpoch = new double[settings.mlpEpochs()];
    for (int i = 0; i < epochs.length; i++) {
      TimedGemm.Timed<Double> timed = mlp.epoch();
      epochs[i] = timed.result();
      inEpoch[i] = timed.gemmSeconds();
      gemms[i] = mlp.gemmOnly();
      TimedGemm.Timed<Double> steppingTimed = mlp.epochStepping();
      stepping[i] = steppingTimed.result();
      steppingInEpoch[i] = steppingTimed.gemmSeconds();
    }
    double epoch = Timing.median(epochs);
    return new MlpFigures(epoch, Timing.median(gemms), Timing.median(inEpoch),
        mlp.samples() / epoch, Timing.median(stepping), Timing.median(steppingInEpoch));
  }

  /**
   * Seconds per 60,000-image training epoch of the program's CNN (float32, Adam, batches of 64):
   * the median of {@code mlpEpochs} timed passes over the first {@code cnnSamples} images of
   * {@code data}, scaled to 60,000 images.
   *
   * @param settings how long and how often to measure
   * @param data features [N, 784] and class indices [N]
   * @return the median time per epoch
   */
  public static double cnnSecondsPerEpoch(BenchSettings settings, Dataset data) {
    checkNotNull(data, "bench: data is null");
    return CnnEpoch.secondsPerEpoch(data, settings.cnnSamples(), settings.mlpEpochs(), SEED);
  }

  /**
   * GFLOP/s (2·n³ floating-point operations per product) of an n×n×n product, n = gemmSize.
   *
   * @param settings how long and how often to measure
   * @param dtype the element type to compute in
   * @return the median throughput
   */
  public static double gemmGflops(BenchSettings settings, DType dtype) {
    int n = settings.gemmSize();
    Tensor a = Tensors.randn(Shape.of(n, n), Tensors.seeded(SEED), dtype);
    Tensor b = Tensors.randn(Shape.of(n, n), Tensors.seeded(SEED + 1), dtype);
    int warmup = Math.max(3, (int) (2e9 / (2.0 * n * n * n)));
    for (int i = 0; i < warmup; i++) {
      a.matmul(b);
    }
    double seconds = Timing.medianSeconds(settings.samples(), () -> a.matmul(b));
    return 2.0 * n * n * n / seconds / 1e9;
  }

  /**
   * Runs every benchmark and prints the figures and their JSON line; {@code --quick} for the
   * short settings. A stand-in for the {@code bench} command of the examples program.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    boolean quick = args.length > 0 && args[0].equals("--quick");
    BenchFigures figures = run(quick ? BenchSettings.quick() : BenchSettings.full());
    System.out.println(figures);
    System.out.println(figures.fields());
  }
}
