package dev.chainrule.examples.bench;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.DType;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.report.JsonLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MLP epochs and blocks of Iris steps on request, for comparisons paired epoch by epoch, or block
 * by block, with another framework ({@code examples/pytorch/paired_epochs.py} alternates them with
 * PyTorch's, epochs by default, Iris steps with {@code --iris}).
 *
 * <p>Why paired: this machine's speed drifts by tens of percent over minutes (PyTorch's own
 * float32 epoch measured 0.72 to 1.52 s in rounds of {@code bench} and its script), so two
 * figures taken minutes apart compare the machine's moods as much as the frameworks. Epochs
 * timed one after the other, each framework warm in its own process, see the same machine.
 *
 * <p>The protocol: once both networks are warm, one line {@code ready}; then for each line read
 * naming a type ({@code float32} or {@code float64}), one epoch of that type's network, answered
 * with one line of JSON: {@code {"dtype":"float32","seconds":…,"gemm_seconds":…}}; for a type
 * followed by {@code stepping}, an epoch of the copy that steps after backward (PyTorch's loop,
 * where the trainer's defaults update in backward), answered {@code
 * {"dtype":"float32","update":"stepping","seconds":…,"gemm_seconds":…}}; for each line
 * {@code iris}, one block of the Iris network's float64 training steps ({@link StepBlocks}, as
 * many steps as {@code bench} times in one run; the process warms on the first request),
 * answered {@code {"network":"iris","us_per_step":…}}. A blank line or the end of the input
 * stops it.
 */
public final class EpochServer {
  private static final long SEED = 42;
  /** The word after a type that asks for the epoch stepping after backward. */
  static final String STEPPING = "stepping";

  private EpochServer() {}

  /**
   * Serves epochs of the F-256-128-K MLP on {@code data} until a blank line or the end of input.
   *
   * @param data features [N, F] and class indices [N]
   * @param settings the MLP warm-up ({@link BenchSettings#mlpWarmupBatches})
   * @param in the requests, one type name per line
   * @param out the answers, flushed after each line
   * @throws IOException when reading a request fails
   * @throws IllegalArgumentException naming the line when it names no type
   */
  public static void serve(Dataset data, BenchSettings settings, BufferedReader in,
      PrintWriter out) throws IOException {
    checkNotNull(data, "bench: data is null");
    Map<DType, MlpEpoch> networks = new EnumMap<>(DType.class);
    for (DType type : DType.values()) {
      MlpEpoch network = new MlpEpoch(data, SEED, type);
      network.warmUp(settings.mlpWarmupBatches(), settings.warmupSeconds());
      network.epoch();  // the first whole epoch still compiles; the other side warms up too
      networks.put(type, network);
    }
    out.println("ready");
    out.flush();
    StepBlocks iris = null;
    for (String line = in.readLine(); line != null && !line.isBlank(); line = in.readLine()) {
      if (line.strip().equals("iris")) {
        if (iris == null) {
          Dataset irisData = SmallNetworks.irisShaped(SEED);
          iris = new StepBlocks(() -> SmallNetworks.iris(irisData, SEED),
              settings.irisStepsPerSample(), settings.warmupSeconds());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("network", "iris");
        answer.put("us_per_step", iris.microsPerStep());
        out.println(JsonLine.of(answer));
        out.flush();
        continue;
      }
      Map<String, Object> answer = new LinkedHashMap<>();
      String[] words = line.strip().split("\\s+");
      DType type = DType.parse(words[0]);
      answer.put("dtype", type.toString());
      boolean stepping = words.length == 2 && words[1].equals(STEPPING);
      checkArgument(words.length == 1 || stepping, "bench: request '%s' is neither a type, a"
          + " type and %s, nor iris", line, STEPPING);
      if (stepping) {
        answer.put("update", STEPPING);
      }
      TimedGemm.Timed<Double> timed =
          stepping ? networks.get(type).epochStepping() : networks.get(type).epoch();
      answer.put("seconds", timed.result());
      answer.put("gemm_seconds", timed.gemmSeconds());
      out.println(JsonLine.of(answer));
      out.flush();
    }
  }
}
