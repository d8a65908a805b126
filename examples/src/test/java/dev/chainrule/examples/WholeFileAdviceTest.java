package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} on CSV files a hunter built from common mistakes: each message says what the
 * whole file needs in one run. A file without a header whose label is text lost its first row
 * without a word; a Titanic-like file was refused once per text column; a column with no value
 * was refused with {@code --missing drop}, which then left no row; two files joined with their
 * headers were refused as a column of text; and a no-break space after a label made a class.
 */
class WholeFileAdviceTest {
  @TempDir
  Path dir;

  private Cli.Result train(Path csv, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("train", "--csv", csv.toString(),
        "--epochs", "1", "--out", dir.resolve("out").toString()));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  /** 60 rows of two numbers and a class a, b or c, after {@code first} (a header, or none). */
  private Path file(String name, String first, String labelEnd) throws IOException {
    StringBuilder text = new StringBuilder(first);
    for (int i = 0; i < 60; i++) {
      text.append(String.format(Locale.ROOT, "%.3f,%.3f,%s%s%n", Math.sin(i), Math.cos(i * 0.7),
          "abc".charAt(i % 3), i == 7 ? labelEnd : ""));
    }
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void aFileWithoutAHeaderWhoseLabelIsTextIsWarnedOf() throws IOException {
    Path csv = file("nohdr.csv", "", "");
    Cli.Result run = train(csv, "--label", "2");
    assertEquals(0, run.exitCode(), run.err());
    List<String> lines = run.out().lines().toList();
    assertEquals("warning: line 1 (0.000,1.000,a) looks like a data row rather than a header:"
        + " its label, \"a\", is one of the classes, and every column's name but the label's is"
        + " a number; train reads line 1 as the columns' names, not as a row: if the file has no"
        + " header, add one that names each column", lines.get(0), run.out());
    // predict on the same file, with the model trained on it, says the same.
    Path model = dir.resolve("nohdr.safetensors");
    assertEquals(0, train(csv, "--label", "2", "--save", model.toString()).exitCode());
    Cli.Result predicted = Cli.run("predict", "--load", model.toString(), "--csv",
        csv.toString());
    assertEquals(0, predicted.exitCode(), predicted.err());
    // On standard error, as predict's other warnings, the predictions alone on standard output.
    assertTrue(predicted.err().startsWith("warning: line 1 (0.000,1.000,a) looks like a data row"
        + " rather than a header: its label, \"a\", is one of the classes, and every column's"
        + " name but the label's is a number; predict reads"),
        predicted.err());
    // With a header, no warning.
    Cli.Result named = train(file("named.csv", "x,y,label\n", ""), "--label", "label");
    assertEquals(0, named.exitCode(), named.err());
    assertFalse(named.out().contains("warning: line 1"), named.out());
  }

  @Test
  void everyTextColumnIsNamedInOneRefusal() throws IOException {
    StringBuilder text = new StringBuilder("PassengerId,Survived,Name,Sex,Age,Ticket\n");
    for (int i = 0; i < 40; i++) {
      text.append(String.format(Locale.ROOT, "%d,%d,\"Name%d, Mr\",%s,%d,T%d%n", i + 1, i % 2, i,
          i % 2 == 0 ? "male" : "female", 20 + i, i));
    }
    Path csv = Files.writeString(dir.resolve("titanic.csv"), text);
    Cli.Result run = train(csv, "--label", "Survived");
    assertEquals(1, run.exitCode(), run.out());
    assertEquals("error: titanic.csv: line 2, column 3 (Name): \"Name0, Mr\" is not a number;"
        + " text in other columns too: Sex (column 4, line 2: \"male\"), Ticket (column 6, line"
        + " 2: \"T0\"); if the columns hold text (names, ids), leave them out with --drop"
        + " Name,Sex,Ticket", run.err().strip());
    // The option named is the whole way: the next run trains.
    Cli.Result dropped = train(csv, "--label", "Survived", "--drop", "Name,Sex,Ticket");
    assertEquals(0, dropped.exitCode(), dropped.err());
  }

  @Test
  void aColumnWithNoValueIsLeftOutByName() throws IOException {
    StringBuilder text = new StringBuilder("x,notes,label\n");
    for (int i = 0; i < 30; i++) {
      text.append(i % 7).append(",,").append(i % 2 == 0 ? "a" : "b").append('\n');
    }
    Path csv = Files.writeString(dir.resolve("emptycol.csv"), text);
    Cli.Result run = train(csv, "--label", "label");
    assertEquals(1, run.exitCode(), run.out());
    assertEquals("error: emptycol.csv: line 2, column 2 (notes): empty cell; the column has no"
        + " value in any of the 30 rows; leave it out (--drop notes)", run.err().strip());
    Cli.Result dropped = train(csv, "--label", "label", "--drop", "notes");
    assertEquals(0, dropped.exitCode(), dropped.err());
  }

  @Test
  void aRepeatedHeaderIsNamedAsSuch() throws IOException {
    Path part = file("part.csv", "x,y,label\n", "");
    String text = Files.readString(part);
    Path twice = Files.writeString(dir.resolve("twice.csv"), text + text);
    Cli.Result run = train(twice, "--label", "label");
    assertEquals(1, run.exitCode(), run.out());
    assertEquals("error: twice.csv: line 62 repeats the header (x, y, label): were files joined,"
        + " each with its header? Remove the line", run.err().strip());
  }

  @Test
  void aNoBreakSpaceAfterALabelMakesNoClass() throws IOException {
    Path csv = file("nbsp.csv", "x,y,label\n", "\u00A0");
    Cli.Result run = train(csv, "--label", "label");
    assertEquals(0, run.exitCode(), run.err());
    // Three classes, a, b and c, not a fourth "b" with a no-break space.
    assertTrue(run.out().contains("train: 2-32-3 network"), run.out());
  }
}
