package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A header name holding U+FEFF, which prints as nothing, is refused naming it: a file that begins
 * with two byte-order marks trained with a first feature named "\uFEFFsl". The one mark that
 * begins a file is read as no part of it. Other invisible characters may belong in a name (a
 * joiner), so they are not refused; a name not found for one of them says where it hides.
 */
class InvisibleHeaderTest {
  private static CsvData read(String text) throws IOException {
    return CsvReader.builder().labelColumn("y").build().read(new StringReader(text), "t.csv");
  }

  @Test
  void aSecondByteOrderMarkIsRefused() {
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> read("\uFEFF\uFEFFsl,sw,y\n1,2,a\n3,4,b\n"));
    assertEquals("t.csv: line 1: the header name of column 1, \"sl\", holds an invisible"
        + " character, U+FEFF (a byte-order mark; the file begins with a second one): remove it,"
        + " as columns are found by their names", e.getMessage());
  }

  @Test
  void oneInsideANameIsRefused() {
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> read("sl,s\uFEFFw,y\n1,2,a\n3,4,b\n"));
    assertEquals("t.csv: line 1: the header name of column 2, \"sw\", holds an invisible"
        + " character, U+FEFF (a byte-order mark): remove it, as columns are found by their"
        + " names", e.getMessage());
  }

  @Test
  void oneMarkAtTheStartIsNoPartOfTheFile() throws IOException {
    assertEquals(List.of("sl", "sw"), read("\uFEFFsl,sw,y\n1,2,a\n3,4,b\n").featureNames());
  }

  @Test
  void aNameNotFoundForAZeroWidthSpaceSaysWhereItHides() {
    // The list shows "y" (the space prints as nothing), so without the hint the refusal reads
    // as if the column were there.
    ColumnChoiceException e = assertThrows(ColumnChoiceException.class,
        () -> read("sl,sw,y\u200B\n1,2,a\n3,4,b\n"));
    assertEquals("t.csv: line 1: no column named \"y\" in the header (sl, sw, y\u200B) (the"
        + " header's \"y<U+200B>\" holds an invisible character, U+200B: remove it from the"
        + " file's header)", e.getMessage());
    // First in the name, where the search for it starts.
    ColumnChoiceException first = assertThrows(ColumnChoiceException.class,
        () -> read("sl,sw,\u200By\n1,2,a\n3,4,b\n"));
    assertEquals("t.csv: line 1: no column named \"y\" in the header (sl, sw, \u200By) (the"
        + " header's \"<U+200B>y\" holds an invisible character, U+200B: remove it from the"
        + " file's header)", first.getMessage());
  }
}
