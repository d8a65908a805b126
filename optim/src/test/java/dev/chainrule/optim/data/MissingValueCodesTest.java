package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A missing value coded -999: read as a measurement, it squeezed the column's real values. */
class MissingValueCodesTest {
  private static List<String> warnings(String text) throws IOException {
    CsvData data = CsvReader.builder().labelColumn("y").build()
        .read(new StringReader(text), "m.csv");
    return MissingValueCodes.warnings(data, "m.csv");
  }

  @Test
  void aCodeOfNinesBeyondTheOtherValuesIsNamed() throws IOException {
    String text = "a,b,y\n1,52.5,p\n2,-999,n\n3,47,p\n4,61.25,n\n5,-999,p\n";
    assertEquals(List.of("warning: m.csv: the feature \"b\" holds -999 in 2 of 5 rows (40%),"
        + " beyond its other values (47 to 61.25): a code for a missing value? If so, empty"
        + " those cells (or write NA) and leave the rows out with --missing drop; read as a"
        + " number, it squeezes the column's real values together"), warnings(text));
  }

  /** 999 among values up to 1,500 is a reading like the others. */
  @Test
  void ninesWithinTheOtherValuesAreNoCode() throws IOException {
    assertEquals(List.of(), warnings("a,b,y\n1,999,p\n2,1500,n\n3,20,p\n4,999,n\n"));
  }

  /** A column of nothing but 9999 is a constant column's case, warned of as such. */
  @Test
  void aColumnOfTheCodeAloneIsNoCode() throws IOException {
    assertEquals(List.of(), warnings("a,b,y\n1,9999,p\n2,9999,n\n3,9999,p\n"));
  }

  @Test
  void codesAreNinesOfTwoDigitsOrMore() {
    assertTrue(MissingValueCodes.isCode(-99));
    assertTrue(MissingValueCodes.isCode(99999));
    assertFalse(MissingValueCodes.isCode(9));
    assertFalse(MissingValueCodes.isCode(-998));
    assertFalse(MissingValueCodes.isCode(999.5));
  }
}
