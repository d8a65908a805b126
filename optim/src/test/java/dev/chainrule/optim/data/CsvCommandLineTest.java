package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The CSV options as command lines give them; the launchers' own tests are in the examples and
 * the Spark module, which the mutation run does not reach.
 */
class CsvCommandLineTest {
  @Test
  void aTabIsNamedThreeWaysAndAnyOtherSeparatorIsItsOneCharacter() {
    assertEquals('\t', CsvCommandLine.delimiter("tab"));
    // In any case, as the program's other word values (--task Regression, --optimizer ADAM).
    assertEquals('\t', CsvCommandLine.delimiter("TAB"));
    assertEquals('\t', CsvCommandLine.delimiter("Tab"));
    assertEquals('\t', CsvCommandLine.delimiter("\\t"));
    assertEquals('\t', CsvCommandLine.delimiter("\t"));
    assertEquals(';', CsvCommandLine.delimiter(";"));
    assertEquals('t', CsvCommandLine.delimiter("t"));
  }

  @Test
  void longerSeparatorsQuotesAndLineBreaksAreRefusedSayingWhatIsAccepted() {
    for (String bad : List.of("", ";;", "tabs", "\"", "\n", "\r")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> CsvCommandLine.delimiter(bad), bad);
      assertEquals("a delimiter is one character other than a double quote or a line break, or"
          + " tab; got '" + bad + "'", e.getMessage());
    }
    assertEquals("the delimiter is null", assertThrows(NullPointerException.class,
        () -> CsvCommandLine.delimiter(null)).getMessage());
  }

  @Test
  void theFirstNameGivenTwiceIsFound() {
    assertEquals(Optional.of("b"), CsvCommandLine.repeatedName(List.of("a", "b", "c", "b", "a")));
    assertEquals(Optional.empty(), CsvCommandLine.repeatedName(List.of("a", "b", "c")));
    assertEquals(Optional.empty(), CsvCommandLine.repeatedName(List.of()));
    assertEquals(Optional.empty(), CsvCommandLine.repeatedName(null));
    assertEquals(Optional.of("x"), CsvCommandLine.repeatedName(Arrays.asList("x", "x")));
  }
}
