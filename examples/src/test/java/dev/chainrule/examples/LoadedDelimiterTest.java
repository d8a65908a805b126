package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wrong --delimiter where a loaded model names the columns (train --load, predict) gets the
 * hint and exit code train --csv gives: the file's one column holds the real delimiter.
 */
class LoadedDelimiterTest {
  @TempDir
  Path dir;

  @Test
  void aWrongDelimiterIsNamedWithALoadedModel() throws IOException {
    StringBuilder text = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 20; i++) {
      text.append(i % 2 * 4 + Math.sin(i)).append(',').append(Math.cos(i)).append(',')
          .append(i % 2).append('\n');
    }
    Path csv = Files.writeString(dir.resolve("c.csv"), text);
    String model = dir.resolve("m.st").toString();
    String out = dir.resolve("o").toString();
    assertEquals(0, Cli.run("train", "--csv", csv.toString(), "--label", "y", "--epochs", "1",
        "--save", model, "--out", out).exitCode());
    Cli.Result fresh = Cli.run("train", "--csv", csv.toString(), "--label", "y",
        "--delimiter", ";", "--out", out);
    String hint = "is ',' the file's delimiter?";
    assertEquals(2, fresh.exitCode(), fresh.err());
    assertTrue(fresh.err().contains(hint), fresh.err());

    Cli.Result resumed = Cli.run("train", "--csv", csv.toString(), "--label", "y", "--load",
        model, "--delimiter", ";", "--epochs", "1", "--out", out);
    // Without --label, the loaded model's label is the column looked for.
    Cli.Result unlabelled = Cli.run("train", "--csv", csv.toString(), "--load", model,
        "--delimiter", ";", "--epochs", "1", "--out", out);
    Cli.Result predicted = Cli.run("predict", "--load", model, "--csv", csv.toString(),
        "--delimiter", ";");
    assertAll(() -> assertEquals(2, resumed.exitCode(), resumed.err()),
        () -> assertTrue(resumed.err().contains(hint), resumed.err()),
        () -> assertEquals(2, unlabelled.exitCode(), unlabelled.err()),
        () -> assertTrue(unlabelled.err().contains(hint), unlabelled.err()),
        () -> assertEquals(2, predicted.exitCode(), predicted.err()),
        () -> assertTrue(predicted.err().contains(hint), predicted.err()));
  }
}
