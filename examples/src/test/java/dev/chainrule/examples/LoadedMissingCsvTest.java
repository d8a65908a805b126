package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --load} with a {@code --csv} that does not exist, or is a folder, is refused for
 * that, whatever --label says. Compared with a header it does not have, {@code --label -1} (the
 * model's own label) was said to contradict the model, and then taken for a pipe's option.
 */
class LoadedMissingCsvTest {
  @TempDir
  Path dir;

  @Test
  void aMissingFileOrAFolderIsRefusedAsSuchWithAPositionalLabel() throws IOException {
    StringBuilder text = new StringBuilder("weight,height,kind\n");
    for (int i = 0; i < 40; i++) {
      boolean dog = i % 2 == 1;
      text.append((dog ? 20 : 4) + Math.sin(i)).append(',').append((dog ? 50 : 25) + Math.cos(i))
          .append(',').append(dog ? "dog" : "cat").append('\n');
    }
    Path csv = Files.writeString(dir.resolve("pets.csv"), text);
    String saved = dir.resolve("pets.safetensors").toString();
    assertEquals(0, Cli.run("train", "--csv", csv.toString(), "--label", "kind", "--epochs", "1",
        "--save", saved, "--out", dir.resolve("a").toString()).exitCode());
    // As without --load: a missing file is the reading's refusal (1), a folder a usage error (2).
    refused(saved, dir.resolve("nosuch.csv"), 1, "no such file");
    refused(saved, dir, 2, "is a folder, not a file");
  }

  private void refused(String saved, Path csv, int exitCode, String why) {
    Cli.Result run = Cli.run("train", "--csv", csv.toString(), "--load", saved, "--label", "-1",
        "--epochs", "1", "--out", dir.resolve("b").toString());
    assertEquals(exitCode, run.exitCode(), run.out() + run.err());
    assertTrue(run.err().contains("--csv " + csv + ": " + why)
        || run.err().contains("--csv " + csv + " " + why), run.err());
    assertFalse(run.err().contains("contradicts") || run.err().contains("pipe"), run.err());
  }
}
