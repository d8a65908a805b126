package dev.chainrule.optim.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A {@link CsvReader}'s options as command lines give them (the program's {@code train} and
 * {@code predict}, the Spark launcher): one reading for every launcher, whose messages then name
 * their own options.
 */
public final class CsvCommandLine {
  /** Text a POSIX shell reads as one word as it stands. */
  private static final Pattern SHELL_PLAIN = Pattern.compile("[\\w.,/:@%+=-]+");
  /** Characters a shell still reads inside double quotes. */
  private static final Pattern SHELL_SPECIAL_IN_DOUBLE = Pattern.compile("[\"$`\\\\!]");

  /**
   * The end of a list option's help ({@code --drop}, {@code --features}), for every launcher:
   * how to give a name that holds a comma, which would otherwise split in two.
   */
  public static final String COLUMN_LIST_HELP =
      "; a name holding a comma goes in double quotes: '\"name, full\"'.";

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

  /**
   * The note of the rows {@code --missing drop} left out, saying why, for the program's {@code
   * train} and {@code predict} and the Spark launcher alike: a row holding 1e39, which float32
   * cannot hold, was said to have "missing values". "data.csv: left out 1 row with a number
   * beyond float32's range (--missing drop)", or with both reasons "left out 2 rows: 1 with
   * missing values, 1 with a number beyond float32's range".
   *
   * @param data what was read
   * @param source the file's name, as the note names it
   * @param dtypeFree whether the command line chooses the type (no loaded model fixes it): then
   *     {@code --dtype float64} is named as the way to keep such rows, as the refusal without
   *     {@code --missing drop} names it
   * @return the note, or empty when no row was left out
   */
  public static Optional<String> droppedRowsNote(CsvData data, String source,
      boolean dtypeFree) {
    int dropped = data.droppedRows();
    int beyond = data.droppedBeyondRange();
    if (dropped == 0) {
      return Optional.empty();
    }
    String missing = " with missing values";
    String large = " with a number beyond float32's range";
    String why = beyond == 0 ? rows(dropped) + missing
        : beyond == dropped ? rows(dropped) + large
        : String.format(Locale.ROOT, "%s: %,d%s, %,d%s", rows(dropped), dropped - beyond, missing,
            beyond, large);
    return Optional.of(String.format(Locale.ROOT, "%s: left out %s (--missing drop%s)", source,
        why, beyond > 0 && dtypeFree ? "; --dtype float64 reads such numbers" : ""));
  }

  /**
   * A refused missing value's message with the options that get past it, for the program's
   * {@code train} and {@code predict} and the Spark launcher alike: "...; --missing drop leaves
   * such rows out", and first, for a number beyond float32's range when the command line chooses
   * the type, "--dtype float64 reads it".
   *
   * @param e the reader's refusal
   * @param dtypeFree whether the command line chooses the type (no loaded model fixes it)
   * @return the message, in the command line's terms
   */
  public static String missingValueAdvice(MissingValueException e, boolean dtypeFree) {
    return missingValueAdvice(e, dtypeFree, null);
  }

  /**
   * As {@link #missingValueAdvice(MissingValueException, boolean)}, and for a column with no
   * value in any row, the options that leave it out, where the command line chooses the features:
   * {@code --missing drop} would leave out every row ("no rows to train on"), the next refusal.
   *
   * @param e the reader's refusal
   * @param dtypeFree whether the command line chooses the type (no loaded model fixes it)
   * @param leaveOut the options that leave columns out ({@link #leaveOut(List, List, List)}), or
   *     null where the features are fixed (a loaded model's)
   * @return the message, in the command line's terms
   */
  public static String missingValueAdvice(MissingValueException e, boolean dtypeFree,
      Function<List<String>, String> leaveOut) {
    List<String> empty = e.emptyColumns();
    if (!empty.isEmpty()) {
      // Dropping rows would drop them all: leaving the columns out is the only way on.
      return e.getMessage() + (leaveOut == null ? ""
          : String.format(Locale.ROOT, "; leave %s out (%s)", empty.size() == 1 ? "it" : "them",
              leaveOut.apply(empty)));
    }
    // 1e39 in a float32 read is a number float64 reads: the first way out, before dropping.
    return e.getMessage() + (e.beyondFloat32() && dtypeFree ? "; --dtype float64 reads it, and"
        : ";") + " --missing drop leaves such rows out";
  }

  /**
   * {@link DataChecks#requireLearnable}, with a label that looks continuous refused in the
   * launcher's own failure and with the option that reads it as a target ({@code --task
   * regression}); other refusals are thrown as they are.
   *
   * @param data what was read
   * @param source the file's name, as the message gives it
   * @param failure the launcher's failure, given the message and its cause
   * @throws UnlearnableDataException for data that cannot be learned, other than a continuous
   *     label
   */
  public static void requireLearnable(CsvData data, String source,
      BiFunction<String, Throwable, ? extends RuntimeException> failure) {
    try {
      DataChecks.requireLearnable(data, source);
    } catch (UnlearnableDataException e) {
      if (e.reason() == UnlearnableDataException.Reason.CONTINUOUS_LABEL) {
        throw failure.apply(e.getMessage() + "; to predict a number, use --task regression", e);
      }
      throw e;
    }
  }

  /** "1 row", "2,000 rows". */
  private static String rows(int n) {
    return String.format(Locale.ROOT, "%,d row%s", n, n == 1 ? "" : "s");
  }

  /**
   * A word-valued option as typed in any case ({@code --task Regression}, {@code --missing
   * DROP}): the option's word it spells, in lower case, or the text as typed when it spells none,
   * for the option's check to refuse in the user's own spelling.
   *
   * @param typed the option's value
   * @param words the option's words, in lower case
   * @return the word {@code typed} spells, or {@code typed}
   */
  public static String word(String typed, String... words) {
    for (String word : words) {
      if (word.equalsIgnoreCase(typed)) {
        return word;
      }
    }
    return typed;
  }

  /**
   * How a command line leaves a feature column out, given the column options it already has:
   * {@code take k out of --features}, {@code add k to --drop}, or {@code --drop k}, with a name
   * written as {@link #option} writes it.
   *
   * @param column the column's name
   * @param features the {@code --features} given, or null
   * @param drop the {@code --drop} given, or null
   * @return the advice, in the command line's terms
   */
  public static String leaveOut(String column, List<String> features, List<String> drop) {
    return leaveOut(List.of(column), features, drop);
  }

  /**
   * As {@link #leaveOut(String, List, List)}, for several columns at once.
   *
   * @param columns the columns' names, at least one
   * @param features the {@code --features} given, or null
   * @param drop the {@code --drop} given, or null
   * @return the advice, in the command line's terms
   */
  public static String leaveOut(List<String> columns, List<String> features,
      List<String> drop) {
    String listed = listed(columns);
    if (features != null) {
      return "take " + listed + " out of --features";
    }
    if (drop == null) {
      return option("--drop", columns);
    }
    // A name that needs quotes is given with the whole option, which then needs them too.
    return listed.equals(String.join(",", columns)) ? "add " + listed + " to --drop"
        : option("--drop", Stream.concat(drop.stream(), columns.stream()).toList());
  }

  /**
   * A list option with its column names, as typed at a shell: {@code --drop b}, {@code --drop
   * "first name"}, {@code --drop '"name, full"'}. A name that a split would cut, or that is
   * itself in double quotes, is in double quotes, which the reader takes off when no column has
   * the name with them; the list is quoted for the shell when it needs to be.
   *
   * @param option the option, such as {@code --drop}
   * @param columns the columns' names
   * @return the option and its value
   */
  public static String option(String option, List<String> columns) {
    return option + " " + shellWord(listed(columns));
  }

  /**
   * Column names as a list option holds them, for messages too: {@code "a,b",c} is two columns,
   * where {@code a,b,c} read as three.
   *
   * @param columns the columns' names
   * @return the names joined by commas, each as {@link #listed(String)} writes it
   */
  public static String listed(List<String> columns) {
    return columns.stream().map(CsvCommandLine::listed).collect(Collectors.joining(","));
  }

  /**
   * A name as a list option holds it: in double quotes if it holds a comma or is itself in
   * double quotes (which the reader would take off when no column has the name with them).
   *
   * @param name a column's name
   * @return the name, quoted when it needs to be
   */
  public static String listed(String name) {
    return name.contains(",") || !CsvColumns.unquoted(name).equals(name) ? "\"" + name + "\""
        : name;
  }

  /**
   * {@code text} as one shell word: as is when plain, in double quotes when only spaces and the
   * like need quoting, else in single quotes (a single quote in it written {@code '\''}).
   */
  private static String shellWord(String text) {
    if (SHELL_PLAIN.matcher(text).matches()) {
      return text;
    }
    return SHELL_SPECIAL_IN_DOUBLE.matcher(text).find()
        ? "'" + text.replace("'", "'\\''") + "'" : "\"" + text + "\"";
  }

  /**
   * A remedy of a refused split named by the option that gives it, in both launchers' words:
   * their {@code --test-fraction}, {@code --validation} and {@code --seed} mean the same, where
   * the library's message names no option ({@link UnlearnableDataException#message}).
   *
   * @param remedy what would mend the split
   * @param testFraction whether the running command takes {@code --test-fraction} (a loaded
   *     model keeps its saved fraction, and the built-in data sets hold out a fixed share)
   * @return the remedy's words, or null when the command has no option that gives it
   */
  public static String remedy(UnlearnableDataException.Remedy remedy, boolean testFraction) {
    return switch (remedy) {
      case MORE_ROWS -> remedy.words();
      case SMALLER_TEST_FRACTION -> testFraction ? "a smaller --test-fraction" : null;
      case SMALLER_VALIDATION_SHARE -> "a smaller --validation";
      case ANOTHER_SEED -> "another --seed";
    };
  }

  /**
   * {@code name} without one pair of surrounding double quotes, or as it is without them: the
   * second spelling under which a launcher's column option finds a column.
   *
   * @param name a column name as given
   * @return the name inside the quotes
   */
  public static String unquoted(String name) {
    return CsvColumns.unquoted(name);
  }
}
