package dev.chainrule.optim.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The refusal of a column name the header does not have, with the slips that make a name look
 * present in the header's list when it is not: another case, double quotes that are part of a
 * name, an invisible character, another Unicode form of the same name; failing those, the names
 * a slip of typing away ({@link CloseNames}).
 */
final class NoColumnNamed {
  private NoColumnNamed() {}

  /**
   * The exception for {@code name}, which no column of the header has.
   *
   * @param names the header's names
   * @param name the name as given
   * @param where the file and line, as messages begin
   * @return the exception to throw
   */
  static ColumnChoiceException exception(List<String> names, String name, String where) {
    String unquoted = CsvColumns.unquoted(name);
    // "Y" for "y" is the likeliest slip, and the list alone does not point it out in a long header.
    List<String> otherCase = names.stream().filter(n -> n.equalsIgnoreCase(name)
        || n.equalsIgnoreCase(unquoted)).distinct().toList();
    // Double quotes that are part of a name, or not, look alike in a list of names: say which
    // were tried, and that a header name holds its own.
    boolean quoted = !unquoted.equals(name);
    List<String> inQuotes = names.stream().filter(n -> !CsvColumns.unquoted(n).equals(n)
        && CsvColumns.unquoted(n).equals(name)).distinct().toList();
    // A zero-width space copied in with a header prints as nothing in the list: "label" was not
    // found in a header that showed "label".
    String visible = InvisibleCharacters.stripped(unquoted);
    List<String> invisible = names.stream().filter(n -> InvisibleCharacters.first(n) >= 0
        && InvisibleCharacters.stripped(n).equals(visible)).distinct().toList();
    // "café" typed with a composed é was not found in a header that showed "café", its e and
    // accent written apart: two Unicode forms of one name, which print alike.
    List<String> forms = names.stream().filter(n -> UnicodeForms.alike(n, unquoted)).distinct()
        .toList();
    // A slip of typing, offered only where none of the above explains the miss: a name those
    // point out is the one meant, and a second guess beside it would only blur the hint.
    List<String> close = otherCase.isEmpty() && inQuotes.isEmpty() && invisible.isEmpty()
        && forms.isEmpty() ? CloseNames.of(names, unquoted) : List.of();
    List<String> meant = otherCase.isEmpty() ? close : otherCase;
    return new ColumnChoiceException(String.format(Locale.ROOT,
        "%s: no column named %s%s in the header"
        + " (%s)%s%s%s%s", where, CsvFields.quote(name), quoted ? ", with or without its"
            + " surrounding double quotes," : "", CsvFields.list(names), meant.isEmpty() ? ""
            : " (did you mean " + meant.stream().map(CsvFields::quote)
                .collect(Collectors.joining(" or ")) + "?)",
        inQuotes.isEmpty() ? "" : " (the header's " + String.join(" and ", inQuotes)
            + (inQuotes.size() == 1 ? " has" : " have") + " double quotes as part of the name:"
            + " give them too)",
        invisible.isEmpty() ? "" : " (the header's " + invisible.stream()
            .map(n -> CsvFields.quote(InvisibleCharacters.escaped(n)) + " holds an invisible"
                + " character, " + InvisibleCharacters.firstCodePoint(n))
            .collect(Collectors.joining(" and ")) + ": remove it from the file's header)",
        forms.isEmpty() ? "" : formsHint(forms, unquoted)));
  }

  /**
   * {@code (the header's "café" is the name given in another Unicode form: U+0065 U+0301 there,
   * U+00E9 as given; ...)}.
   */
  private static String formsHint(List<String> forms, String name) {
    List<String> parts = new ArrayList<>();
    for (String form : forms) {
      List<String> differences = UnicodeForms.differences(List.of(form, name));
      parts.add(CsvFields.quote(form) + " is the name given in another Unicode form: "
          + differences.get(0) + " there, " + differences.get(1) + " as given");
    }
    return " (the header's " + String.join("; the header's ", parts) + "; copy the name from the"
        + " file's header, or write its accents one way)";
  }
}
