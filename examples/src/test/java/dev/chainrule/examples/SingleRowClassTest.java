package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A label with a typo (ye"s among yes and no) made a class of one row: it became an output of
 * the network and a row and column of the confusion matrix, was never among the test rows, and
 * train said nothing of it.
 */
class SingleRowClassTest {
  @TempDir
  Path dir;

  @Test
  void aClassOfOneRowIsWarnedOfWithItsLine() throws IOException {
    StringBuilder labelled = new StringBuilder("a,y\n");
    for (int i = 0; i < 40; i++) {
      labelled.append(i).append(',').append(i == 4 ? "ye\"s" : i < 20 ? "no" : "yes")
          .append('\n');
    }
    Cli.Result trained = Cli.run("train", "--csv",
        Files.writeString(dir.resolve("q.csv"), labelled).toString(), "--label", "y",
        "--epochs", "1", "--out", dir.resolve("out").toString());
    assertEquals(0, trained.exitCode(), trained.err());
    assertEquals(List.of("warning: class ye\"s has a single row (line 6 of q.csv): a class needs"
        + " several rows to be both learned and tested; if its label is a typo, correct it"),
        trained.out().lines().filter(l -> l.startsWith("warning: class")).toList());
  }
}
