package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A column coding missing values as -999 trained as if -999 were a reading, without a word. */
class MissingValueCodeTest {
  @TempDir
  Path dir;

  @Test
  void trainNamesTheColumnAndTheCode() throws IOException {
    StringBuilder text = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 40; i++) {
      text.append(String.format(Locale.ROOT, "%.3f,%s,%s%n", Math.sin(i),
          i % 8 == 3 ? "-999" : String.valueOf(50 + i), i % 2 == 0 ? "no" : "yes"));
    }
    Cli.Result trained = Cli.run("train", "--csv",
        Files.writeString(dir.resolve("m.csv"), text).toString(), "--label", "y", "--epochs",
        "1", "--out", dir.resolve("out").toString());
    assertEquals(0, trained.exitCode(), trained.err());
    assertEquals(List.of("warning: m.csv: the feature \"b\" holds -999 in 5 of 40 rows (13%),"
        + " beyond its other values (50 to 89): a code for a missing value? If so, empty those"
        + " cells (or write NA) and leave the rows out with --missing drop; read as a number, it"
        + " squeezes the column's real values together"),
        trained.out().lines().filter(l -> l.startsWith("warning: m.csv")).toList());
  }
}
