package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/**
 * Numbers whose dots group thousands and that no decimal reading takes: two dots or more
 * (2.365.500), or dots before a decimal comma (1.234,56 in a file read with ';' between). They
 * were refused as text, with the advice to leave the column out, where they are millions.
 */
class GroupedMillionsTest {
  private static CsvData read(CsvReader.Builder reader, String text) throws IOException {
    return reader.labelColumn("y").build().read(new StringReader(text), "p.csv");
  }

  @Test
  void twoDotsGroupingThousandsAreNamedAsSuch() {
    String text = "area,price,y\n0.5,1.200,a\n1.5,2.365.500,b\n";
    NotANumberException e = assertThrows(NotANumberException.class,
        () -> read(CsvReader.builder(), text));
    assertEquals("p.csv: line 3, column 2 (price): \"2.365.500\" is not a number (its dots look"
        + " like thousands separators: numbers are read with a decimal point and no thousands"
        + " separators: 2365500)", e.getMessage());
  }

  @Test
  void dotsBeforeADecimalCommaAreNamedAsSuch() {
    String text = "area;price;y\n0.5;-1.234,56;a\n";
    NotANumberException e = assertThrows(NotANumberException.class,
        () -> read(CsvReader.builder().delimiter(';'), text));
    assertEquals("p.csv: line 2, column 2 (price): \"-1.234,56\" is not a number (its dots look"
        + " like thousands separators and its comma like a decimal comma: numbers are read with a"
        + " decimal point and no thousands separators: -1234.56)", e.getMessage());
  }

  /**
   * Text with dots that group no thousands gets no such hint: versions, addresses, dates with
   * groups other than three digits, a leading zero, a single dot (a decimal, read).
   */
  @Test
  void otherDottedTextGetsNoHint() throws IOException {
    for (String text : new String[] {"1.2.3", "10.0.0.1", "0.123.456", "12.34.567",
        "1.234.5678", "2024.01.15", "1.234,", ".123.456"}) {
      assertEquals("", CsvFields.numberHint(text), text);
    }
    CsvData data = read(CsvReader.builder(), "x,y\n1.234,a\n12.500,b\n");
    assertArrayEquals(new double[] {1.234, 12.5}, data.dataset().features().toArray(), 0);
  }
}
