package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A column whose header name holds a comma can be left out: {@code --drop} and {@code
 * --features} split at commas but not inside double quotes, and find a name as typed or, if no
 * column has it, without one pair of surrounding quotes (so a header name that really is in
 * quotes is found as typed).
 * The advice that names such a column is text that does so when pasted into a shell: it said
 * {@code --drop "name, full"}, which the shell hands over as {@code name, full}, two names.
 */
class CommaColumnNamesTest {
  @TempDir
  Path dir;

  /** Iris-like rows after {@code header}, whose first column is {@code first(i)}. */
  private Path file(String header, java.util.function.IntFunction<String> first)
      throws IOException {
    StringBuilder text = new StringBuilder(header).append('\n');
    for (int i = 0; i < 60; i++) {
      text.append(first.apply(i)).append(String.format(Locale.ROOT, ",%.1f,%.1f,%s%n",
          5 + i % 7 * 0.3 + i % 3, 2 + i % 13 * 0.1, List.of("a", "b", "c").get(i % 3)));
    }
    return Files.writeString(dir.resolve("data.csv"), text);
  }

  /** The words a POSIX shell makes of {@code text}: plain, '...' and "..." (with \ escapes). */
  static List<String> shellWords(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ') {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
        continue;
      }
      word = word == null ? new StringBuilder() : word;
      if (c == '\'') {
        int end = text.indexOf('\'', i + 1);
        word.append(text, i + 1, end);
        i = end;
      } else if (c == '"') {
        for (i++; text.charAt(i) != '"'; i++) {
          if (text.charAt(i) == '\\' && "\"\\$`".indexOf(text.charAt(i + 1)) >= 0) {
            i++;
          }
          word.append(text.charAt(i));
        }
      } else if (c == '\\') {
        word.append(text.charAt(++i));
      } else {
        word.append(c);
      }
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }

  /** The arguments of the --drop advice at the end of {@code message}, as a shell reads them. */
  private static List<String> advice(String message, String before, String after) {
    Matcher m = Pattern.compile(Pattern.quote(before) + "(--drop .*)" + Pattern.quote(after))
        .matcher(message);
    assertTrue(m.find(), message);
    return shellWords(m.group(1));
  }

  @Test
  void theAdviceForATextColumnWithACommaDropsItWhenPasted() throws IOException {
    Path csv = file("\"name, full\",sl,sw,species", i -> "\"bob, " + i + "\"");
    Cli.Result refused = Cli.run("train", "--csv", csv.toString(), "--label", "species");
    assertEquals(1, refused.exitCode(), refused.err());
    String err = refused.err().strip();
    assertTrue(err.endsWith("leave it out with --drop '\"name, full\"'"), err);
    List<String> drop = advice(err, "leave it out with ", "");
    assertEquals(List.of("--drop", "\"name, full\""), drop);
    List<String> args = new ArrayList<>(List.of("train", "--csv", csv.toString(), "--label",
        "species", "--epochs", "1", "--out", dir.resolve("out").toString()));
    args.addAll(drop);
    Cli.Result run = Cli.run(args.toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.err());
  }

  @Test
  void theAdviceForAConstantColumnWithACommaDropsItWhenPasted() throws IOException {
    Path csv = file("\"w, kg\",sl,sw,species", i -> "1.5");
    List<String> args = new ArrayList<>(List.of("train", "--csv", csv.toString(), "--label",
        "species", "--epochs", "1", "--out", dir.resolve("out").toString()));
    Cli.Result warned = Cli.run(args.toArray(String[]::new));
    assertEquals(0, warned.exitCode(), warned.err());
    String warning = warned.out().lines().filter(l -> l.startsWith("warning: the feature"))
        .findFirst().orElseThrow(() -> new AssertionError(warned.out() + warned.err()));
    assertTrue(warning.endsWith("leave it out (--drop '\"w, kg\"')"), warning);
    args.addAll(advice(warning, "leave it out (", ")"));
    Cli.Result run = Cli.run(args.toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.err());
    assertFalse((run.out() + run.err()).contains("warning: the feature"), run.out());
  }

  @Test
  void aQuotedNameInFeaturesIsTheColumn() throws IOException {
    Path csv = file("\"w, kg\",sl,sw,species", i -> Integer.toString(i % 5));
    Cli.Result run = Cli.run("train", "--csv", csv.toString(), "--label", "species", "--epochs",
        "1", "--out", dir.resolve("out").toString(), "--features", "sl,\"w, kg\"");
    assertEquals(0, run.exitCode(), run.err());
  }

  /**
   * A header name that really is in double quotes ({@code """id"""} in the file): the shell's
   * {@code --drop 'sw,"id"'} leaves it out, where the quotes were taken off and "no column named
   * "id" in the header ("id", ...)" printed both alike.
   */
  @Test
  void aNameReallyInQuotesIsDroppedAsTyped() throws IOException {
    Path csv = file("\"\"\"id\"\"\",sl,sw,species", i -> "r" + i);
    List<String> run = List.of("train", "--csv", csv.toString(), "--label", "species",
        "--epochs", "1", "--out", dir.resolve("out").toString(), "--drop");
    Cli.Result dropped = Cli.run(plus(run, "sw,\"id\""));
    assertEquals(0, dropped.exitCode(), dropped.err());
    Cli.Result unquoted = Cli.run(plus(run, "sw,id"));
    assertEquals(2, unquoted.exitCode(), unquoted.out());
    assertTrue(unquoted.err().contains("no column named \"id\" in the header (\"id\", sl, sw,"
        + " species) (the header's \"id\" has double quotes as part of the name: give them"
        + " too)"), unquoted.err());
    Cli.Result neither = Cli.run(plus(run, "sw,\"ids\""));
    assertEquals(2, neither.exitCode(), neither.out());
    assertTrue(neither.err().contains("no column named \"\"ids\"\", with or without its"
        + " surrounding double quotes, in the header"), neither.err());
  }

  private static String[] plus(List<String> args, String last) {
    List<String> all = new ArrayList<>(args);
    all.add(last);
    return all.toArray(String[]::new);
  }
}
