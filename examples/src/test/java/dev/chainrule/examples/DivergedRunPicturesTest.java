package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that diverges still draws the curves and gradient flow of the epochs it completed, and
 * names a chart an earlier run left beside them, as a run that ends does. Found by mutation
 * testing: no test ran a diverging run with pictures, nor xor's note of a chart left over.
 */
class DivergedRunPicturesTest {
  @TempDir
  Path dir;

  private static final List<String> TRAINING_CHARTS = List.of("loss.png", "accuracy.png",
      "gradients.png", "gradient-ratio.png", "activations-hidden-1.png");

  private Path staleFolder(String name) throws IOException {
    Path out = dir.resolve(name);
    Files.createDirectories(out);
    // A PNG's signature: a file under a chart's name that is no PNG is refused before the run.
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 'o', 'l', 'd'};
    Files.write(out.resolve("confusion.png"), png);
    return out;
  }

  @Test
  void aDivergedRunDrawsItsCompletedEpochs() throws IOException {
    StringBuilder text = new StringBuilder("x,y,kind\n");
    for (int i = 0; i < 40; i++) {
      int c = i % 2;
      text.append(c + 0.3 * Math.sin(i)).append(',').append(0.3 * Math.cos(i)).append(",c")
          .append(c).append('\n');
    }
    Path csv = Files.writeString(dir.resolve("two.csv"), text);
    Path out = staleFolder("diverged");
    Cli.Result r = Cli.run("train", "--csv", csv.toString(), "--label", "kind", "--lr", "1e6",
        "--epochs", "5", "--out", out.toString());
    assertEquals(1, r.exitCode(), r.out());
    assertTrue(r.err().contains("training diverged at epoch 2"), r.err());
    for (String chart : TRAINING_CHARTS) {
      assertTrue(Files.size(out.resolve(chart)) > 0, chart);
    }
    assertTrue(r.out().contains("note: " + out + " also holds charts this run did not draw (from"
        + " an earlier run?): confusion.png"), r.out());
  }

  @Test
  void xorNamesAChartLeftOverByAnEarlierRun() throws IOException {
    Path out = staleFolder("xor");
    Cli.Result r = Cli.run("xor", "--epochs", "3", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("note: " + out + " also holds charts this run did not draw (from"
        + " an earlier run?): confusion.png"), r.out());
  }
}
