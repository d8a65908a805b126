package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

/**
 * A spreadsheet's percentages (64.5%) were refused as "not a number" alone, as if the column
 * held names; the message now says what the cell is and both of its readings.
 */
class PercentHintTest {
  private static String refusal(String cell) {
    return assertThrows(NotANumberException.class, () -> CsvReader.builder().labelColumn("y")
        .build().read(new StringReader("a,rate,y\n1," + cell + ",p\n2,3,n\n"), "r.csv"))
        .getMessage();
  }

  @Test
  void aPercentageNamesBothReadings() {
    assertEquals("r.csv: line 2, column 2 (rate): \"64.5%\" is not a number (a percentage:"
        + " numbers are read without the % sign, so write 64.5 for the percentage, or 0.645 for"
        + " the fraction)", refusal("64.5%"));
  }

  /** With a decimal comma, as German spreadsheets export it, the readings have a point. */
  @Test
  void aPercentageWithADecimalCommaIsReadWithAPoint() {
    assertTrue(refusal("\"7,5 %\"").contains("(a percentage: numbers are read without"
        + " the % sign, so write 7.5 for the percentage, or 0.075 for the fraction)"));
  }

  @Test
  void aPercentSignAloneIsText() {
    assertEquals("r.csv: line 2, column 2 (rate): \"%\" is not a number", refusal("%"));
  }
}
