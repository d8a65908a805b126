package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.train.SavedRunMetadata;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run resumed from a saved model trains in its batch size. The file did not record it, so
 * {@code --load F --epochs N} went back to the default without a word, and a run saved with
 * {@code --batch-size 8} and resumed did not end as one uninterrupted run, which the README
 * promises bit for bit.
 */
class ResumedBatchSizeTest {
  @TempDir
  Path dir;

  private String path(String name) {
    return dir.resolve(name).toString();
  }

  @Test
  void aResumedRunTrainsInTheFilesBatchSize() throws IOException {
    assertEquals(0, Cli.run("iris", "--epochs", "4", "--batch-size", "8", "--save",
        path("four.safetensors"), "--out", path("a")).exitCode());
    assertEquals(0, Cli.run("iris", "--epochs", "2", "--batch-size", "8", "--save",
        path("two.safetensors"), "--out", path("b")).exitCode());
    assertEquals("8", SafeTensors.list(dir.resolve("two.safetensors")).metadata()
        .get(SavedRunMetadata.BATCH_SIZE_KEY));
    Cli.Result resumed = Cli.run("iris", "--load", path("two.safetensors"), "--epochs", "2",
        "--save", path("more.safetensors"), "--out", path("c"));
    assertEquals(0, resumed.exitCode(), resumed.err());
    assertTrue(resumed.out().contains(", batch 8, 2 epochs;"), resumed.out());
    assertFalse(resumed.out().contains("note:"), resumed.out());
    assertEquals(SafeTensors.read(dir.resolve("four.safetensors")).tensors(),
        SafeTensors.read(dir.resolve("more.safetensors")).tensors(), "bit for bit");
    assertEquals("8", SafeTensors.list(dir.resolve("more.safetensors")).metadata()
        .get(SavedRunMetadata.BATCH_SIZE_KEY));

    // Another size is honoured, with a note; under --json on standard error, as the
    // optimizer's note goes.
    Cli.Result other = Cli.run("iris", "--load", path("two.safetensors"), "--epochs", "2",
        "--batch-size", "16", "--save", path("other.safetensors"), "--out", path("d"), "--json");
    assertEquals(0, other.exitCode(), other.err());
    assertTrue(other.err().contains("note: two.safetensors: its run trained in batches of 8;"
        + " --batch-size 16 draws other batches than one uninterrupted run would"), other.err());
    assertEquals(1, other.out().strip().lines().count(), other.out());
    assertNotEquals(SafeTensors.read(dir.resolve("four.safetensors")).tensors(),
        SafeTensors.read(dir.resolve("other.safetensors")).tensors());
    assertEquals("16", SafeTensors.list(dir.resolve("other.safetensors")).metadata()
        .get(SavedRunMetadata.BATCH_SIZE_KEY));

    // Saved again without training, the file keeps its size.
    assertEquals(0, Cli.run("iris", "--load", path("two.safetensors"), "--epochs", "0",
        "--save", path("again.safetensors"), "--out", path("e")).exitCode());
    assertEquals("8", SafeTensors.list(dir.resolve("again.safetensors")).metadata()
        .get(SavedRunMetadata.BATCH_SIZE_KEY));
  }

  /** A file saved before the size was recorded trains as before, in the default, and says so. */
  @Test
  void aFileWithoutTheEntryTakesTheDefaultWithANote() throws IOException {
    assertEquals(0, Cli.run("iris", "--epochs", "2", "--batch-size", "8", "--save",
        path("two.safetensors"), "--out", path("a")).exitCode());
    var two = SafeTensors.read(dir.resolve("two.safetensors"));
    Map<String, String> older = new LinkedHashMap<>(two.metadata());
    older.remove(SavedRunMetadata.BATCH_SIZE_KEY);
    SafeTensors.writeWithInt64(dir.resolve("old.safetensors"), two.tensors(), older, Set.of());
    Cli.Result old = Cli.run("iris", "--load", path("old.safetensors"), "--epochs", "1",
        "--out", path("b"));
    assertEquals(0, old.exitCode(), old.err());
    assertTrue(old.out().contains(", batch 16, 1 epoch;"), old.out());
    assertTrue(old.out().contains("note: old.safetensors records no batch size (saved by an"
        + " older chainrule): this run trains in batches of 16 (--batch-size's default)"),
        old.out());
    // Named on the command line, the size is the user's: nothing to say.
    Cli.Result named = Cli.run("iris", "--load", path("old.safetensors"), "--epochs", "1",
        "--batch-size", "8", "--out", path("c"));
    assertEquals(0, named.exitCode(), named.err());
    assertFalse(named.out().contains("note:"), named.out());

    // An entry that is no size (edited by hand) is not taken up, and said so.
    older.put(SavedRunMetadata.BATCH_SIZE_KEY, "-3");
    SafeTensors.writeWithInt64(dir.resolve("edited.safetensors"), two.tensors(), older,
        Set.of());
    Cli.Result edited = Cli.run("iris", "--load", path("edited.safetensors"), "--epochs", "1",
        "--out", path("d"));
    assertEquals(0, edited.exitCode(), edited.err());
    assertTrue(edited.out().contains("note: edited.safetensors: its \"chainrule.batch_size\""
        + " metadata (-3) is not a batch size; this run trains in batches of 16 (--batch-size's"
        + " default)"), edited.out());
  }
}
