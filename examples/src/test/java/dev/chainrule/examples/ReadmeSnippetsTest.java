package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README honest: every paragraph of every Java block in it must appear verbatim (line by
 * line, ignoring indentation) in a test source file of some module, where it is compiled and run.
 * docs/architecture.md quotes the library's own code (an op's row, its method) rather than code to
 * run: each of its paragraphs must appear so in a source file, main or test, which the build
 * compiles; no test read it, so an op's row could change and the document keep the old one.
 */
class ReadmeSnippetsTest {
  private static final Path ROOT = Path.of("..");
  private static final String TEST = "src" + File.separator + "test";
  private static final String MAIN = "src" + File.separator + "main";

  @Test
  void everyJavaSnippetIsCompiledAndRunByATest() throws IOException {
    assertQuoted("README.md", sources(path -> path.contains(TEST)), "any test");
  }

  @Test
  void everyJavaSnippetOfTheArchitectureIsTheLibrarysCode() throws IOException {
    assertQuoted("docs/architecture.md",
        sources(path -> path.contains(TEST) || path.contains(MAIN)), "any source file");
  }

  /** Each Java paragraph of {@code document} is found verbatim in one of {@code sources}. */
  private static void assertQuoted(String document, List<List<String>> sources, String where)
      throws IOException {
    List<List<String>> paragraphs = javaParagraphs(Files.readAllLines(ROOT.resolve(document)));
    assertFalse(paragraphs.isEmpty(), document + " shows no Java code");
    for (List<String> paragraph : paragraphs) {
      boolean found = sources.stream()
          .anyMatch(file -> Collections.indexOfSubList(file, paragraph) >= 0);
      assertTrue(found, document + " snippet not found verbatim in " + where + ":\n"
          + String.join("\n", paragraph));
    }
  }

  /** The Java files under the modules whose paths {@code kept} accepts, lines trimmed. */
  private static List<List<String>> sources(Predicate<String> kept) throws IOException {
    List<List<String>> files = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(ROOT, 12)) {
      for (Path path : paths.filter(p -> p.toString().endsWith(".java")
          && kept.test(p.toString())).toList()) {
        files.add(normalized(Files.readAllLines(path)));
      }
    }
    return files;
  }

  /** Blank-line-separated paragraphs of the document's ```java blocks, lines trimmed. */
  private static List<List<String>> javaParagraphs(List<String> document) {
    List<List<String>> paragraphs = new ArrayList<>();
    List<String> current = null;
    for (String line : document) {
      if (current == null) {
        if (line.trim().equals("```java")) {
          current = new ArrayList<>();
        }
      } else if (line.trim().equals("```") || line.isBlank()) {
        if (!current.isEmpty()) {
          paragraphs.add(current);
        }
        current = line.trim().equals("```") ? null : new ArrayList<>();
      } else {
        current.add(line.trim());
      }
    }
    return paragraphs;
  }

  private static List<String> normalized(List<String> lines) {
    return lines.stream().map(String::trim).filter(l -> !l.isEmpty()).toList();
  }
}
