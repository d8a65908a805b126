package dev.chainrule.optim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.optim.train.EpochResult;
import dev.chainrule.optim.train.History;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The run report's time figures: per epoch and per second from the epochs that ran, else 0. */
class RunReportTest {
  @Test
  void timeFiguresComeFromTheEpochs() {
    History history = new History(List.of(
        new EpochResult(0, 2.0, 0.5, 1.5, 0.25, 0.1, 1.5, 10),
        new EpochResult(1, 1.0, 0.75, 1.25, 0.5, 0.1, 2.5, 10)), false, 1);
    Map<String, Object> fields = RunReport.fields("toy", history, 7, DType.FLOAT32, 1.0,
        Map.of("test_accuracy", 0.5));
    assertEquals(List.of("task", "epochs", "parameters", "dtype", "train_loss", "test_accuracy",
        "seconds", "seconds_per_epoch", "samples_per_second"), List.copyOf(fields.keySet()));
    // As NumPy and PyTorch name the types, and as --dtype takes them.
    assertEquals("float32", fields.get("dtype"));
    assertEquals(2, fields.get("epochs"));
    assertEquals(4.0, fields.get("seconds"));
    assertEquals(2.0, fields.get("seconds_per_epoch"));
    assertEquals(5.0, fields.get("samples_per_second"));
  }

  @Test
  void withoutEpochsTheRatesAreNullNotZero() {
    Map<String, Object> fields = RunReport.fields("toy", null, 7, DType.FLOAT64, 1.0,
        Map.of());
    assertEquals(0, fields.get("epochs"));
    assertEquals(0.0, fields.get("seconds"));
    assertEquals("float64", fields.get("dtype"));
    // A rate of nothing is no rate: 0.0 would read as infinitely slow (JSON null, as for NaN).
    assertTrue(fields.containsKey("seconds_per_epoch"));
    assertNull(fields.get("seconds_per_epoch"));
    assertNull(fields.get("samples_per_second"));
  }

  /**
   * Epochs timed at 0 seconds (a clock too coarse for a tiny run) have a time per epoch, 0, but
   * no rate of samples per second: null, not the infinity of samples / 0.
   */
  @Test
  void epochsOfNoMeasurableTimeHaveNoRate() {
    History instant = new History(List.of(new EpochResult(0, 2.0, 0.5, 1.5, 0.25, 0.1, 0, 10)),
        false, 0);
    Map<String, Object> fields = RunReport.fields("toy", instant, 7, DType.FLOAT64, 2.0,
        Map.of());
    assertEquals(0.0, fields.get("seconds_per_epoch"));
    assertTrue(fields.containsKey("samples_per_second"));
    assertNull(fields.get("samples_per_second"));
  }
}
