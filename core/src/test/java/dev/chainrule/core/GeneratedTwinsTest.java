package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The float32 twins that core/build/GenerateFloat32.java writes from the *F64.java templates: a
 * decimal literal of the template's code is a float literal of the twin's, and a number in a
 * comment or a string stays as written (the generator once turned "3.3 ns" into "3.3f ns").
 */
class GeneratedTwinsTest {
  private static final Path TEMPLATES = Path.of("src/main/java");
  private static final Path TWINS = Path.of("target/generated-sources/float32");
  private static final Pattern PROSE = Pattern.compile(
      "//[^\\n]*|/\\*.*?\\*/|\"(?:\\\\.|[^\"\\\\\\n])*\"", Pattern.DOTALL);
  private static final Pattern DECIMAL = Pattern.compile(
      "(?<![\\w.])(?:\\d+\\.\\d*(?:[eE][-+]?\\d+)?|\\d+[eE][-+]?\\d+)(?![\\w.])");
  private static final Pattern FLOAT_LITERAL = Pattern.compile(
      "(?<![\\w.])(?:\\d+\\.\\d*(?:[eE][-+]?\\d+)?|\\d+[eE][-+]?\\d+)f\\b");

  @Test
  void literalsInCodeTurnFloatAndNumbersInProseStay() throws IOException {
    List<Path> templates;
    try (Stream<Path> files = Files.walk(TEMPLATES)) {
      templates = files.filter(p -> p.getFileName().toString().endsWith("F64.java")).toList();
    }
    assertFalse(templates.isEmpty(), "no template under " + TEMPLATES.toAbsolutePath());
    for (Path template : templates) {
      Path relative = TEMPLATES.relativize(template);
      Path twin = TWINS.resolve(relative)
          .resolveSibling(relative.getFileName().toString().replace("F64.java", "F32.java"));
      String templateText = Files.readString(template, StandardCharsets.UTF_8);
      String twinText = Files.readString(twin, StandardCharsets.UTF_8);
      assertEquals(count(DECIMAL, code(templateText)), count(FLOAT_LITERAL, code(twinText)),
          twin + ": one float literal for each decimal literal of the template's code");
      assertEquals(count(FLOAT_LITERAL, prose(templateText)),
          count(FLOAT_LITERAL, prose(twinText)),
          twin + ": numbers in comments and strings as the template writes them");
    }
  }

  private static String code(String source) {
    return PROSE.matcher(source).replaceAll(" ");
  }

  private static String prose(String source) {
    StringBuilder prose = new StringBuilder();
    Matcher matcher = PROSE.matcher(source);
    while (matcher.find()) {
      prose.append(matcher.group()).append('\n');
    }
    return prose.toString();
  }

  private static long count(Pattern pattern, String text) {
    return pattern.matcher(text).results().count();
  }
}
