package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    Checkpoint read = SafeTensors.read(saved);
    Map<String, String> metadata = new LinkedHashMap<>(read.metadata());
    metadata.put("chainrule.spark.step", step);
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
}
