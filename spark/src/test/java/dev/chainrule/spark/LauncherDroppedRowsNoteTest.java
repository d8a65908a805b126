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
 * The launcher's note of the rows --missing drop left out says why, in train's words: a row
 * holding 1e39, which float32 cannot hold, was said to have "missing values".
 */
class LauncherDroppedRowsNoteTest {
  @TempDir
  Path dir;

  /** Two classes apart on x, with {@code extra} rows appended. */
  private Path data(String name, String extra) throws Exception {
    StringBuilder text = new StringBuilder("x,z,kind\n");
    for (int i = 0; i < 30; i++) {
      text.append(i % 2 * 4 + Math.sin(i)).append(',').append(Math.cos(i)).append(',')
          .append(i % 2 == 0 ? "cat" : "dog").append('\n');
    }
    return Files.writeString(dir.resolve(name), text + extra);
  }

  @Test
  void aNumberBeyondFloat32IsNotCalledAMissingValue() throws Exception {
    Outcome beyond = launch("--csv", data("big.csv", "1e39,0.5,cat\n").toString(), "--label",
        "kind", "--dtype", "float32", "--missing", "drop", "--epochs", "1");
    assertEquals(0, beyond.code(), beyond.err());
    assertTrue(beyond.out().startsWith("big.csv: left out 1 row with a number beyond float32's"
        + " range (--missing drop; --dtype float64 reads such numbers)\n"), beyond.out());
    Outcome both = launch("--csv", data("mixed.csv", "1e39,0.5,cat\nNA,0.5,dog\n").toString(),
        "--label", "kind", "--dtype", "float32", "--missing", "drop", "--epochs", "1");
    assertEquals(0, both.code(), both.err());
    assertTrue(both.out().startsWith("mixed.csv: left out 2 rows: 1 with missing values, 1 with"
        + " a number beyond float32's range (--missing drop; --dtype float64 reads such"
        + " numbers)\n"), both.out());
  }

  @Test
  void withoutDropTheRefusalNamesTheTypeThatReadsTheNumber() throws Exception {
    Outcome refused = launch("--csv", data("big.csv", "1e39,0.5,cat\n").toString(), "--label",
        "kind", "--dtype", "float32", "--epochs", "1");
    assertEquals(1, refused.code(), refused.out());
    assertTrue(refused.err().contains("; --dtype float64 reads it, and --missing drop leaves such"
        + " rows out"), refused.err());
  }
}
