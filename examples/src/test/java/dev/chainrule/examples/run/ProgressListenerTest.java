package dev.chainrule.examples.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.examples.cli.Console;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.CrossEntropyOptions;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.train.EpochResult;
import dev.chainrule.optim.train.History;
import dev.chainrule.optim.train.Trainer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import org.junit.jupiter.api.Test;

class ProgressListenerTest {
  private final StringWriter text = new StringWriter();
  private final List<String> renders = new ArrayList<>();

  /** {@code rows} random samples of 3 classes, trained for {@code epochs} in batches of 4. */
  private void train(ProgressListener progress, int rows, int epochs) {
    train(progress, rows, epochs, Loss.softmaxCrossEntropy());
  }

  private void train(ProgressListener progress, int rows, int epochs, Loss loss) {
    Tensor x = Tensors.randn(Shape.of(rows, 2), 1L);
    Tensor y = Tensors.rand(Shape.of(rows), 2L).mul(3).map(Math::floor);
    Sequential model = Sequential.of(Dense.of(2, 4, 1L), Activation.tanh(), Dense.of(4, 3, 2L));
    try (progress) {
      Trainer.builder(model, loss, Sgd.builder(0.1).build(model))
          .epochs(epochs).batchSize(4).listener(progress).build()
          .fit(new Dataset(x, y), new Dataset(x, y));
    }
  }

  private ProgressListener onTerminal(int epochs) {
    Console console = new Console(new PrintWriter(text), true);
    // A fixed width stands in for the terminal's, which the library asks JLine for.
    return new ProgressListener(console, 0, epochs, "test",
        () -> new DelegatingProgressBarConsumer(renders::add, 120));
  }

  @Test
  void onATerminalEachLongEpochHasABarWithRateAndTimeLeft() {
    train(onTerminal(2), 100, 2);

    assertTrue(renders.stream().anyMatch(r -> r.startsWith("epoch 1/2")), renders.toString());
    assertTrue(renders.stream().anyMatch(r -> r.startsWith("epoch 2/2")), renders.toString());
    String last = renders.stream().filter(r -> r.startsWith("epoch 2/2")).reduce((a, b) -> b)
        .orElseThrow();
    // 100 samples in batches of 4: 25 batches, all done when the bar closes.
    assertTrue(last.contains("100%") && last.contains("25/25 batches"), last);
    // The library shows "?" for the rate until a whole second has passed.
    assertTrue(last.matches(".* ([0-9.]+|\\?) batches/s .*"), "the rate: " + last);
    assertTrue(last.matches(".*\\(\\d+:\\d\\d:\\d\\d / \\d+:\\d\\d:\\d\\d\\).*"),
        "time spent and time left: " + last);
    assertTrue(last.matches(".*loss \\d\\.\\d{4} acc \\d\\.\\d{4}.*"), last);
    // Each epoch line first clears the bar's line, then the next bar is drawn below it.
    assertTrue(text.toString().matches("(?s)\r\033\\[Kepoch 1/2  loss .* test acc [^\n]*\n"
        + "\r\033\\[Kepoch 2/2  loss .* test acc [^\n]*\n"), "epoch lines: " + text);
  }

  /**
   * Under class weights the bar's running loss ends where the epoch line's does: both weigh each
   * batch's weighted mean by its Σ w_y (by rows, the bar ended elsewhere).
   */
  @Test
  void aWeightedRunsBarEndsAtItsEpochsLoss() {
    train(onTerminal(1), 100, 1, Loss.softmaxCrossEntropy(
        CrossEntropyOptions.none().withClassWeights(1, 9, 0.1)));
    String last = renders.stream().filter(r -> r.startsWith("epoch 1/1")).reduce((a, b) -> b)
        .orElseThrow();
    java.util.regex.Matcher bar = java.util.regex.Pattern.compile("loss (\\d\\.\\d{4})")
        .matcher(last);
    assertTrue(bar.find(), last);
    assertTrue(text.toString().contains("epoch 1/1  loss " + bar.group(1) + " "),
        "the bar's loss " + bar.group(1) + " against the epoch line: " + text);
  }

  /**
   * The terminal's width is measured once a run, not once a bar: JLine starts {@code tty} and
   * {@code stty} to measure it, and a bar per epoch measured it every epoch.
   */
  @Test
  void theTerminalsWidthIsMeasuredOncePerRun() {
    Console console = new Console(new PrintWriter(text), true);
    AtomicInteger measured = new AtomicInteger();
    ProgressListener progress = new ProgressListener(console, 0, 3, "test",
        ProgressListener.terminalBars(console, () -> {
          measured.incrementAndGet();
          return 120;
        }));
    train(progress, 100, 3);

    assertEquals(1, measured.get(), "measurements of the width for three epochs' bars");
    // Each epoch had its bar, drawn at the width measured for the first.
    for (int epoch = 1; epoch <= 3; epoch++) {
      assertTrue(text.toString().contains("\repoch " + epoch + "/3 "),
          "bar " + epoch + ": " + text);
    }
  }

  @Test
  void onATerminalShortEpochsShareOneBarForTheRun() {
    train(onTerminal(30), 8, 30);

    assertTrue(renders.stream().anyMatch(r -> r.startsWith("training") && r.contains("epochs")),
        renders.toString());
    assertTrue(renders.stream().noneMatch(r -> r.startsWith("epoch ")), renders.toString());
  }

  @Test
  void inLogsEachEpochIsOnePlainLine() {
    Console console = new Console(new PrintWriter(text), false);
    train(ProgressListener.of(console, 2, "test"), 100, 2);

    List<String> lines = text.toString().lines().toList();
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(lines.get(0).matches("epoch 1/2  loss \\d\\.\\d{4}  train acc \\d\\.\\d{4}"
        + "  test loss \\d\\.\\d{4}  test acc \\d\\.\\d{4}  \\d+\\.\\d\\d s"), lines.get(0));
    assertTrue(renders.isEmpty());
  }

  @Test
  void longRunsOfShortEpochsPrintAboutTwentyFiveLinesTheLastAlways() {
    Console console = new Console(new PrintWriter(text), false);
    train(ProgressListener.of(console, 110, null), 8, 110);

    List<String> lines = text.toString().lines().toList();
    assertEquals(28, lines.size(), "every 4th of 110 epochs, and the last: " + lines);
    assertTrue(lines.get(lines.size() - 1).startsWith("epoch 110/110  loss"));
  }

  /**
   * A run that early stopping ends on an epoch whose line was skipped (one in four of 110) still
   * ends with that epoch's line: the last line is the last epoch run, not an earlier one.
   */
  @Test
  void aRunStoppedEarlyEndsWithItsLastEpochsLine() {
    Console console = new Console(new PrintWriter(text), false);
    ProgressListener progress = ProgressListener.of(console, 110, "validation");
    for (int epoch = 0; epoch < 6; epoch++) {
      progress.onEpochEnd(new EpochResult(epoch, 1, 0.5, 2, 0.25, 0.1, 0.01, 8));
    }
    progress.onTrainingEnd(new History(List.of(), true, 2));
    List<String> lines = text.toString().lines().toList();
    assertEquals(List.of("epoch 4/110  loss 1.0000  train acc 0.5000  validation loss 2.0000"
        + "  validation acc 0.2500  0.01 s", "epoch 6/110  loss 1.0000  train acc 0.5000"
        + "  validation loss 2.0000  validation acc 0.2500  0.01 s"), lines);
  }

  /** Metrics of one's own follow the validation figures, by name, in the order declared. */
  @Test
  void metricsOfOnesOwnAreOnTheEpochsLine() {
    Console console = new Console(new PrintWriter(text), false);
    ProgressListener progress = ProgressListener.of(console, 1, "validation");
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("macro_f1", 0.75);
    metrics.put("auc", 0.875);
    progress.onEpochEnd(new EpochResult(0, 1, 0.5, 2, 0.25, 0.1, 0.01, 8, metrics));
    assertEquals(List.of("epoch 1/1  loss 1.0000  train acc 0.5000  validation loss 2.0000"
        + "  validation acc 0.2500  validation macro_f1 0.7500  validation auc 0.8750  0.01 s"),
        text.toString().lines().toList());
  }

  /**
   * A resumed run's lines are spaced by the epochs it trains, not by the last epoch's number:
   * 30 epochs after 20 printed every other one of them (15 lines), spaced as a run of 50, where
   * a run of up to 49 shows every epoch.
   */
  @Test
  void aResumedRunIsSpacedByTheEpochsItTrains() {
    Console console = new Console(new PrintWriter(text), false);
    ProgressListener progress = ProgressListener.of(console, 20, 30, null);
    for (int epoch = 20; epoch < 50; epoch++) {
      progress.onEpochEnd(new EpochResult(epoch, 1, 0.5, 2, 0.25, 0.1, 0.01, 8));
    }
    progress.onTrainingEnd(new History(List.of(), false, 2));
    List<String> lines = text.toString().lines().toList();
    assertEquals(30, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("epoch 21/50  loss"), lines.get(0));
    assertTrue(lines.get(29).startsWith("epoch 50/50  loss"), lines.get(29));

    // 110 after 7: every 4th of the run's own epochs (the 4th, 8th, ..., 108th) and the last.
    text.getBuffer().setLength(0);
    progress = ProgressListener.of(console, 7, 110, null);
    for (int epoch = 7; epoch < 117; epoch++) {
      progress.onEpochEnd(new EpochResult(epoch, 1, 0.5, 2, 0.25, 0.1, 0.01, 8));
    }
    lines = text.toString().lines().toList();
    assertEquals(28, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("epoch 11/117  loss"), lines.get(0));
    assertTrue(lines.get(27).startsWith("epoch 117/117  loss"), lines.get(27));
  }

  @Test
  void withJsonNothingAtAllEvenOnATerminal() {
    Console console = new Console(new PrintWriter(text), true).forJson(true);
    train(ProgressListener.of(console, 2, "test"), 100, 2);

    assertEquals("", text.toString());
  }
}
