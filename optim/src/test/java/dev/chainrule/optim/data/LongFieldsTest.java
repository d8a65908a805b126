package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.StringReader;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A long cell that is no number is refused in one pass: the decimal pattern backtracked through
 * every split of a run of digits followed by a letter, in time quadratic in its length (100,000
 * digits took 48 s, a million over an hour), so one such cell stopped the program for as long.
 */
class LongFieldsTest {
  /** The pattern before: the same texts, matched with backtracking. */
  private static final Pattern BACKTRACKING =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  @Test
  void aMillionDigitsAndALetterAreNoNumberAtOnce() {
    String cell = "1".repeat(1_000_000) + "x";
    String text = "x,label\n" + cell + ",a\n1,b\n";
    // Not a measure of speed: a guard against a hang. A linear pass takes milliseconds; the
    // backtracking one took over an hour on this cell, so 30 s cannot be reached by chance.
    NotANumberException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> assertThrows(NotANumberException.class, () -> CsvReader.builder()
            .labelColumn("label").build().read(new StringReader(text), "long.csv")));
    assertEquals("long.csv: line 2, column 1 (x): \"" + "1".repeat(40) + "…\" is not a number",
        e.getMessage());
  }

  @Test
  void theDecimalsAreThoseOfThePatternBefore() {
    SplittableRandom random = new SplittableRandom(3);
    String alphabet = "0123456789.eE+-x ";
    for (int trial = 0; trial < 200_000; trial++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(9); i > 0; i--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String t = text.toString();
      assertEquals(BACKTRACKING.matcher(t).matches(), CsvFields.isDecimal(t),
          () -> "\"" + t + "\"");
    }
  }

  /**
   * A numeric class label is read as an exact decimal, whose parsing takes time quadratic in its
   * length (a million digits: 14 s, four million: almost four minutes; these three million take
   * about two, past the guard below). No class is named by a number of over a thousand
   * characters: such a label is refused by its place, or its row left out under --missing drop,
   * in one pass.
   */
  @Test
  void aNumericLabelOfMillionsOfDigitsIsNoClass() throws Exception {
    // Finite as a double (a million-digit whole number is infinite, and refused as such).
    String label = "0." + "7".repeat(3_000_000);
    String text = "x,label\n1," + label + "\n2,0\n3,1\n4,0\n5,1\n";
    MissingValueException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> assertThrows(MissingValueException.class, () -> CsvReader.builder()
            .labelColumn("label").build().read(new StringReader(text), "long.csv")));
    assertEquals("long.csv: line 2, column 2 (label): class label \"0." + "7".repeat(38) + "…\" is"
        + " a number of 3,000,002 characters: no class is named by so long a number",
        e.getMessage());
    CsvData dropped = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> CsvReader.builder()
        .labelColumn("label").missingValues(MissingValues.DROP).build()
        .read(new StringReader(text), "long.csv"));
    assertEquals(1, dropped.droppedRows());
    assertEquals(java.util.List.of("0", "1"), dropped.classNames());
    // A thousand characters is still a number that names a class.
    String thousand = "0." + "9".repeat(998);
    CsvData read = CsvReader.builder().labelColumn("label").build().read(new StringReader(
        "x,label\n1," + thousand + "\n2,0\n"), "long.csv");
    assertEquals(java.util.List.of("0", thousand), read.classNames());
  }
}
