package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README honest: every paragraph of every Java block in it must appear verbatim (line by
 * line, ignoring indentation) in a test source file of some module, where it is compiled and run.
 */
class ReadmeSnippetsTest {
  private static final Path ROOT = Path.of("..");

  @Test
  void everyJavaSnippetIsCompiledAndRunByATest() throws IOException {
    List<List<String>> testFiles = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(ROOT, 12)) {
      for (Path path : paths.filter(p -> p.toString().endsWith(".java")
          && p.toString().contains("src" + java.io.File.separator + "test")).toList()) {
        testFiles.add(normalized(Files.readAllLines(path)));
      }
    }
    List<List<String>> paragraphs = javaParagraphs(Files.readAllLines(ROOT.resolve("README.md")));
    assertFalse(paragraphs.isEmpty(), "the README shows no Java code");
    for (List<String> paragraph : paragraphs) {
      boolean found = testFiles.stream()
          .anyMatch(file -> Collections.indexOfSubList(file, paragraph) >= 0);
      assertTrue(found, "README snippet not found verbatim in any test:\n"
          + String.join("\n", paragraph));
    }
  }

  /** Blank-line-separated paragraphs of the README's ```java blocks, lines trimmed. */
  private static List<List<String>> javaParagraphs(List<String> readme) {
    List<List<String>> paragraphs = new ArrayList<>();
    List<String> current = null;
    for (String line : readme) {
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
