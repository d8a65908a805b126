package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/**
 * Thousands grouped by dots (850, 1.200 for 1200), as European spreadsheets write them, read as
 * decimals: 1.2 below 850, the column scrambled, and train went on without a word.
 */
class ThousandsDotsTest {
  private static CsvData read(CsvReader.Builder reader, String text) throws IOException {
    return reader.labelColumn("y").build().read(new StringReader(text), "p.csv");
  }

  @Test
  void dotsGroupingThousandsBesideSmallNumbersAreRefused() {
    String text = "area,price,y\n0.5,850,a\n1.5,1.200,b\n2.5,2.345,b\n3.5,990,a\n";
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> read(CsvReader.builder(), text));
    assertEquals("p.csv: column \"price\": its dots look like thousands separators: \"1.200\""
        + " (line 3) reads as 1.2 beside \"850\" (line 2), where grouped thousands make it 1200;"
        + " numbers are read with a decimal point and no thousands separators: remove the dots"
        + " (1200), or, if they are decimal points, write whole numbers with their decimals"
        + " (850.000)", e.getMessage());
  }

  @Test
  void aRegressionTargetSoWrittenIsRefusedToo() {
    String text = "area,y\n0.5,850\n1.5,1.200\n2.5,-2.345\n3.5,990\n";
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> read(CsvReader.builder().regression(), text));
    assertTrue(e.getMessage().startsWith("p.csv: column \"y\": its dots look like"),
        e.getMessage());
  }

  /** Three decimals kept throughout (%.3f) write whole numbers as 850.000: decimals, read. */
  @Test
  void fixedDecimalsWithoutWholeNumbersAreRead() throws IOException {
    CsvData data = read(CsvReader.builder(), "x,y\n850.000,a\n1.200,b\n2.345,a\n");
    assertArrayEquals(new double[] {850, 1.2, 2.345}, data.dataset().features().toArray(), 0);
  }

  /**
   * A program writing decimals drops their trailing zeros (1.2): whole numbers beside decimals
   * of three digits none ending in 0 are decimals, read; so is a column holding 0.250.
   */
  @Test
  void decimalsWithoutATrailingZeroOrWithALeadingZeroAreRead() throws IOException {
    CsvData plain = read(CsvReader.builder(), "x,y\n850,a\n1.234,b\n2.345,a\n");
    assertArrayEquals(new double[] {850, 1.234, 2.345}, plain.dataset().features().toArray(), 0);
    CsvData small = read(CsvReader.builder(), "x,y\n850,a\n1.200,b\n0.250,a\n");
    assertArrayEquals(new double[] {850, 1.2, 0.25}, small.dataset().features().toArray(), 0);
  }
}
