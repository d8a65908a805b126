package dev.chainrule.optim.data;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Data that reads correctly but cannot give a meaningful model or score: refused before training,
 * because a run on it would end with an accuracy of 1.0 for one class, a NaN score for an empty
 * test part, or hundreds of "classes" made from a real-valued column. {@link #reason()} tells
 * callers which case it is, so a program can add advice in its own terms, and {@link
 * #remedies()} what the message advises, so a program can name its own options for it.
 */
public final class UnlearnableDataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the data cannot be learned. */
  public enum Reason {
    /** No feature column is left (only the label, or every other column dropped). */
    NO_FEATURES,
    /** Too few rows to hold out a test part and still train. */
    TOO_FEW_ROWS,
    /** A single class, or a regression target with a single value: nothing to learn. */
    ONE_VALUE,
    /** Class labels that look like measurements: many distinct numbers, few rows each. */
    CONTINUOUS_LABEL,
    /** Class labels that look like names or ids: many distinct texts, mostly one row each. */
    IDENTIFYING_LABEL,
    /** Every feature holds one value in all rows: no input tells one label from another. */
    CONSTANT_FEATURES,
    /** A regression target whose values standardisation would merge (an extreme outlier). */
    UNRESOLVED_TARGET
  }

  /**
   * A change that would let refused data be learned, which the message names in words of no
   * program ("a smaller test fraction"), and a program may name by its own option ({@link
   * #message(Function)}): the library's words cannot know whether the fraction is {@code
   * --test-fraction}, a parameter of a call or fixed by the command.
   */
  public enum Remedy {
    /** More rows of data. */
    MORE_ROWS("more rows"),
    /** A smaller share of rows held out for testing. */
    SMALLER_TEST_FRACTION("a smaller test fraction"),
    /** A smaller share of the training rows held out for validation. */
    SMALLER_VALIDATION_SHARE("a smaller validation share"),
    /** Another seed of the random split. */
    ANOTHER_SEED("another seed");

    private final String words;

    Remedy(String words) {
      this.words = words;
    }

    /**
     * The remedy in words that name no option, as the message gives it.
     *
     * @return e.g. "a smaller test fraction"
     */
    public String words() {
      return words;
    }
  }

  /** Why. */
  private final Reason reason;

  /** The message before its remedies, or all of it when it has none. */
  private final String finding;

  /** What would mend it, in the order the message names them; may be empty. */
  private final List<Remedy> remedies;

  /**
   * The data is refused for {@code reason}, explained by {@code message}.
   *
   * @param reason why the data cannot be learned
   * @param message the one line for people
   */
  public UnlearnableDataException(Reason reason, String message) {
    this(reason, message, List.of());
  }

  /**
   * The data is refused for {@code reason}, explained by {@code finding} and followed by what
   * would mend it: the message is {@code "<finding>; give more rows or a smaller test
   * fraction"}.
   *
   * @param reason why the data cannot be learned
   * @param finding what is wrong, for people, without what to do
   * @param remedies what would mend it, in the order to name them; empty for none
   */
  public UnlearnableDataException(Reason reason, String finding, List<Remedy> remedies) {
    super(withRemedies(finding, remedies, Remedy::words));
    this.reason = checkNotNull(reason, "reason is null");
    this.finding = finding;
    this.remedies = List.copyOf(remedies);
  }

  /**
   * What would mend the data, as the message names them; a program names them by its options
   * with {@link #message(Function)}.
   *
   * @return the remedies, in the message's order; empty when it names none
   */
  public List<Remedy> remedies() {
    return remedies;
  }

  /**
   * The message with its remedies in a program's words, e.g. "give more rows or a smaller
   * --test-fraction"; a remedy {@code words} gives null for (an option the program lacks) is left
   * out, and with none left the message ends at its finding.
   *
   * @param words the program's words for each remedy, or null to leave it out
   * @return the message in those words; the message itself when it names no remedy
   */
  public String message(Function<Remedy, String> words) {
    checkNotNull(words, "message: words are null");
    return remedies.isEmpty() ? getMessage() : withRemedies(finding, remedies, words);
  }

  /** "finding; give a, b or c", the remedies in {@code words}; the finding alone for none. */
  private static String withRemedies(String finding, List<Remedy> remedies,
      Function<Remedy, String> words) {
    checkNotNull(finding, "the finding is null");
    List<String> named = checkNotNull(remedies, "remedies are null").stream().map(words)
        .filter(Objects::nonNull).toList();
    if (named.isEmpty()) {
      return finding;
    }
    String last = named.get(named.size() - 1);
    return finding + "; give " + (named.size() == 1 ? last
        : String.join(", ", named.subList(0, named.size() - 1)) + " or " + last);
  }

  /**
   * Which of the refusals this is.
   *
   * @return why the data cannot be learned
   */
  public Reason reason() {
    return reason;
  }
}
