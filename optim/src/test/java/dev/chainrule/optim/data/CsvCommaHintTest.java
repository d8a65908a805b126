package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A comma in a numeric cell, named for what it may be: a decimal comma (0,1257, in
 * CsvMissingAndColumnsTest), a thousands separator (1,000,000), or either (1,000), where the two
 * readings differ a thousandfold and the hint gives both.
 */
class CsvCommaHintTest {
  @Test
  void aCommaBetweenGroupsOfThreeDigitsMayBeEitherSeparator() {
    // It said "1.000, not a decimal comma": the wrong value where the comma groups digits.
    assertEquals("data.csv: line 2, column 1 (a): \"1,000\" is not a number (numbers are read"
        + " with a decimal point and no thousands separators: 1.000 if the comma is a decimal"
        + " comma, 1000 if it separates thousands)", notANumber("1,000"));
  }

  @Test
  void twoCommasOrACommaBeforeAPointCanOnlySeparateThousands() {
    assertEquals("data.csv: line 2, column 1 (a): \"1,000,000\" is not a number (numbers are"
        + " read without thousands separators: 1000000)", notANumber("1,000,000"));
    assertEquals("data.csv: line 2, column 1 (a): \"-1,234.5\" is not a number (numbers are"
        + " read without thousands separators: -1234.5)", notANumber("-1,234.5"));
  }

  @Test
  void otherCommasAreDecimalOrNothing() {
    assertEquals("data.csv: line 2, column 1 (a): \"12,5\" is not a number (numbers are read"
        + " with a decimal point: 12.5, not a decimal comma)", notANumber("12,5"));
    assertEquals("data.csv: line 2, column 1 (a): \"1,2,3\" is not a number", notANumber("1,2,3"));
    // A comma first: 0.5 written without its 0.
    assertEquals("data.csv: line 2, column 1 (a): \",5\" is not a number (numbers are read with"
        + " a decimal point: .5, not a decimal comma)", notANumber(",5"));
  }

  /** The message of reading {@code cell} as a feature, with semicolons between fields. */
  private static String notANumber(String cell) {
    byte[] text = ("a;y\n" + cell + ";yes\n").getBytes(StandardCharsets.UTF_8);
    return assertThrows(DataFormatException.class, () -> CsvReader.builder().delimiter(';')
        .labelColumn("y").build().read(new ByteArrayInputStream(text), "data.csv")).getMessage();
  }
}
