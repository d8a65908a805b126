package dev.chainrule.examples.commands;

import dev.chainrule.optim.data.FirstLine;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * How many of a model's feature columns a file to predict lacks, beyond the first, which the
 * reader's refusal names: a file of 5 of a model's 30 columns was refused for the first missing
 * one alone, and each added column met the next refusal.
 */
final class MissingModelColumns {
  /** Names listed at most; the count says how many more. */
  private static final int LISTED = 5;

  private MissingModelColumns() {}

  /**
   * {@code "; 25 of its 30 columns are missing: a, b, c, d, e, …"}, or "" when the header lacks
   * one column only, or all, or cannot be read, or when its names do not show the column the
   * refusal named as missing (the reader finds names past quotes and spaces that a plain
   * comparison of the header's fields might not: the count would then be wrong).
   *
   * @param csv the file to predict
   * @param delimiter its delimiter
   * @param features the model's feature columns
   * @param refusal the reader's message, which names the first missing column
   * @return the clause, or ""
   */
  static String clause(Path csv, char delimiter, List<String> features, String refusal) {
    List<String> header = FirstLine.header(csv, delimiter).orElse(List.of());
    List<String> missing = features.stream().filter(f -> !header.contains(f)).toList();
    // None of them there is another file, or one without a header, which the refusal's note on
    // line 1 (a summary line, a data row) speaks to; a list of every column would bury it.
    if (header.isEmpty() || missing.size() < 2 || missing.size() == features.size()
        || !refusal.contains("no column named \"" + missing.get(0) + "\"")) {
      return "";
    }
    String listed = String.join(", ", missing.subList(0, Math.min(LISTED, missing.size())))
        + (missing.size() > LISTED ? ", …" : "");
    return String.format(Locale.ROOT, "; %d of its %d columns are missing: %s", missing.size(),
        features.size(), listed);
  }
}
