package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The refusals of {@code --out} say what is wrong, before any work: {@code iris --save s4 --out
 * s4} was refused as "--save s4 is a folder" and left s4, empty, created by the check of --out;
 * a dangling link as {@code --out} was called a file.
 */
class OutFolderRefusalsTest {
  @TempDir
  Path dir;

  @Test
  void saveAndOutTheSamePathIsRefusedAndNothingCreated() {
    Path s4 = dir.resolve("s4");
    Cli.Result r = Cli.run("iris", "--epochs", "2", "--save", s4.toString(), "--out",
        s4.toString());
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().startsWith("error: --save and --out name the same path, " + s4 + ": "),
        r.err());
    assertTrue(r.err().contains("give --save a file name, such as "
        + s4.resolve("model.safetensors")), r.err());
    assertFalse(Files.exists(s4), "nothing created");
  }

  /**
   * A --save beside a new --out in a new folder: creating --out makes the folder the model goes
   * to (a version that created --out only at its first chart refused the save's folder as
   * missing).
   */
  @Test
  void aSaveBesideANewOutInANewFolderWorks() {
    Path run = dir.resolve("run1");
    Path model = run.resolve("model.safetensors");
    Cli.Result r = Cli.run("iris", "--epochs", "1", "--out", run.resolve("charts").toString(),
        "--save", model.toString(), "--json");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(Files.isRegularFile(model), "saved");
  }

  /**
   * An --out under a dangling link is refused before any work (a version that created --out
   * only at its first chart trained, then failed, and a --save there lost the model).
   */
  @Test
  void anOutUnderADanglingLinkIsRefusedBeforeTraining() throws IOException {
    Path link = dir.resolve("dlx");
    try {
      Files.createSymbolicLink(link, Path.of("nowhere2"));
    } catch (UnsupportedOperationException | IOException e) {
      assumeTrue(false, "symbolic links refused here: " + e);
    }
    Path out = link.resolve("sub");
    Cli.Result r = Cli.run("xor", "--epochs", "1", "--out", out.toString());
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().startsWith("error: --out " + out + ": cannot create the folder"), r.err());
    assertEquals("", r.out(), "nothing trained");
  }

  /** A model saved into an --out no run has written yet: the save creates the folder. */
  @Test
  void saveIntoANewOutStillWorks() {
    Path out = dir.resolve("fresh");
    Path model = out.resolve("model.safetensors");
    Cli.Result r = Cli.run("iris", "--epochs", "1", "--out", out.toString(), "--save",
        model.toString(), "--json");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(Files.isRegularFile(model), "saved");
    assertTrue(Files.isRegularFile(out.resolve("loss.png")), "charts drawn beside it");
  }

  @Test
  void aNewOutUnderAFileIsRefused() throws IOException {
    Path file = Files.writeString(dir.resolve("afile"), "x\n");
    Path out = file.resolve("sub");
    Cli.Result r = Cli.run("iris", "--epochs", "1", "--out", out.toString());
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertEquals("error: --out " + out + ": " + file + " is a file, not a folder",
        r.err().strip());
  }

  @Test
  void aDanglingLinkAsOutIsNamedAsOne() throws IOException {
    Path link = dir.resolve("dl2");
    try {
      Files.createSymbolicLink(link, Path.of("nowhere"));
    } catch (UnsupportedOperationException | IOException e) {
      assumeTrue(false, "symbolic links refused here: " + e);
    }
    Cli.Result r = Cli.run("iris", "--epochs", "1", "--out", link.toString());
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertEquals("error: --out " + link + " is a symbolic link to nowhere, which does not exist"
        + " (or is a loop of links); create the folder it names, remove the link, or choose"
        + " another --out", r.err().strip());
    assertFalse(Files.exists(dir.resolve("nowhere")), "nothing created");
  }
}
