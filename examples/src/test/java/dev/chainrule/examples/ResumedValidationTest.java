package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.optim.checkpoint.SafeTensors;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run resumed from a saved model holds out the rows its first run held out. With another
 * {@code --validation} it used to go on without a word: validating on rows the first run trained
 * on (which flatters the loss {@code --patience} chooses the epoch by), or training on rows it
 * had held out, and no longer matching one uninterrupted run.
 */
class ResumedValidationTest {
  @TempDir
  Path dir;

  private String path(String name) {
    return dir.resolve(name).toString();
  }

  @Test
  void aResumedRunKeepsTheFilesValidationRows() throws IOException {
    assertEquals(0, Cli.run("iris", "--epochs", "4", "--validation", "0.2", "--save",
        path("four.safetensors"), "--out", path("a")).exitCode());
    assertEquals(0, Cli.run("iris", "--epochs", "2", "--validation", "0.2", "--save",
        path("two.safetensors"), "--out", path("b")).exitCode());
    assertEquals("0.2", SafeTensors.read(dir.resolve("two.safetensors")).metadata()
        .get("chainrule.validation"));
    // Without --validation the file's share: the same rows, so the same weights as one run.
    Cli.Result resumed = Cli.run("iris", "--load", path("two.safetensors"), "--epochs", "2",
        "--save", path("more.safetensors"), "--out", path("c"));
    assertEquals(0, resumed.exitCode(), resumed.err());
    assertTrue(resumed.out().contains("90 training, 21 validation and 39 test samples"),
        resumed.out());
    assertEquals(SafeTensors.read(dir.resolve("four.safetensors")).tensors(),
        SafeTensors.read(dir.resolve("more.safetensors")).tensors(), "bit for bit");

    Cli.Result other = Cli.run("iris", "--load", path("two.safetensors"), "--epochs", "2",
        "--validation", "0.4", "--out", path("d"));
    assertEquals(2, other.exitCode(), other.out());
    assertEquals("error: --validation 0.4 contradicts two.safetensors, whose run held out 0.2 of"
        + " its training rows for validation (other rows would validate on rows it trained on);"
        + " give the same (--validation 0.2) or leave out --validation, which takes the file's"
        + " (see 'chainrule iris --help')", other.err().strip());
  }

  @Test
  void aRunThatHeldNothingOutIsNotResumedWithValidation() {
    assertEquals(0, Cli.run("iris", "--epochs", "2", "--save", path("all.safetensors"), "--out",
        path("a")).exitCode());
    Cli.Result watched = Cli.run("iris", "--load", path("all.safetensors"), "--epochs", "2",
        "--validation", "0.3", "--patience", "1", "--out", path("b"));
    assertEquals(2, watched.exitCode(), watched.out());
    assertEquals("error: --validation 0.3 contradicts all.safetensors, whose run trained on all"
        + " of its training rows (rows held out now were trained on); resume it without"
        + " --validation (see 'chainrule iris --help')", watched.err().strip());
  }
}
