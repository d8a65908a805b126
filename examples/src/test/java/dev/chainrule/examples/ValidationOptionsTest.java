package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --validation} and {@code --patience}: the epoch is chosen on training rows held out for
 * it, never on the test rows. (Refused values: BadOptionsTest and BadDataAndRunsTest.)
 */
class ValidationOptionsTest {
  @TempDir
  Path dir;

  /**
   * Iris's 111 training rows give 21 to validation (a fifth of each class, rounded), and with
   * seed 42 the validation loss stops improving after epoch 36: the run stops five epochs later
   * and keeps epoch 36's weights, whose training loss the JSON line reports.
   */
  @Test
  void patienceStopsTheRunAndKeepsTheBestEpochsWeights() throws IOException {
    Cli.Result r = Cli.run("iris", "--validation", "0.2", "--patience", "5", "--epochs", "300",
        "--out", dir.resolve("stopped").toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("; 90 training, 21 validation and 39 test samples"), r.out());
    assertTrue(r.out().contains("  validation acc "), "epoch lines show the held-out rows'");
    assertFalse(r.out().contains("  test acc "), "and not the test rows'");
    assertTrue(r.out().contains("stopped after epoch 41: no better validation loss for 5 epochs;"
        + " the model keeps the weights of epoch 36"), r.out());

    Map<String, Object> json = Cli.run("iris", "--validation", "0.2", "--patience", "5",
        "--epochs", "300", "--json", "--out", dir.resolve("json").toString()).json();
    assertEquals(41.0, json.get("epochs"));
    assertEquals(21.0, json.get("validation_samples"));
    assertEquals(Boolean.TRUE, json.get("stopped_early"));
    assertEquals(36.0, json.get("weights_epoch"));
  }

  /** Patience longer than the run: every epoch runs, and the best one's weights are kept. */
  @Test
  void aRunThatNeverRunsOutOfPatienceStillKeepsItsBestEpoch() throws IOException {
    Map<String, Object> json = Cli.run("iris", "--validation", "0.2", "--patience", "50",
        "--epochs", "40", "--json", "--out", dir.resolve("patient").toString()).json();
    assertEquals(40.0, json.get("epochs"));
    assertEquals(Boolean.FALSE, json.get("stopped_early"));
    assertEquals(36.0, json.get("weights_epoch"), "the same best epoch as the stopped run's");
  }

  /** Without --patience the rows are held out and watched, and the last epoch's weights kept. */
  @Test
  void validationAloneOnlyChangesWhichRowsAreWatched() throws IOException {
    Map<String, Object> json = Cli.run("iris", "--validation", "0.2", "--epochs", "3", "--json",
        "--out", dir.resolve("watched").toString()).json();
    assertEquals(21.0, json.get("validation_samples"));
    assertFalse(json.containsKey("stopped_early"), json.toString());
    Map<String, Object> plain = Cli.run("iris", "--epochs", "3", "--json", "--out",
        dir.resolve("plain").toString()).json();
    assertFalse(plain.containsKey("validation_samples"), plain.toString());
  }
}
