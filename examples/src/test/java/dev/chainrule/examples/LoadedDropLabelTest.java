package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --drop} of the label column is refused with {@code --load} as without it. Without it the
 * header's reading refuses it (exit 2); with it, the loaded model named its label itself, and the
 * run went on (exit 0), still training on the column the command line asked to leave out.
 */
class LoadedDropLabelTest {
  @TempDir
  Path dir;

  @Test
  void droppingTheLabelIsAUsageErrorWithOrWithoutLoad() throws IOException {
    StringBuilder text = new StringBuilder("id,weight,height,kind\n");
    for (int i = 0; i < 60; i++) {
      boolean dog = i % 2 == 1;
      text.append(i).append(',').append((dog ? 20 : 4) + Math.sin(i)).append(',')
          .append((dog ? 50 : 25) + 2 * Math.cos(i)).append(',').append(dog ? "dog" : "cat")
          .append('\n');
    }
    Path csv = Files.writeString(dir.resolve("pets.csv"), text);
    String saved = dir.resolve("pets.safetensors").toString();
    assertEquals(0, Cli.run("train", "--csv", csv.toString(), "--label", "kind", "--drop", "id",
        "--epochs", "2", "--save", saved, "--out", dir.resolve("a").toString()).exitCode());

    Cli.Result fresh = Cli.run("train", "--csv", csv.toString(), "--label", "kind", "--drop",
        "kind", "--out", dir.resolve("b").toString());
    assertEquals(2, fresh.exitCode(), fresh.err());
    assertTrue(fresh.err().contains("\"kind\" is the label column; it cannot be dropped"),
        fresh.err());

    for (String epochs : new String[] {"1", "0"}) {
      Cli.Result loaded = Cli.run("train", "--csv", csv.toString(), "--load", saved, "--drop",
          "id,kind", "--epochs", epochs, "--out", dir.resolve("c" + epochs).toString());
      assertEquals(2, loaded.exitCode(), epochs + ": " + loaded.out() + loaded.err());
      assertTrue(loaded.err().startsWith("error: --drop: \"kind\" is the label column of"
          + " pets.safetensors's model; it cannot be dropped"), loaded.err());
    }
  }
}
