package dev.chainrule.examples;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * What the user may have meant by a word the program does not know: a command within two edits;
 * for an option, picocli's suggestions (close spellings and beginnings: {@code --epoch}, {@code
 * --batch}), then the options within a few edits, which picocli's comparison of letter pairs
 * misses for a swap ({@code --cvs}), and under the names other tools spell out ({@code
 * --learning-rate}, or a slip of it, is {@code --lr}), and the options whose names hold the word
 * ({@code --max-epochs} for {@code --epochs}).
 */
final class Suggestions {
  /** The program's abbreviated options, by the names argparse and Keras scripts give them. */
  private static final Map<String, String> SPELLED_OUT = Map.of("--learning-rate", "--lr");

  private Suggestions() {}

  /** The commands within two edits of {@code word}. */
  static List<String> commands(String word, List<String> commands) {
    return commands.stream().filter(name -> editDistance(word, name) <= 2).toList();
  }

  /**
   * The options of {@code owner} that {@code unknown}'s first word (an option) may have meant.
   *
   * @param owner the command the user gave the option to: the one that refused it, or the
   *     program itself for an option before any command, which picocli refused as the default
   *     command's (whose options are then offered only for close slips: {@code chainrule
   *     --versoin} was offered digits' --verbose)
   */
  static List<String> options(UnmatchedArgumentException unknown, CommandSpec owner) {
    String typed = bare(unknown.getUnmatched().get(0).split("=", 2)[0]);
    // Two edits turn most short names into others: --lr is two from --js.
    int edits = typed.length() <= 4 ? 1 : 2;
    Map<String, String> spellings = new TreeMap<>();
    for (String option : owner.optionsMap().keySet()) {
      if (option.startsWith("--")) { // -h and -V are one edit from any letter
        spellings.put(option, option);
      }
    }
    SPELLED_OUT.forEach((spelled, option) -> {
      if (spellings.containsKey(option)) {
        spellings.put(spelled, option);
      }
    });
    // Picocli's suggestions are the options of the command that refused the word, which for an
    // option before any command is the default command, digits: its options still work there
    // (chainrule --epochs 5 trains digits), so a slip of one is kept when it is a slip, within
    // the edits above (--epoch: --epochs), and dropped when picocli's looser comparison of letter
    // pairs alone found it (--versoin: digits' --verbose, where the program's --version is meant).
    Set<String> close = new LinkedHashSet<>(unknown.getSuggestions().stream()
        .filter(option -> owner.optionsMap().containsKey(option)
            || editDistance(typed, bare(option)) <= edits)
        .toList());
    spellings.entrySet().stream()
        .filter(spelling -> editDistance(typed, bare(spelling.getKey())) <= edits)
        .sorted(Comparator.comparingInt(spelling -> editDistance(typed, bare(spelling.getKey()))))
        .forEach(spelling -> close.add(spelling.getValue()));
    // A name within a longer one: gates counts --max-epochs, where other commands take --epochs.
    if (typed.length() >= 4) {
      spellings.entrySet().stream().filter(spelling -> bare(spelling.getKey()).contains(typed))
          .forEach(spelling -> close.add(spelling.getValue()));
    }
    return List.copyOf(close);
  }

  /** The name without its leading dashes, in lower case. */
  private static String bare(String option) {
    return option.replaceFirst("^-+", "").toLowerCase(Locale.ROOT);
  }

  /**
   * The fewest insertions, deletions, substitutions and swaps of neighbouring letters from a to
   * b (Damerau's distance, each letter edited once): a swap, the commonest slip in typing, is one
   * edit, where Levenshtein's two put --cvs as far from --csv as from --cv.
   */
  static int editDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      for (int j = 0; j <= b.length(); j++) {
        if (i == 0 || j == 0) {
          d[i][j] = i + j;
          continue;
        }
        int substitution = d[i - 1][j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        d[i][j] = Math.min(substitution, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
