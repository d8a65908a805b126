package dev.chainrule.spark;

import static dev.chainrule.spark.InProcessLaunch.launch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.spark.InProcessLaunch.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher reads {@code --task} and {@code --missing} in any case, as the program's train
 * does ({@code --task Regression} and {@code --missing DROP} were refused), and echoes a refused
 * value as typed.
 */
class LauncherWordCaseTest {
  @TempDir
  Path dir;

  @Test
  void taskAndMissingAreTakenInAnyCase() throws Exception {
    StringBuilder text = new StringBuilder("x,y\n");
    for (int i = 0; i < 40; i++) {
      text.append(i == 7 ? "NA" : String.valueOf(i / 10.0)).append(',').append(2 * i / 10.0)
          .append('\n');
    }
    Path csv = Files.writeString(dir.resolve("line.csv"), text);
    Outcome run = launch("--csv", csv.toString(), "--label", "y", "--task", "Regression",
        "--missing", "DROP", "--epochs", "1", "--json");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("\"test_mse_standardised\":"), "a regression: " + run.out());
    assertEquals(1, run.launch().report.get("dropped_rows"), run.out());
  }

  @Test
  void aRefusedWordIsEchoedAsTyped() {
    Outcome task = launch("--csv", "x.csv", "--label", "y", "--task", "Ranking");
    assertEquals(2, task.code(), task.err());
    assertTrue(task.err().startsWith("error: --task must be classification or regression, got"
        + " 'Ranking'"), task.err());
    Outcome missing = launch("--csv", "x.csv", "--label", "y", "--missing", "Keep");
    assertEquals(2, missing.code(), missing.err());
    assertTrue(missing.err().startsWith("error: --missing must be reject or drop, got 'Keep'"),
        missing.err());
  }
}
