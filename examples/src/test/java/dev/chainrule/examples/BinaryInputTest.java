package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Binary input given as a CSV file: the reader's own "not text" is what the user reads, never
 * "out of memory" (a file with no line break, read to its end to explain the refusal).
 */
class BinaryInputTest {
  @TempDir
  Path dir;

  private static final String NOT_TEXT = "error: zero: line 1: control character 0x00 at"
      + " position 1: not text; is this a binary file?";

  @Test
  void trainOnDevZeroSaysNotText() {
    Cli.Result run = Cli.run("train", "--csv", "/dev/zero", "--label", "y");
    assertEquals(List.of(NOT_TEXT), run.err().lines().toList());
    assertEquals(1, run.exitCode());
  }

  @Test
  void predictOnDevZeroSaysNotText() throws IOException {
    StringBuilder text = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 30; i++) {
      text.append(String.format(Locale.ROOT, "%d,%d,%d%n", i % 5, i % 7, i % 2));
    }
    Path csv = Files.writeString(dir.resolve("small.csv"), text);
    Path model = dir.resolve("model.safetensors");
    Cli.Result trained = Cli.run("train", "--csv", csv.toString(), "--label", "y", "--epochs",
        "1", "--save", model.toString(), "--out", dir.resolve("out").toString());
    assertEquals(0, trained.exitCode(), trained.err());
    Cli.Result run = Cli.run("predict", "--load", model.toString(), "--csv", "/dev/zero");
    assertEquals(List.of(NOT_TEXT), run.err().lines().toList());
    assertEquals(1, run.exitCode());
  }

  /**
   * A file that begins as a zip archive does ("PK", then control bytes) with a line break soon
   * after: the refusal says line 1 is not text, and does not go on to explain line 1 (fewer
   * fields than line 2) as a summary line, echoing the archive's bytes.
   */
  @Test
  void aBinaryLineOneIsRefusedWithoutItsBytes() throws IOException {
    StringBuilder text = new StringBuilder("PK\u0003\u0004\u0014\u0000\u0000\u0000x\n");
    for (int i = 0; i < 20; i++) {
      text.append(i % 5).append(',').append(i % 7).append(',').append(i % 3).append('\n');
    }
    Path zip = Files.writeString(dir.resolve("ir.zip"), text);
    Cli.Result run = Cli.run("train", "--csv", zip.toString(), "--label", "species");
    assertEquals(List.of("error: ir.zip: line 1: control character 0x03 at position 3: not text;"
        + " is this a binary file?"), run.err().lines().toList());
    assertEquals(1, run.exitCode());
  }
}
