package dev.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Where a console's lines go: everything to its output; under --json only the result line
 * there, and notes, warnings and info lines to standard error instead of nowhere.
 */
class ConsoleLinesTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Console plain = new Console(new PrintWriter(out), false);

  private static String lines(String... lines) {
    return String.join(System.lineSeparator(), lines) + System.lineSeparator();
  }

  @Test
  void aPlainConsolePrintsEverythingOnItsOutput() {
    Console console = plain.withNotesTo(new PrintWriter(err)).forJson(false);
    console.println("epoch 1");
    console.printf("loss %.2f", 0.5);
    console.println("note: a");
    console.info("backend: java");
    console.result("{}");
    assertEquals(lines("epoch 1", "loss 0.50", "note: a", "backend: java", "{}"),
        out.toString());
    assertEquals("", err.toString());
  }

  @Test
  void underJsonOnlyTheResultIsOutputAndNotesGoToStandardError() {
    Console json = plain.forJson(true).withNotesTo(new PrintWriter(err));
    json.println("epoch 1");
    json.println("note: a");
    json.println("warning: b");
    json.info("backend: java");
    json.result("{\"loss\": 0.5}");
    assertEquals(lines("{\"loss\": 0.5}"), out.toString());
    assertEquals(lines("note: a", "warning: b", "backend: java"), err.toString());
    // Without a place for notes, a quiet console drops them.
    plain.forJson(true).println("warning: c");
    assertEquals(lines("{\"loss\": 0.5}"), out.toString());
  }

  @Test
  void textFromFilesIsPrintableOnOneLine() {
    assertEquals("a?b?c", Console.printable("a\nb\u001bc"));
    assertEquals("0.003", Console.number(0.003));
  }
  /** Each line reaches the stream when printed, so that logs and pipes see progress. */
  @Test
  void everyLineIsFlushedAsItIsPrinted() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    Console console = new Console(new PrintWriter(new OutputStreamWriter(bytes,
        StandardCharsets.UTF_8)), false);
    console.println("epoch 1");
    assertEquals(lines("epoch 1"), bytes.toString(StandardCharsets.UTF_8));
    console.forJson(true).withNotesTo(new PrintWriter(new OutputStreamWriter(errBytes,
        StandardCharsets.UTF_8))).info("backend: java");
    assertEquals(lines("backend: java"), errBytes.toString(StandardCharsets.UTF_8));
  }
}
