package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The note of the rows --missing drop left out says why: a row holding 1e39, a number float32
 * cannot hold, was said to have "missing values". Such rows are still left out, in train and in
 * predict alike: the refusal without --missing drop names that option as the way past them.
 */
class DroppedRowsNoteTest {
  @TempDir
  Path dir;

  /** Two classes apart on x, with {@code extra} rows appended. */
  private Path data(String name, String extra) throws IOException {
    StringBuilder text = new StringBuilder("x,z,kind\n");
    for (int i = 0; i < 30; i++) {
      text.append(i % 2 * 4 + Math.sin(i)).append(',').append(Math.cos(i)).append(',')
          .append(i % 2 == 0 ? "cat" : "dog").append('\n');
    }
    return Files.writeString(dir.resolve(name), text + extra);
  }

  @Test
  void trainNamesBothReasonsAndTheTypeThatReadsTheNumber() throws IOException {
    Path csv = data("mixed.csv", "1e39,0.5,cat\nNA,0.5,dog\n");
    Cli.Result r = Cli.run("train", "--csv", csv.toString(), "--label", "kind", "--dtype",
        "float32", "--missing", "drop", "--epochs", "1", "--out", dir.resolve("o").toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("mixed.csv: left out 2 rows: 1 with missing values, 1 with a"
        + " number beyond float32's range (--missing drop; --dtype float64 reads such"
        + " numbers)\n"), r.out());
  }

  @Test
  void predictWithAFloat32ModelSaysTheNumberIsBeyondItsRange() throws IOException {
    Path model = dir.resolve("m32.safetensors");
    Cli.Result trained = Cli.run("train", "--csv", data("train.csv", "").toString(), "--label",
        "kind", "--dtype", "float32", "--epochs", "1", "--save", model.toString(), "--out",
        dir.resolve("o").toString());
    assertEquals(0, trained.exitCode(), trained.err());
    Path rows = data("new.csv", "1e39,0.5,cat\n");
    Cli.Result r = Cli.run("predict", "--load", model.toString(), "--csv", rows.toString(),
        "--missing", "drop");
    assertEquals(0, r.exitCode(), r.err());
    // The model fixes the type: no --dtype to offer.
    assertTrue(r.err().contains("new.csv: left out 1 row with a number beyond float32's range"
        + " (--missing drop)\n"), r.err());
  }
}
