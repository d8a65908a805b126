package dev.chainrule.optim.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The warning of class names that hold an invisible format character (Unicode category Cf: a
 * zero-width space U+200B, joiners U+200C and U+200D, the word joiner U+2060, a byte-order mark
 * U+FEFF inside a field). A label {@code ye\u200Bs} copied from a web page beside {@code yes}
 * silently became a class of its own, which printed as {@code yes} in the confusion matrix.
 * Removing the character while reading would be wrong (a joiner belongs in some scripts and
 * emoji), so, like {@link SingleRowClasses}, it is a warning that names the class, its first
 * line and the character, and leaves the file to the user.
 */
public final class InvisibleClassNames {
  /** The classes named in one warning at most; more are counted. */
  static final int NAMED = 5;

  private InvisibleClassNames() {}

  /**
   * The warning for the file's class names that hold an invisible character.
   *
   * @param data classification data read from a CSV file
   * @param file the file's name, as the warning gives it
   * @return the warning, with its "warning: " prefix, or empty when no class name holds one
   */
  public static Optional<String> warning(CsvData data, String file) {
    if (!data.dataset().hasClassIndices()) {
      return Optional.empty();
    }
    List<String> names = data.classNames();
    List<Integer> invisible = new ArrayList<>();
    for (int c = 0; c < names.size(); c++) {
      if (InvisibleCharacters.first(names.get(c)) >= 0) {
        invisible.add(c);
      }
    }
    if (invisible.isEmpty()) {
      return Optional.empty();
    }
    int[] firstRow = firstRows(data, names.size());
    Set<String> visible = new HashSet<>(names);
    List<String> parts = new ArrayList<>();
    for (int c : invisible.subList(0, Math.min(NAMED, invisible.size()))) {
      String name = names.get(c);
      String shown = InvisibleCharacters.stripped(name);
      parts.add(CsvFields.quote(InvisibleCharacters.escaped(name)) + " ("
          + (firstRow[c] < 0 ? "no labelled row" : "line " + data.lines().get(firstRow[c])
              + (parts.isEmpty() ? " of " + file : ""))
          + ") holds an invisible character, " + InvisibleCharacters.firstCodePoint(name)
          + ", and prints as " + (visible.contains(shown) ? "class " : "")
          + CsvFields.quote(shown));
    }
    String more = invisible.size() > NAMED ? "; and " + (invisible.size() - NAMED) + " more" : "";
    return Optional.of("warning: " + (invisible.size() == 1 ? "class " : "classes ")
        + String.join("; ", parts) + more + ": an invisible character makes a class of its own;"
        + " if it was not meant, remove it from the file's labels");
  }

  /** The first row of each class that is labelled, or -1. */
  private static int[] firstRows(CsvData data, int classes) {
    int[] first = new int[classes];
    Arrays.fill(first, -1);
    BitSet unlabelled = new BitSet();
    data.unlabelledRows().forEach(unlabelled::set);
    int[] indices = data.dataset().classIndices();
    for (int row = indices.length - 1; row >= 0; row--) {
      if (!unlabelled.get(row)) {
        first[indices[row]] = row;
      }
    }
    return first;
  }
}
