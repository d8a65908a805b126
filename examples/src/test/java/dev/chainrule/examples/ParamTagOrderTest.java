package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The {@code @param} tags of every module's Javadoc list the parameters in the signature's order,
 * as the rendered page lists them beside the signature: {@code Op.of(name, forward, backward)}
 * was documented backward, forward, name, and some fifty declarations elsewhere had their tags in
 * another order. Doclint checks that every parameter has a tag, not their order. Read from the
 * sources of every module (from examples, beside the README's checks, which read the tree too):
 * a comment, then the declaration up to its parameter list.
 */
class ParamTagOrderTest {
  private static final List<String> MODULES =
      List.of("core", "autograd", "nn", "optim", "examples", "spark");

  /**
   * A Javadoc comment and the declaration after it, up to the end of its parameter list. The
   * comment may not run past its own end: a record's comment followed by a line comment would
   * otherwise reach on to the next method's, and read both comments' tags as that method's.
   */
  private static final Pattern DOCUMENTED = Pattern.compile(
      "/\\*\\*((?:(?!\\*/).)*)\\*/(\\s*(?:@\\w+(?:\\([^)]*\\))?\\s*)*[^;{/=]*?)\\(([^)]*)\\)",
      Pattern.DOTALL);
  private static final Pattern PARAM_TAG = Pattern.compile("@param\\s+(\\w+)");

  @Test
  void paramTagsFollowTheSignature() throws IOException {
    List<String> outOfOrder = new ArrayList<>();
    int checked = 0;
    List<Path> sources = new ArrayList<>();
    for (String module : MODULES) {
      try (Stream<Path> files = Files.walk(Path.of("..", module, "src", "main", "java"))) {
        files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
      }
    }
    for (Path file : sources) {
      Matcher m = DOCUMENTED.matcher(Files.readString(file));
      while (m.find()) {
        List<String> tags = new ArrayList<>();
        Matcher tag = PARAM_TAG.matcher(m.group(1));
        while (tag.find()) {
          tags.add(tag.group(1));
        }
        List<String> names = parameterNames(m.group(3));
        // Only a comment that tags exactly the signature's parameters: a missing or extra
        // tag is doclint's to report, and a class comment's tags are a record's components.
        if (tags.size() < 2 || !new HashSet<>(tags).equals(new HashSet<>(names))) {
          continue;
        }
        checked++;
        String[] words = m.group(2).trim().split("\\s+");
        String where = file.getFileName() + ": " + words[words.length - 1];
        if (!tags.equals(names)) {
          outOfOrder.add(where + " tags " + tags + ", signature " + names);
        }
      }
    }
    assertTrue(checked > 500, "the sources were read: " + checked + " declarations checked");
    assertEquals(List.of(), outOfOrder);
  }

  /** The parameters' names: each parameter's last word, generic arguments' commas skipped. */
  private static List<String> parameterNames(String list) {
    List<String> names = new ArrayList<>();
    int depth = 0;
    StringBuilder current = new StringBuilder();
    for (char c : (list + ",").toCharArray()) {
      depth += c == '<' ? 1 : c == '>' ? -1 : 0;
      if (c == ',' && depth == 0) {
        String[] words = current.toString().replace("...", " ").replace("[]", " ").trim()
            .split("\\s+");
        if (!words[0].isEmpty()) {
          names.add(words[words.length - 1]);
        }
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    return names;
  }
}
