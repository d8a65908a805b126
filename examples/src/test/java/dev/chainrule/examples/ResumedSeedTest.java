package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chainrule.examples.run.LoadedSeed;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.train.SavedRunMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run resumed from a saved model goes on with its run's seed, which draws the batch orders and
 * the validation rows. Only a split's seed was recorded: {@code fashion-mnist --load F} (whose
 * test images are their own) went on with seed 42 whatever its run's, 12 of 20 tensors up to
 * 5e-3 away from one uninterrupted run's, and took a contradicting {@code --seed}. {@code xor
 * --load F} recorded neither its epochs nor its batch size: it restarted at epoch 1.
 */
class ResumedSeedTest {
  private static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

  @TempDir
  Path dir;

  private String path(String name) {
    return dir.resolve(name).toString();
  }

  private Map<String, ?> tensors(String name) throws IOException {
    return SafeTensors.read(dir.resolve(name)).tensors();
  }

  /** Runs the command (trailing arguments after its name), failing the test on its failure. */
  private Cli.Result run(String... args) {
    Cli.Result r = Cli.run(args);
    assertEquals(0, r.exitCode(), r.err());
    return r;
  }

  private static String[] with(List<String> first, String... more) {
    return Stream.concat(first.stream(), Stream.of(more)).toArray(String[]::new);
  }

  @Test
  void fashionMnistResumesWithItsRunsSeed() throws IOException {
    assumeTrue(Files.exists(FASHION.resolve("train-images-idx3-ubyte.gz")),
        "Fashion-MNIST is not installed");
    List<String> fashion = List.of("fashion-mnist", "--limit", "600", "--hidden", "16");
    run(with(fashion, "--seed", "4", "--epochs", "4", "--save", path("full.st"), "--out",
        path("a")));
    run(with(fashion, "--seed", "4", "--epochs", "2", "--save", path("part.st"), "--out",
        path("b")));
    assertEquals("4", SafeTensors.list(dir.resolve("part.st")).metadata().get(LoadedSeed.KEY));
    Cli.Result resumed = run("fashion-mnist", "--load", path("part.st"), "--epochs", "2",
        "--save", path("res.st"), "--out", path("c"));
    assertFalse(resumed.out().contains("note:"), resumed.out());
    // Exact: the same weights, optimizer state and batch orders, the same arithmetic.
    assertEquals(tensors("full.st"), tensors("res.st"), "bit for bit");
    assertEquals("4", SafeTensors.list(dir.resolve("res.st")).metadata().get(LoadedSeed.KEY));

    Cli.Result other = Cli.run("fashion-mnist", "--load", path("part.st"), "--seed", "99",
        "--epochs", "2", "--out", path("d"));
    assertEquals(2, other.exitCode(), other.err());
    assertTrue(other.err().contains("--seed 99 contradicts part.st, whose run trained with seed"
        + " 4 (another draws other batch orders and validation rows than one uninterrupted run);"
        + " leave out --seed"), other.err());
    // The file's own seed named again agrees with it.
    run("fashion-mnist", "--load", path("part.st"), "--seed", "4", "--epochs", "0", "--out",
        path("e"));
  }

  @Test
  void xorResumesAsOneUninterruptedRun() throws IOException {
    // Batch size 1: the batch orders decide the steps (at 4, every epoch is one full batch).
    List<String> xor = List.of("xor", "--seed", "3", "--batch-size", "1");
    run(with(xor, "--epochs", "30", "--save", path("full.st"), "--out", path("a")));
    run(with(xor, "--epochs", "10", "--save", path("part.st"), "--out", path("b")));
    Map<String, String> saved = SafeTensors.list(dir.resolve("part.st")).metadata();
    assertEquals("10", saved.get(ModelCheckpoint.EPOCH_KEY));
    assertEquals("1", saved.get(SavedRunMetadata.BATCH_SIZE_KEY));
    assertEquals("3", saved.get(LoadedSeed.KEY));
    Cli.Result resumed = run("xor", "--load", path("part.st"), "--epochs", "20", "--save",
        path("res.st"), "--out", path("c"), "--json");
    assertEquals(11.0, resumed.number("first_epoch"), resumed.out());
    assertEquals(20.0, resumed.number("epochs"), resumed.out());
    assertFalse(resumed.err().contains("note:"), resumed.err());
    assertEquals(tensors("full.st"), tensors("res.st"), "bit for bit");
    assertEquals("30", SafeTensors.list(dir.resolve("res.st")).metadata()
        .get(ModelCheckpoint.EPOCH_KEY));

    Cli.Result text = run("xor", "--load", path("part.st"), "--epochs", "20", "--out",
        path("d"));
    assertTrue(text.out().contains("loaded " + path("part.st") + " (10 epochs trained; this run"
        + " trains epochs 11 to 30)"), text.out());

    Cli.Result other = Cli.run("xor", "--load", path("part.st"), "--seed", "5", "--epochs", "1",
        "--out", path("e"));
    assertEquals(2, other.exitCode(), other.err());
    // xor holds out no validation rows: only the batch orders would differ.
    assertTrue(other.err().contains("--seed 5 contradicts part.st, whose run trained with seed 3"
        + " (another draws other batch orders than one uninterrupted run)"), other.err());
  }

  /**
   * A file saved before the seed was recorded loads as before, with the command's default (or
   * {@code --seed}'s), and says that its batch orders may differ; its run's seed given ends as
   * one uninterrupted run.
   */
  @Test
  void aFileWithoutTheEntryTakesTheDefaultWithANote() throws IOException {
    List<String> xor = List.of("xor", "--seed", "3", "--batch-size", "1");
    run(with(xor, "--epochs", "30", "--save", path("full.st"), "--out", path("a")));
    run(with(xor, "--epochs", "10", "--save", path("part.st"), "--out", path("b")));
    var part = SafeTensors.read(dir.resolve("part.st"));
    Map<String, String> older = new LinkedHashMap<>(part.metadata());
    older.remove(LoadedSeed.KEY);
    SafeTensors.writeWithInt64(dir.resolve("old.st"), part.tensors(), older, Set.of());

    Cli.Result old = run("xor", "--load", path("old.st"), "--epochs", "20", "--save",
        path("old-res.st"), "--out", path("c"));
    assertTrue(old.out().contains("note: old.st records no seed (saved by an older chainrule):"
        + " this run trains with seed 7 (--seed's default); unless its run did too, the batch"
        + " orders differ from one uninterrupted run's (give its --seed)"), old.out());
    assertNotEquals(tensors("full.st"), tensors("old-res.st"));

    Cli.Result named = run("xor", "--load", path("old.st"), "--seed", "3", "--epochs", "20",
        "--save", path("named-res.st"), "--out", path("d"));
    assertFalse(named.out().contains("note:"), named.out());
    assertEquals(tensors("full.st"), tensors("named-res.st"), "bit for bit");

    // Saved again untrained, a file that lacked the seed still lacks it: this run's is a guess.
    run("xor", "--load", path("old.st"), "--epochs", "0", "--save", path("again.st"), "--out",
        path("e"));
    assertFalse(SafeTensors.list(dir.resolve("again.st")).metadata().containsKey(LoadedSeed.KEY));

    // An entry that is no seed (edited by hand) is not taken up, and said so.
    older.put(LoadedSeed.KEY, "three");
    SafeTensors.writeWithInt64(dir.resolve("edited.st"), part.tensors(), older, Set.of());
    Cli.Result edited = run("xor", "--load", path("edited.st"), "--epochs", "1", "--out",
        path("f"));
    assertTrue(edited.out().contains("note: edited.st: its \"chainrule.seed\" metadata (three)"
        + " is not a seed; this run trains with seed 7 (--seed's default)"), edited.out());
  }
}
