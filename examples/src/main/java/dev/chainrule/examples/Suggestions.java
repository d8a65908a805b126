package dev.chainrule.examples;

import dev.chainrule.optim.data.TypingDistance;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
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
    return commands.stream().filter(name -> TypingDistance.between(word, name) <= 2).toList();
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
            || TypingDistance.between(typed, bare(option)) <= edits)
        .toList());
    ToIntFunction<Map.Entry<String, String>> away =
        spelling -> TypingDistance.between(typed, bare(spelling.getKey()));
    spellings.entrySet().stream().filter(spelling -> away.applyAsInt(spelling) <= edits)
        .sorted(Comparator.comparingInt(away)).forEach(spelling -> close.add(spelling.getValue()));
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
}
