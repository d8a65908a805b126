package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's JShell session through {@code jdk.jshell}, the API behind the jshell tool,
 * with the modules on its class path as {@code scripts/library-classpath} puts them there.
 */
class ReadmeJShellTest {
  @Test
  void theReadmesJShellSessionRunsAndLearnsXor() throws IOException {
    String session = jshellBlock(Files.readAllLines(Path.of("..", "README.md")));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    // "local" runs the snippets in this JVM, which has the modules on its class path already.
    try (JShell shell = JShell.builder().executionEngine("local")
        .out(new PrintStream(printed, true, StandardCharsets.UTF_8)).build()) {
      for (String entry : classPath()) {
        shell.addToClasspath(entry);
      }
      List<String> snippets = split(shell.sourceCodeAnalysis(), session);
      assertTrue(snippets.size() >= 12, "the session: " + snippets);
      for (String snippet : snippets) {
        for (SnippetEvent event : shell.eval(snippet)) {
          String errors = shell.diagnostics(event.snippet()).map(Diag::toString)
              .collect(Collectors.joining("; "));
          assertEquals(Snippet.Status.VALID, event.status(), snippet + ": " + errors);
          assertEquals(null, event.exception(), snippet);
        }
      }
      // The network's outputs against XOR's targets: trained, every output is within 0.1.
      List<SnippetEvent> check = shell.eval(
          "Evaluation.predict(model, x).sub(y).abs().max().item()");
      double worst = Double.parseDouble(check.get(0).value());
      assertTrue(worst < 0.1, "largest error " + worst);
      // The figures the session's comments give. The loss is "about 3e-4" (measured 3.2e-4):
      // within a third of it. The outputs are printed to five digits, as the README quotes them;
      // another product kernel moves them by about 1e-16, far below the fifth digit.
      double loss = Double.parseDouble(shell.eval("history.last().trainLoss()").get(0).value());
      assertEquals(3e-4, loss, 1e-4, "the README's final loss");
      String outputs = shell.eval(
          "Evaluation.predict(model, x).toString().replaceAll(\"\\\\s+\", \" \")")
          .get(0).value();
      assertEquals("\"" + commentOf(session, "Evaluation.predict(model, x)") + "\"", outputs);
    }
  }

  /** What a line of the session prints, as its comment says: the text after "// " to a colon. */
  private static String commentOf(String session, String statement) {
    for (String line : session.split("\n")) {
      if (line.startsWith(statement + " ")) {
        String comment = line.substring(line.indexOf("// ") + 3);
        return comment.substring(0, comment.indexOf(':'));
      }
    }
    throw new AssertionError("no line starts with " + statement);
  }

  /** The lines of the README's one ```jshell block. */
  private static String jshellBlock(List<String> readme) {
    int start = readme.indexOf("```jshell");
    assertTrue(start >= 0, "the README has a ```jshell block");
    int end = readme.subList(start + 1, readme.size()).indexOf("```") + start + 1;
    return String.join("\n", readme.subList(start + 1, end));
  }

  /**
   * The snippets of {@code source} as the jshell tool reads them: line by line, each snippet
   * ending with the first line that completes it.
   */
  private static List<String> split(SourceCodeAnalysis analysis, String source) {
    List<String> snippets = new ArrayList<>();
    String pending = "";
    for (String line : source.split("\n")) {
      pending = pending + line + "\n";
      SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(pending);
      if (info.completeness().isComplete()) {
        snippets.add(info.source());
        pending = info.remaining();
      } else if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
        pending = "";
      }
    }
    assertTrue(pending.isBlank(), "unfinished snippet: " + pending);
    return snippets;
  }

  /** The test class path: surefire passes the real one in a property of its own. */
  private static List<String> classPath() {
    String path = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    return List.of(path.split(File.pathSeparator));
  }
}
