package dev.chainrule.optim.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link CsvReader}'s options as command lines give them (the program's {@code train} and
 * {@code predict}, the Spark launcher): one reading for every launcher, whose messages then name
 * their own options.
 */
public final class CsvCommandLine {
  private CsvCommandLine() {}

  /**
   * The first name a list of columns holds twice (a command line's {@code --features a,a}),
   * which the builder would refuse in its own terms.
   *
   * @param names column names, or null
   * @return the repeated name, or empty when every name is distinct
   */
  public static Optional<String> repeatedName(List<String> names) {
    Set<String> seen = new HashSet<>();
    return names == null ? Optional.empty()
        : names.stream().filter(name -> !seen.add(name)).findFirst();
  }

  /**
   * The field separator as a command line names it: one character, or {@code tab} in any case, as
   * the program's other words are read (a tab is awkward to type in a shell; {@code \\t} and a
   * tab itself are taken too).
   *
   * @param text the option's value
   * @return the separator
   * @throws IllegalArgumentException for more than one character, a double quote or a line
   *     break, saying what is accepted
   */
  public static char delimiter(String text) {
    checkNotNull(text, "the delimiter is null");
    if (text.equalsIgnoreCase("tab") || text.equals("\\t") || text.equals("\t")) {
      return '\t';
    }
    checkArgument(text.length() == 1 && "\"\n\r".indexOf(text.charAt(0)) < 0,
        "a delimiter is one character other than a double quote or a line break, or tab; got"
            + " '%s'", text);
    return text.charAt(0);
  }
}
