package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.optim.checkpoint.Checkpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chainrule-spark checkpoint written inside an epoch records the epochs completed, but its
 * weights hold part of the next: train --load ran that epoch in full, training those batches
 * twice without a word. It is refused (exit 1), naming chainrule-spark --resume; the same file at
 * an epoch's end (step 0) trains on, and --epochs 0 only evaluates it.
 */
class MidEpochLoadTest {
  @TempDir
  Path dir;

  private String path(String name) {
    return dir.resolve(name).toString();
  }

  /** Train's file with the Spark launcher's entry for the next step, as its checkpoints hold. */
  private Path withSparkStep(Path saved, String step, String name) {
    return withEntries(saved, Map.of("chainrule.spark.step", step), name);
  }

  /** Train's file with {@code entries} put into its metadata. */
  private Path withEntries(Path saved, Map<String, String> entries, String name) {
    Checkpoint read = SafeTensors.read(saved);
    Map<String, String> metadata = new LinkedHashMap<>(read.metadata());
    metadata.putAll(entries);
    // Counters (Adam's step count) stay I64 as train wrote them.
    Set<String> integers = read.fileTypes().entrySet().stream()
        .filter(type -> type.getValue().equals("I64")).map(Map.Entry::getKey)
        .collect(Collectors.toSet());
    Path file = dir.resolve(name);
    SafeTensors.writeWithInt64(file, read.tensors(), metadata, integers);
    return file;
  }

  @Test
  void aFileWrittenInsideAnEpochIsNotTrainedOn() {
    assertEquals(0, Cli.run("iris", "--epochs", "2", "--save", path("two.safetensors"), "--out",
        path("a")).exitCode());
    Path inside = withSparkStep(dir.resolve("two.safetensors"), "3", "inside.safetensors");
    Cli.Result refused = Cli.run("iris", "--load", inside.toString(), "--epochs", "2", "--out",
        path("b"));
    assertEquals(1, refused.exitCode(), refused.out());
    assertEquals("error: inside.safetensors is a chainrule-spark checkpoint that stopped inside"
        + " an epoch (after 3 steps of epoch 3): its weights have trained part of that epoch,"
        + " which --load would train again in full; continue it with chainrule-spark --resume"
        + " inside.safetensors, or load a file written at the end of an epoch",
        refused.err().strip());

    Cli.Result evaluated = Cli.run("iris", "--load", inside.toString(), "--epochs", "0",
        "--out", path("c"));
    assertEquals(0, evaluated.exitCode(), evaluated.err());

    Path atEnd = withSparkStep(dir.resolve("two.safetensors"), "0", "end.safetensors");
    Cli.Result trained = Cli.run("iris", "--load", atEnd.toString(), "--epochs", "1", "--out",
        path("d"));
    assertEquals(0, trained.exitCode(), trained.err());
  }

  /**
   * The step entry is a number, not a spelling: "0.0" and " 0" are an epoch's end and train on
   * (a text comparison with "0" refused them as mid-epoch), "3.0" is a step inside one, and an
   * entry that is no count of steps is refused naming the entry and the file.
   */
  @Test
  void theStepEntryIsReadAsANumber() {
    assertEquals(0, Cli.run("iris", "--epochs", "1", "--save", path("one.safetensors"), "--out",
        path("a")).exitCode());
    Path saved = dir.resolve("one.safetensors");
    for (String end : new String[] {"0.0", " 0"}) {
      Path file = withSparkStep(saved, end, "end.safetensors");
      Cli.Result trained = Cli.run("iris", "--load", file.toString(), "--epochs", "1", "--out",
          path("end"));
      assertEquals(0, trained.exitCode(), "step '" + end + "': " + trained.err());
    }

    Path inside = withSparkStep(saved, "3.0", "inside.safetensors");
    Cli.Result refused = Cli.run("iris", "--load", inside.toString(), "--epochs", "1", "--out",
        path("inside"));
    assertEquals(1, refused.exitCode(), refused.out());
    assertTrue(refused.err().contains("stopped inside an epoch (after 3 steps of epoch 2)"),
        refused.err());

    Path damaged = withSparkStep(saved, "three", "damaged.safetensors");
    Cli.Result unread = Cli.run("iris", "--load", damaged.toString(), "--epochs", "1", "--out",
        path("damaged"));
    assertEquals(1, unread.exitCode(), unread.out());
    assertEquals("error: damaged.safetensors: the metadata's \"chainrule.spark.step\" is"
        + " \"three\", not a count of steps (the step chainrule-spark stopped at within its"
        + " epoch, 0 at an epoch's end), so whether the file continues an epoch is unknown: the"
        + " file was edited or damaged", unread.err().strip());
  }

  /**
   * The "epoch" entry is read as the step is, and as --resume reads both: "2.0" is 2 epochs
   * trained, which the run goes on from (Integer.parseInt took it for no count, said so in a
   * note and numbered the epochs from 1), and the epoch a mid-epoch file stopped in.
   */
  @Test
  void theEpochEntryIsReadAsANumber() {
    assertEquals(0, Cli.run("iris", "--epochs", "2", "--save", path("two.safetensors"), "--out",
        path("a")).exitCode());
    Path saved = dir.resolve("two.safetensors");
    Path spelled = withEntries(saved, Map.of("epoch", "2.0"), "spelled.safetensors");
    Cli.Result trained = Cli.run("iris", "--load", spelled.toString(), "--epochs", "1", "--out",
        path("b"));
    assertEquals(0, trained.exitCode(), trained.err());
    assertTrue(trained.out().contains("(2 epochs trained; this run trains epochs 3 to 3)"),
        trained.out());
    assertFalse(trained.out().contains("note:"), trained.out());

    Path inside = withEntries(saved, Map.of("epoch", "2.0", "chainrule.spark.step", "3"),
        "inside.safetensors");
    Cli.Result refused = Cli.run("iris", "--load", inside.toString(), "--epochs", "1", "--out",
        path("c"));
    assertEquals(1, refused.exitCode(), refused.out());
    assertTrue(refused.err().contains("stopped inside an epoch (after 3 steps of epoch 3)"),
        refused.err());
  }
}
