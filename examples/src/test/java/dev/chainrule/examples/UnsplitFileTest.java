package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.optim.checkpoint.Checkpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.model.ModelDescription;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A described model whose description records no split, as code of one's own writes it (the
 * README's checkpoint example names its model "iris" and gives no split), is tested on the
 * command's own split, which may hold rows it trained on: {@code iris --load F --epochs 0} printed
 * that test score without a word. It now says so; a file the program saved, whose split is
 * recorded and taken up, gets no such note.
 */
class UnsplitFileTest {
  private static final String NOTE = "note: iris.safetensors records no split of its rows (its"
      + " description has no \"split\": written by code of one's own or another tool): this run"
      + " tests it on its own split (seed 42, test fraction 0.25), which may hold rows the model"
      + " trained on, so its test score may flatter it";

  @TempDir
  Path dir;

  @Test
  void aFileWithoutASplitIsScoredWithANote() throws IOException {
    Path file = dir.resolve("iris.safetensors");
    Cli.Result saved = Cli.run("iris", "--epochs", "2", "--save", file.toString(), "--out",
        dir.resolve("a").toString());
    assertEquals(0, saved.exitCode(), saved.err());
    Cli.Result recorded = Cli.run("iris", "--load", file.toString(), "--epochs", "0", "--out",
        dir.resolve("b").toString());
    assertEquals(0, recorded.exitCode(), recorded.err());
    assertFalse(recorded.out().contains("records no split"), recorded.out());

    // The same weights, described as code of one's own describes them: no split.
    Checkpoint checkpoint = SafeTensors.read(file);
    Map<String, String> metadata = new LinkedHashMap<>(checkpoint.metadata());
    ModelDescription withSplit = ModelDescription.fromJson(metadata.get("chainrule.model"),
        "iris");
    metadata.put("chainrule.model", withSplit.withSplit(null).toJson());
    SafeTensors.write(file, checkpoint.tensors(), metadata);

    Cli.Result unsplit = Cli.run("iris", "--load", file.toString(), "--epochs", "0", "--out",
        dir.resolve("c").toString());
    assertEquals(0, unsplit.exitCode(), unsplit.err());
    assertTrue(unsplit.out().lines().anyMatch(NOTE::equals), unsplit.out());
    // With --json the note goes to standard error, with the other notes.
    Cli.Result json = Cli.run("iris", "--load", file.toString(), "--epochs", "0", "--json",
        "--out", dir.resolve("d").toString());
    assertEquals(0, json.exitCode(), json.err());
    assertTrue(json.err().lines().anyMatch(NOTE::equals), json.err());
  }
}
