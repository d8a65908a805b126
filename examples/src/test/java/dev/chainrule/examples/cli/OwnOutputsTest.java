package dev.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file under one of the program's names is the program's to replace when it holds what the
 * program writes there, or nothing; and when it is no link out of the output folder.
 */
class OwnOutputsTest {
  @TempDir
  Path folder;

  private Optional<String> content(String name, byte[] bytes) throws IOException {
    return OwnOutputs.foreignContent(Files.write(folder.resolve(name), bytes));
  }

  private Optional<String> content(String name, String text) throws IOException {
    return content(name, text.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void theProgramsOwnKindsAndEmptyFilesAreReplaceable() throws IOException {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
    assertEquals(Optional.empty(), content("loss.PNG", png));
    // The signature alone is the start of a PNG too.
    assertEquals(Optional.empty(), content("signature.png", java.util.Arrays.copyOf(png, 8)));
    assertEquals(Optional.empty(), content("loss.svg", "  <?xml version=\"1.0\"?>\n<svg/>"));
    assertEquals(Optional.empty(), content("loss.pdf", "%PDF-1.4\n"));
    assertEquals(Optional.empty(), content("graph.dot", "digraph chainrule {\r\n}"));
    assertEquals(Optional.empty(), content("graph2.dot", "digraph chainrule {\n}"));
    assertEquals(Optional.empty(), content("accuracy.png", ""));
  }

  @Test
  void otherContentIsNamedByTheKindExpected() throws IOException {
    // The first seven bytes of a PNG's signature are not a PNG's signature.
    byte[] shortPng = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a};
    assertEquals(Optional.of(" is not a PNG picture, so the program did not write it"),
        content("loss.png", shortPng));
    assertEquals(Optional.of(" is not a PNG picture, so the program did not write it"),
        content("notes.png", "my notes"));
    assertEquals(Optional.of(" is not an SVG picture, so the program did not write it"),
        content("loss.svg", "text <svg"));
    assertEquals(Optional.of(" is not a PDF document, so the program did not write it"),
        content("loss.pdf", " %PDF-1.4"));
    assertEquals(Optional.of(" is not a graph that begins 'digraph chainrule {', so the program"
        + " did not write it"), content("graph.dot", "digraph other {\n}"));
    assertEquals(Optional.of(" is not a graph that begins 'digraph chainrule {', so the program"
        + " did not write it"), content("g.dot", "digraph chainrule {}"));
  }

  @Test
  void aFolderIsNoContentAndAnotherNameIsNoneOfTheKinds() throws IOException {
    assertEquals(Optional.empty(),
        OwnOutputs.foreignContent(Files.createDirectory(folder.resolve("loss.png"))));
    Path text = Files.writeString(folder.resolve("loss.txt"), "x");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> OwnOutputs.foreignContent(text));
    assertEquals("output file: " + text + " is none of the program's kinds (.png, .svg, .pdf,"
        + " .dot)", e.getMessage());
  }

  @Test
  void aLinkOutOfTheFolderIsNamedWithWhereItLeads(@TempDir Path elsewhere) throws IOException {
    Path data = Files.writeString(elsewhere.resolve("data.csv"), "x\n1\n");
    Path out = Files.createDirectory(folder.resolve("out"));
    Path outward = Files.createSymbolicLink(out.resolve("loss.png"), data);
    assertEquals(Optional.of(" is a symbolic link to " + elsewhere.toRealPath().resolve("data.csv")
        + ", outside the folder: writing it would replace that file"),
        OwnOutputs.linkOutside(out, outward));

    // Links within the folder, and plain files, are the program's to write through.
    Path inside = Files.writeString(out.resolve("old.png"), "");
    assertEquals(Optional.empty(),
        OwnOutputs.linkOutside(out, Files.createSymbolicLink(out.resolve("a.png"), inside)));
    assertEquals(Optional.empty(), OwnOutputs.linkOutside(out, inside));
    // A link to a file yet to be made in a folder that does not exist: judged by the path.
    Path nowhere = Files.createSymbolicLink(out.resolve("b.png"),
        elsewhere.resolve("missing/b.png"));
    assertEquals(Optional.of(" is a symbolic link to " + elsewhere.resolve("missing/b.png")
        .toAbsolutePath().normalize() + ", outside the folder: writing it would replace that"
        + " file"), OwnOutputs.linkOutside(out, nowhere));
  }
}
