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
 * A refused command leaves no {@code --out} folder behind, and the refusals of {@code --out} say
 * what is wrong. The folder was created by its check, before the checks of {@code --save} and of
 * the data: {@code iris --save s4 --out s4} was refused as "--save s4 is a folder" and left s4,
 * empty, created by the refusal itself; a dangling link as {@code --out} was called a file.
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

  /** Refusals after the --out check, of options and of the data, create no folder. */
  @Test
  void laterRefusalsLeaveNoFolder() throws IOException {
    Path out = dir.resolve("new").resolve("deep");
    Cli.Result picture = Cli.run("iris", "--epochs", "2", "--out", out.toString(), "--save",
        out.resolve("m.png").toString());
    assertEquals(2, picture.exitCode(), picture.err());
    Path csv = Files.writeString(dir.resolve("d.csv"), "a,b\n1,2\n3,4\n");
    Cli.Result data = Cli.run("train", "--csv", csv.toString(), "--label", "nope", "--epochs",
        "1", "--out", out.toString());
    assertEquals(2, data.exitCode(), data.err());
    assertTrue(data.err().contains("no column named \"nope\""), data.err());
    Cli.Result graph = Cli.run("graph", "--out", out.toString(), "--batch-size", "0");
    assertEquals(2, graph.exitCode(), graph.err());
    assertFalse(Files.exists(dir.resolve("new")), "no folder left by a refusal");
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
