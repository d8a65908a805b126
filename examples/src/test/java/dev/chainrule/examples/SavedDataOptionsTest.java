package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.optim.checkpoint.Checkpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a saved file holds of its run's data, and what {@code --save} may replace: fashion-mnist's
 * {@code --limit} is recorded, taken again when a loaded run gives none and refused when it gives
 * another (the run went on training on other images and validating on other rows); {@code
 * --save} replaces a checkpoint (how a resumed run saves) but not another kind of file.
 */
class SavedDataOptionsTest {
  @TempDir
  Path dir;

  private String path(String name) {
    return dir.resolve(name).toString();
  }

  /** Fashion-MNIST's four files with 40 images of 28×28 in each set, classes 0 to 9 in turn. */
  private Path images() throws IOException {
    return images(dir);
  }

  /** The four files of {@link #images()} in {@code dir}'s folder fashion. */
  static Path images(Path dir) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("fashion"));
    int count = 40;
    for (String set : new String[] {"train", "t10k"}) {
      ByteArrayOutputStream images = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(images);
      out.writeInt(0x803);
      out.writeInt(count);
      out.writeInt(28);
      out.writeInt(28);
      for (int i = 0; i < count * 28 * 28; i++) {
        out.writeByte(i * 37 % 256);
      }
      Files.write(folder.resolve(set + "-images-idx3-ubyte"), images.toByteArray());
      ByteArrayOutputStream labels = new ByteArrayOutputStream();
      DataOutputStream labelsOut = new DataOutputStream(labels);
      labelsOut.writeInt(0x801);
      labelsOut.writeInt(count);
      for (int i = 0; i < count; i++) {
        labelsOut.writeByte(i % 10);
      }
      Files.write(folder.resolve(set + "-labels-idx1-ubyte"), labels.toByteArray());
    }
    return folder;
  }

  private Cli.Result fashion(Path data, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("fashion-mnist", "--data",
        data.toString(), "--hidden", "4", "--epochs", "1", "--out", path("o")));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void fashionMnistsLimitIsSavedTakenAgainAndHeldToTheFile() throws IOException {
    Path data = images();
    Cli.Result first = fashion(data, "--limit", "20", "--validation", "0.5", "--save",
        path("fm.st"));
    assertEquals(0, first.exitCode(), first.err());
    // Half of each class's 2 images validates.
    assertTrue(first.out().contains("10 training, 10 validation and 40 test samples"),
        first.out());
    assertEquals("20", SafeTensors.list(dir.resolve("fm.st")).metadata().get("chainrule.limit"));
    Cli.Result listed = Cli.run("inspect", path("fm.st"));
    assertTrue(listed.out().contains("  chainrule.limit = 20"), listed.out());

    // No --limit: the file's 20 images and the same 10 validation rows, not 20 of all 40.
    Cli.Result resumed = fashion(data, "--load", path("fm.st"));
    assertEquals(0, resumed.exitCode(), resumed.err());
    assertTrue(resumed.out().contains("10 training, 10 validation and 40 test samples"),
        resumed.out());
    assertEquals(0, fashion(data, "--load", path("fm.st"), "--limit", "20").exitCode());

    Cli.Result other = fashion(data, "--load", path("fm.st"), "--limit", "30");
    assertEquals(2, other.exitCode(), other.err());
    assertEquals(List.of("error: --limit 30 contradicts fm.st, whose run used the first 20"
        + " training images (others would go on training on other images and validate on other"
        + " rows) (see 'chainrule fashion-mnist --help')"), other.err().lines().toList());

    // A run of every image records them all: a --limit beyond them uses them all too.
    assertEquals(0, fashion(data, "--save", path("all.st")).exitCode());
    assertEquals("40", SafeTensors.list(dir.resolve("all.st")).metadata()
        .get("chainrule.limit"));
    assertEquals(0, fashion(data, "--load", path("all.st"), "--limit", "1000").exitCode());
    assertEquals(2, fashion(data, "--load", path("all.st"), "--limit", "10").exitCode());
  }

  /** A file saved before the limit was recorded keeps the command line's --limit, as before. */
  @Test
  void aFileWithoutTheLimitKeepsTheCommandLines() throws IOException {
    Path data = images();
    assertEquals(0, fashion(data, "--limit", "20", "--save", path("fm.st")).exitCode());
    Checkpoint file = SafeTensors.read(dir.resolve("fm.st"));
    Map<String, String> metadata = new LinkedHashMap<>(file.metadata());
    metadata.remove("chainrule.limit");
    SafeTensors.write(dir.resolve("old.st"), file.tensors(), metadata);
    Cli.Result other = fashion(data, "--load", path("old.st"), "--limit", "30");
    assertEquals(0, other.exitCode(), other.err());
    assertTrue(other.out().contains("30 training and 40 test samples"), other.out());
    assertFalse(other.out().contains("records no count of the training images"), other.out());

    // Without --limit it takes every image, as a file saved before 97239bfd did, and says so.
    Cli.Result all = fashion(data, "--load", path("old.st"));
    assertEquals(0, all.exitCode(), all.err());
    assertTrue(all.out().contains("40 training and 40 test samples"), all.out());
    assertTrue(all.out().contains("note: old.st records no count of the training images its run"
        + " used (no \"chainrule.limit\" metadata"), all.out());
    assertTrue(all.out().contains("this run trains on all 40; if its run used fewer, give its"
        + " --limit"), all.out());
  }

  /**
   * {@code --save} over a checkpoint (the one loaded, or any) replaces it; over a file of
   * another kind it is refused before the run, where a data file was lost with exit 0.
   */
  @Test
  void saveReplacesCheckpointsOnly() throws IOException {
    assertEquals(0, Cli.run("iris", "--epochs", "1", "--save", path("m.st"), "--out", path("o"))
        .exitCode());
    Cli.Result resumed = Cli.run("iris", "--load", path("m.st"), "--epochs", "1", "--save",
        path("m.st"), "--out", path("o"));
    assertEquals(0, resumed.exitCode(), resumed.err());
    assertEquals("2", SafeTensors.list(dir.resolve("m.st")).metadata().get("epoch"));
    // An empty file holds nothing to lose.
    Files.createFile(dir.resolve("empty.st"));
    assertEquals(0, Cli.run("iris", "--epochs", "1", "--save", path("empty.st"), "--out",
        path("o")).exitCode());
    assertTrue(Files.size(dir.resolve("empty.st")) > 0);

    Path data = Files.writeString(dir.resolve("measurements.csv"), "a,b\n1,2\n",
        StandardCharsets.UTF_8);
    Cli.Result refused = Cli.run("iris", "--epochs", "1", "--save", data.toString(), "--out",
        path("o"));
    assertEquals(2, refused.exitCode(), refused.err());
    assertEquals(List.of("error: --save " + data + " would replace a file that is not a"
        + " safetensors checkpoint; give the path of a new file, or of a checkpoint to replace"
        + " (remove the file first if it is meant to go) (see 'chainrule iris --help')"),
        refused.err().lines().toList());
    assertEquals("a,b\n1,2\n", Files.readString(data), "left as it was");
  }
}
