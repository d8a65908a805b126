package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * predict on a file whose label column is there but holds no label: it said nothing, and its JSON
 * summary had no "scored", as for a file without the column, so a script could not tell "no label
 * column" from "nothing scored". Now a note says so, and "scored" is 0.
 */
class PredictUnlabelledTest {
  @TempDir
  Path dir;

  private Path model() throws IOException {
    StringBuilder rows = new StringBuilder("a,b,label\n");
    for (int i = 0; i < 40; i++) {
      rows.append(i % 2 * 4 + Math.sin(i)).append(',').append(Math.cos(i)).append(',')
          .append(i % 2 == 0 ? "no" : "yes").append('\n');
    }
    Path data = Files.writeString(dir.resolve("train.csv"), rows);
    Path model = dir.resolve("m.safetensors");
    Cli.Result trained = Cli.run("train", "--csv", data.toString(), "--label", "label",
        "--epochs", "1", "--save", model.toString(), "--out", dir.resolve("out").toString());
    assertEquals(0, trained.exitCode(), trained.err());
    return model;
  }

  @Test
  void aLabelColumnWithoutALabelIsNotedAndScoresNone() throws IOException {
    Path model = model();
    Path none = Files.writeString(dir.resolve("none.csv"), "a,b,label\n1,1,NA\n2,2,\n");
    Cli.Result text = Cli.run("predict", "--load", model.toString(), "--csv", none.toString());
    assertEquals(0, text.exitCode(), text.err());
    assertTrue(text.err().contains("note: none of the 2 rows has a label (column \"label\" is"
        + " empty, NA or infinite): they are predicted, not scored"), text.err());

    Cli.Result json = Cli.run("predict", "--load", model.toString(), "--csv", none.toString(),
        "--json");
    assertEquals(0, json.exitCode(), json.err());
    Map<String, Object> summary = json.json();
    assertEquals(0.0, summary.get("scored"), summary.toString());
    assertFalse(summary.containsKey("accuracy"), summary.toString());

    // Without the column, nothing is said and there is no "scored": that is the difference.
    Path without = Files.writeString(dir.resolve("without.csv"), "a,b\n1,1\n2,2\n");
    Cli.Result bare = Cli.run("predict", "--load", model.toString(), "--csv", without.toString(),
        "--json");
    assertFalse(bare.json().containsKey("scored"), bare.out());
  }
}
