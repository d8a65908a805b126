package dev.chainrule.optim.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The warning of class names that print alike and are classes of their own. One holds an
 * invisible format character (Unicode category Cf: a zero-width space U+200B, joiners U+200C and
 * U+200D, the word joiner U+2060, a byte-order mark U+FEFF inside a field): a label {@code
 * ye\u200Bs} copied from a web page beside {@code yes} silently became a class of its own, which
 * printed as {@code yes} in the confusion matrix. Or two are one text in two Unicode forms
 * ({@link UnicodeForms}): {@code café} with a composed é and with e and a combining accent.
 * Changing the names while reading would be wrong (a joiner belongs in some scripts and emoji; the
 * file's text is the user's), so, like {@link SingleRowClasses}, it is a warning that names the
 * classes, their first lines and the characters, and leaves the file to the user.
 */
public final class InvisibleClassNames {
  /** The classes, or groups of classes, named in one warning at most; more are counted. */
  static final int NAMED = 5;

  private InvisibleClassNames() {}

  /**
   * The warning for the file's class names that hold an invisible character, or that are one
   * name in two Unicode forms.
   *
   * @param data classification data read from a CSV file
   * @param file the file's name, as the warning gives it
   * @return the warning, with its "warning: " prefix, or empty when no class names print alike
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
    List<List<Integer>> forms = formsOfOneName(names);
    if (invisible.isEmpty() && forms.isEmpty()) {
      return Optional.empty();
    }
    int[] firstRow = data.firstRowOfEachClass();
    List<String> sentences = new ArrayList<>();
    if (!invisible.isEmpty()) {
      sentences.add(invisibleSentence(data, file, invisible, firstRow));
    }
    if (!forms.isEmpty()) {
      sentences.add(formsSentence(data, invisible.isEmpty() ? file : null, forms, firstRow));
    }
    return Optional.of("warning: " + String.join("; ", sentences));
  }

  private static String invisibleSentence(CsvData data, String file, List<Integer> invisible,
      int[] firstRow) {
    List<String> names = data.classNames();
    Set<String> visible = new HashSet<>(names);
    List<String> parts = new ArrayList<>();
    for (int c : invisible.subList(0, Math.min(NAMED, invisible.size()))) {
      String name = names.get(c);
      String shown = InvisibleCharacters.stripped(name);
      parts.add(CsvFields.quote(InvisibleCharacters.escaped(name)) + " ("
          + data.lineOf(firstRow[c], parts.isEmpty() ? file : null)
          + ") holds an invisible character, " + InvisibleCharacters.firstCodePoint(name)
          + ", and prints as " + (visible.contains(shown) ? "class " : "")
          + CsvFields.quote(shown));
    }
    String more = invisible.size() > NAMED ? "; and " + (invisible.size() - NAMED) + " more" : "";
    return (invisible.size() == 1 ? "class " : "classes ") + String.join("; ", parts) + more
        + ": an invisible character makes a class of its own; if it was not meant, remove it"
        + " from the file's labels";
  }

  /**
   * {@code classes "café" (line 2 of f.csv, U+0065 U+0301) and "café" (line 5, U+00E9) are one
   * name in two Unicode forms...}; {@code file} is named with the first line when not null.
   */
  private static String formsSentence(CsvData data, String file, List<List<Integer>> forms,
      int[] firstRow) {
    List<String> names = data.classNames();
    List<String> groups = new ArrayList<>();
    // The accent's words only where every group named differs by one; the general ones are
    // true of all (U+212B ANGSTROM SIGN beside U+00C5 differs by none).
    boolean accented = true;
    for (List<Integer> group : forms.subList(0, Math.min(NAMED, forms.size()))) {
      List<String> spelled = group.stream().map(names::get).toList();
      accented &= UnicodeForms.accented(spelled);
      List<String> differences = UnicodeForms.differences(spelled);
      List<String> parts = new ArrayList<>();
      for (int k = 0; k < group.size(); k++) {
        parts.add(CsvFields.quote(spelled.get(k)) + " (" + data.lineOf(firstRow[group.get(k)],
            groups.isEmpty() && parts.isEmpty() ? file : null) + ", " + differences.get(k) + ")");
      }
      groups.add(String.join(" and ", parts));
    }
    String more = forms.size() > NAMED ? "; and " + (forms.size() - NAMED) + " more" : "";
    return "classes " + String.join("; ", groups) + more + (forms.size() == 1 ? " are one name"
        : " are, group by group, one name") + " in different Unicode forms"
        + UnicodeForms.kind(accented) + " and print alike, but each is a class of its own; if one"
        + " was meant, write the file's labels one way";
  }

  /** The classes whose names are one name in other Unicode forms, in groups of two or more. */
  private static List<List<Integer>> formsOfOneName(List<String> names) {
    Map<String, List<Integer>> byForm = new LinkedHashMap<>();
    for (int c = 0; c < names.size(); c++) {
      byForm.computeIfAbsent(UnicodeForms.composed(names.get(c)), k -> new ArrayList<>()).add(c);
    }
    return byForm.values().stream().filter(group -> group.size() > 1).toList();
  }
}
