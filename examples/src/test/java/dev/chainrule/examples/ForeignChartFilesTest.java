package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
 * A file under a chart's name (or graph.dot) that the program did not write is refused before the
 * work, as {@code --save} refuses a file that is no checkpoint and {@code predict --output} one it
 * did not write. With {@code ln -s ../victim.csv o2/loss.png} and a note saved as
 * o2/accuracy.png, {@code train ... --out o2} ended with exit 0, victim.csv holding PNG data and
 * the note overwritten: the charts' writes follow links, and only writability was checked. The
 * same held for {@code graph --out og2} with og2/graph.dot a link. The program's own files are
 * still replaced without a word, as reruns into one folder are the usual case.
 */
class ForeignChartFilesTest {
  @TempDir
  Path dir;

  /** Links the test needs; a file system that refuses them skips the test. */
  private static void link(Path link, Path target) throws IOException {
    try {
      Files.createSymbolicLink(link, target);
    } catch (UnsupportedOperationException | IOException e) {
      assumeTrue(false, "symbolic links refused here: " + e);
    }
  }

  @Test
  void aChartLinkedOutsideOutIsRefusedBeforeTraining() throws IOException {
    Path victim = Files.writeString(dir.resolve("victim.csv"), "a,b\n1,2\n");
    Path out = Files.createDirectories(dir.resolve("o2"));
    link(out.resolve("loss.png"), Path.of("..", "victim.csv"));
    Path save = dir.resolve("m.safetensors");
    Cli.Result r = Cli.run("iris", "--epochs", "2", "--out", out.toString(), "--save",
        save.toString());
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertEquals("error: --out " + out + " holds a chart the program will not replace: "
        + out.resolve("loss.png") + " is a symbolic link to " + victim.toAbsolutePath()
        + ", outside the folder: writing it would replace that file; remove it or choose"
        + " another --out", r.err().strip());
    assertEquals("", r.out(), "refused before training");
    assertEquals("a,b\n1,2\n", Files.readString(victim), "the linked file is untouched");
    assertFalse(Files.exists(save), "nothing trained, nothing saved");
  }

  /**
   * A link whose ".." comes after a linked folder: the system follows sub first, so
   * sub/../photo.png is beside sub's target, outside --out (read lexically, it was inside, and a
   * PNG there was replaced).
   */
  @Test
  void aDotDotAfterALinkedFolderIsFollowedAsTheSystemFollowsIt() throws IOException {
    Path inner = Files.createDirectories(dir.resolve("vdir").resolve("inner"));
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};
    Path photo = Files.write(dir.resolve("vdir").resolve("photo.png"), png);
    Path out = Files.createDirectories(dir.resolve("u2"));
    link(out.resolve("sub"), inner);
    link(out.resolve("loss.png"), Path.of("sub", "..", "photo.png"));
    Cli.Result r = Cli.run("iris", "--epochs", "1", "--out", out.toString());
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains(out.resolve("loss.png") + " is a symbolic link to "
        + photo.toRealPath() + ", outside the folder"), r.err());
    assertArrayEquals(png, Files.readAllBytes(photo), "the photo is untouched");
  }

  /** The run's other charts are checked too, before training (TrainingRun's check). */
  @Test
  void aNoteUnderAChartsNameIsRefusedAndKept() throws IOException {
    Path out = Files.createDirectories(dir.resolve("o"));
    Files.writeString(out.resolve("accuracy.png"), "notes\n");
    Cli.Result r = Cli.run("iris", "--epochs", "2", "--out", out.toString());
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertEquals("error: --out " + out + " holds a chart the program will not replace: "
        + out.resolve("accuracy.png") + " is not a PNG picture, so the program did not write"
        + " it; remove it or choose another --out", r.err().strip());
    assertFalse(r.out().contains("epoch 1/"), "refused before training:\n" + r.out());
    assertEquals("notes\n", Files.readString(out.resolve("accuracy.png")));
    assertFalse(Files.exists(out.resolve("loss.png")), "no chart drawn");
  }

  /** The signature is the format's: a text file as loss.svg is refused under --format svg. */
  @Test
  void otherFormatsAreToldByTheirOwnStart() throws IOException {
    Path out = Files.createDirectories(dir.resolve("o"));
    Files.writeString(out.resolve("loss.svg"), "not a picture\n");
    Cli.Result r = Cli.run("iris", "--epochs", "1", "--format", "svg", "--out", out.toString());
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains(out.resolve("loss.svg") + " is not an SVG picture"), r.err());
    assertEquals("not a picture\n", Files.readString(out.resolve("loss.svg")));
  }

  /**
   * Reruns into one folder replace its charts silently, in every format, and an empty file (a
   * {@code touch}) is replaced as nothing of anyone's.
   */
  @Test
  void theProgramsOwnChartsAreReplacedSilently() throws IOException {
    for (String format : new String[] {"png", "svg", "pdf"}) {
      Path out = dir.resolve(format);
      Cli.Result first = Cli.run("xor", "--epochs", "2", "--format", format, "--out",
          out.toString(), "--json");
      assertEquals(0, first.exitCode(), first.err());
      Files.write(out.resolve("accuracy." + format), new byte[0]);
      Cli.Result again = Cli.run("xor", "--epochs", "2", "--format", format, "--out",
          out.toString(), "--json");
      assertEquals(0, again.exitCode(), format + ": " + again.err());
      assertTrue(Files.size(out.resolve("accuracy." + format)) > 0, format + ": redrawn");
    }
  }

  /** A link that stays inside --out writes a file of the folder's: nothing outside is at risk. */
  @Test
  void aLinkInsideOutToAChartIsFollowed() throws IOException {
    Path out = dir.resolve("o");
    assertEquals(0, Cli.run("iris", "--epochs", "1", "--out", out.toString(), "--json")
        .exitCode());
    Files.createDirectories(out.resolve("old"));
    Files.move(out.resolve("loss.png"), out.resolve("old").resolve("loss.png"));
    link(out.resolve("loss.png"), Path.of("old", "loss.png"));
    Cli.Result r = Cli.run("iris", "--epochs", "1", "--out", out.toString(), "--json");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(Files.isSymbolicLink(out.resolve("loss.png")), "the link stays a link");
  }

  @Test
  void graphRefusesALinkOutsideAndAFileItDidNotWrite() throws IOException {
    Path victim = Files.writeString(dir.resolve("victim2.csv"), "x\n1\n");
    Path linked = Files.createDirectories(dir.resolve("og2"));
    link(linked.resolve("graph.dot"), Path.of("..", "victim2.csv"));
    Cli.Result r = Cli.run("graph", "--out", linked.toString());
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertEquals("error: --out " + linked + " holds a file the program will not replace: "
        + linked.resolve("graph.dot") + " is a symbolic link to " + victim.toAbsolutePath()
        + ", outside the folder: writing it would replace that file; remove it or choose"
        + " another --out", r.err().strip());
    assertEquals("x\n1\n", Files.readString(victim));

    Path noted = Files.createDirectories(dir.resolve("og3"));
    Files.writeString(noted.resolve("graph.dot"), "graph notes\n");
    Cli.Result text = Cli.run("graph", "--out", noted.toString());
    assertEquals(1, text.exitCode(), text.out() + text.err());
    assertEquals("error: --out " + noted + " holds a file the program will not replace: "
        + noted.resolve("graph.dot") + " is not a graph that begins 'digraph chainrule {', so"
        + " the program did not write it; remove it or choose another --out",
        text.err().strip());
    assertEquals("graph notes\n", Files.readString(noted.resolve("graph.dot")));
  }

  @Test
  void graphReplacesItsOwnGraph() throws IOException {
    Path out = dir.resolve("g");
    assertEquals(0, Cli.run("graph", "--out", out.toString()).exitCode());
    byte[] first = Files.readAllBytes(out.resolve("graph.dot"));
    Cli.Result again = Cli.run("graph", "--out", out.toString());
    assertEquals(0, again.exitCode(), again.err());
    assertArrayEquals(first, Files.readAllBytes(out.resolve("graph.dot")),
        "the same step's graph again");
  }
}
